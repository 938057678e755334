import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@app/commanding';
import { readModelView, slaClockBacklog, type SlaClockBacklog } from '@app/sla-clock';
import { ReadModels } from '../../../shared/read-model';
import { GetSlaClockStatusQuery } from './get-sla-clock-status.query';

/** The SLA clock's backlog, read from the database: the same whichever process runs the clock. */
@QueryHandler(GetSlaClockStatusQuery)
export class GetSlaClockStatusHandler implements IQueryHandler<GetSlaClockStatusQuery, SlaClockBacklog> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(): Promise<SlaClockBacklog> {
    return slaClockBacklog(this.readModels.pool, await readModelView(this.readModels.pool), this.clock.now());
  }
}
