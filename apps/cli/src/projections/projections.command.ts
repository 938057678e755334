import { Inject } from '@nestjs/common';
import { Command, Option, SubCommand } from 'nest-commander';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ProjectionAdmin, ProjectionStatusService, Rebuilder, type Projection } from '@app/projections';
import { logFraction, progressBar } from '../progress';
import { writeOut } from '../stdout';
import { OperatorCommand } from '../operator-command';

@SubCommand({ name: 'status', description: 'State, position and lag of every projection (JSON)' })
export class ProjectionsStatusCommand extends OperatorCommand {
  constructor(private readonly status: ProjectionStatusService) {
    super();
  }

  async run(): Promise<void> {
    await writeOut(`${JSON.stringify(await this.status.list(), null, 2)}\n`);
  }
}

@SubCommand({
  name: 'rebuild',
  arguments: '[name]',
  description: 'Rebuild a read model (or --all) beside the live one and swap when caught up',
})
export class ProjectionsRebuildCommand extends OperatorCommand {
  constructor(
    private readonly admin: ProjectionAdmin,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super();
  }

  async run([name]: string[], flags: { all?: boolean }): Promise<void> {
    if (!flags.all && !name)
      throw new Error(`name a projection (${this.admin.projections.map((p) => p.name).join(', ')}) or pass --all`);
    const found = flags.all ? this.admin.projections : [this.admin.find(name)];
    if (found.some((projection) => !projection))
      throw new Error(
        `no projection is named '${name}'; known: ${this.admin.projections.map((p) => p.name).join(', ')}`,
      );
    const projections = found as Projection[];
    const [first] = await this.store.readAll({ limit: 1 });
    const rebuilders = projections.map((projection) => this.admin.rebuilder(projection));
    const schemas: string[] = [];
    for (const rebuilder of rebuilders) schemas.push(await rebuilder.request());
    const names = projections.map((projection) => projection.name).join(', ');
    const bar = progressBar(`rebuild ${names}`, 'permille of the log');
    bar.start(1000, 0);
    // One pass over the log for all of them; a running projector leader may share the work (each batch is fenced).
    await Rebuilder.together(rebuilders, this.store, this.admin.batchSize, (progress) =>
      bar.update(Math.round(1000 * logFraction(first?.position ?? 0n, progress.position, progress.target))),
    );
    bar.update(1000);
    bar.stop();
    for (const [i, projection] of projections.entries())
      await writeOut(`${JSON.stringify({ projection: projection.name, live: schemas[i] })}\n`);
  }

  @Option({ flags: '--all', description: 'every projection, in one pass over the log' })
  parseAll(): boolean {
    return true;
  }
}

@Command({
  name: 'projections',
  description: 'Read models: status, rebuild',
  subCommands: [ProjectionsStatusCommand, ProjectionsRebuildCommand],
})
export class ProjectionsCommand extends OperatorCommand {
  async run(): Promise<void> {
    throw new Error('use `projections status` or `projections rebuild <name>|--all`');
  }
}
