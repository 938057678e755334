import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ProjectionAdmin, ProjectionStatusService } from '@app/projections';
import { logFraction, progressBar } from '../progress';

@SubCommand({ name: 'status', description: 'State, position and lag of every projection (JSON)' })
export class ProjectionsStatusCommand extends CommandRunner {
  constructor(private readonly status: ProjectionStatusService) {
    super();
  }

  async run(): Promise<void> {
    process.stdout.write(`${JSON.stringify(await this.status.list(), null, 2)}\n`);
  }
}

@SubCommand({ name: 'rebuild', arguments: '[name]', description: 'Rebuild a read model (or --all) beside the live one and swap when caught up' })
export class ProjectionsRebuildCommand extends CommandRunner {
  constructor(
    private readonly admin: ProjectionAdmin,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super();
  }

  async run([name]: string[], flags: { all?: boolean }): Promise<void> {
    if (!flags.all && !name) throw new Error(`name a projection (${this.admin.projections.map((p) => p.name).join(', ')}) or pass --all`);
    const projections = flags.all ? this.admin.projections : [this.admin.find(name)];
    if (projections.some((projection) => !projection)) throw new Error(`no projection is named '${name}'; known: ${this.admin.projections.map((p) => p.name).join(', ')}`);
    const [first] = await this.store.readAll({ limit: 1 });
    for (const projection of projections) {
      if (!projection) continue;
      const rebuilder = this.admin.rebuilder(projection);
      const schema = await rebuilder.request();
      const bar = progressBar(`rebuild ${projection.name}`, 'permille of the log');
      bar.start(1000, 0);
      // A running projector leader may share the work; each batch is fenced, so both can go on.
      await rebuilder.run((progress) => bar.update(Math.round(1000 * logFraction(first?.position ?? 0n, progress.position, progress.target))));
      bar.update(1000);
      bar.stop();
      process.stdout.write(`${JSON.stringify({ projection: projection.name, live: schema })}\n`);
    }
  }

  @Option({ flags: '--all', description: 'every projection, one after the other' })
  parseAll(): boolean {
    return true;
  }
}

@Command({ name: 'projections', description: 'Read models: status, rebuild', subCommands: [ProjectionsStatusCommand, ProjectionsRebuildCommand] })
export class ProjectionsCommand extends CommandRunner {
  async run(): Promise<void> {
    throw new Error('use `projections status` or `projections rebuild <name>|--all`');
  }
}
