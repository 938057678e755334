import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { logToStderr } from '@app/platform';
import { CliModule } from './cli.module';

/** `support-ops <command>`: operator commands on the same configuration as the service. */
async function main(): Promise<void> {
  logToStderr();
  await CommandFactory.run(CliModule, { logger: ['error', 'warn'], cliName: 'support-ops', errorHandler: fail, serviceErrorHandler: fail });
}

function fail(error: Error): never {
  process.stderr.write(`support-ops: ${error.message}\n`);
  process.exit(1);
}

main().catch(fail);
