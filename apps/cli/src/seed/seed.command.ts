import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'nest-commander';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { runHistory, simulate, type SimulationOptions } from '@app/simulator';
import { toSend } from './simulated-command.mapper';
import { writeOut } from '../stdout';
import { OperatorCommand } from '../operator-command';

interface SeedFlags {
  seed: number;
  accounts: number;
  from: string;
  days: number;
  prefix: string;
  concurrency: number;
}

const positive = (name: string) => (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} must be a positive integer`);
  return number;
};

/** `support-ops seed`: fills the database with a realistic, deterministic history through the command side. */
@Command({
  name: 'seed',
  description: 'Simulate a period of B2B support (accounts, policies, tickets, contracts) through the command side',
})
export class SeedCommand extends OperatorCommand {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super();
  }

  async run(_args: string[], flags: SeedFlags): Promise<void> {
    const options: SimulationOptions = {
      seed: flags.seed,
      accounts: flags.accounts,
      from: flags.from,
      days: flags.days,
      prefix: flags.prefix,
    };
    const firstAccount = `account-${options.prefix}-a0001`;
    if ((await this.store.readStream(firstAccount, { limit: 1 })).length > 0) {
      throw new Error(
        `this database already holds a history with prefix '${options.prefix}' (${firstAccount}); pass another --prefix`,
      );
    }
    const history = simulate(options);
    const bar = new SingleBar({
      format: 'seed {bar} {percentage}% | {value}/{total} commands | {rate}/s | ETA {eta_formatted}',
      stream: process.stderr,
      etaBuffer: 200,
    });
    const meta = {
      actor: { kind: 'system' as const, id: 'simulator' },
      correlationId: `seed-${options.prefix}-${options.seed}`,
      source: 'support-ops/seed',
    };
    const started = performance.now();
    bar.start(history.length, 0, { rate: 0 });
    const report = await runHistory(
      history,
      async (command) => {
        await this.commands.execute(toSend(command, { ...meta, causationId: randomUUID() }));
      },
      {
        concurrency: flags.concurrency,
        onProgress: (done) => bar.update(done, { rate: Math.round(done / ((performance.now() - started) / 1000)) }),
      },
    );
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    const summary = {
      ...options,
      commands: history.length,
      accounts: history.filter((command) => command.kind === 'onboard-account').length,
      tickets: history.filter((command) => command.kind === 'open-ticket').length,
      failed: report.failures.length,
      seconds: Math.round(seconds * 10) / 10,
      commandsPerSecond: Math.round(history.length / seconds),
      headPosition: (await this.store.headPosition()).toString(),
    };
    await writeOut(`${JSON.stringify(summary, null, 2)}\n`);
    if (report.failures.length > 0) {
      const [first] = report.failures;
      throw new Error(
        `${report.failures.length} simulated commands were refused; first: ${first.command.kind} on ${first.command.stream}: ${first.error instanceof Error ? first.error.message : String(first.error)}`,
      );
    }
  }

  @Option({
    flags: '--seed <n>',
    description: 'random seed: the same seed gives the same history (default 42)',
    defaultValue: 42,
  })
  parseSeed(value: string): number {
    return positive('seed')(value);
  }

  @Option({ flags: '--accounts <n>', description: 'customer accounts (default 60)', defaultValue: 60 })
  parseAccounts(value: string): number {
    return positive('accounts')(value);
  }

  @Option({
    flags: '--from <date>',
    description: 'first simulated day, YYYY-MM-DD (default 2025-11-01)',
    defaultValue: '2025-11-01',
  })
  parseFrom(value: string): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
      throw new Error('--from must be a YYYY-MM-DD date');
    return value;
  }

  @Option({ flags: '--days <n>', description: 'simulated days (default 365)', defaultValue: 365 })
  parseDays(value: string): number {
    return positive('days')(value);
  }

  @Option({
    flags: '--prefix <text>',
    description: "prefix of every generated id (default 'sim')",
    defaultValue: 'sim',
  })
  parsePrefix(value: string): string {
    if (!/^[A-Za-z0-9]{1,16}$/.test(value)) throw new Error('--prefix must be 1–16 letters or digits');
    return value;
  }

  @Option({ flags: '--concurrency <n>', description: 'commands in flight (default 16)', defaultValue: 16 })
  parseConcurrency(value: string): number {
    return positive('concurrency')(value);
  }
}
