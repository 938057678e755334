import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { CLOCK, type Clock } from '@app/commanding';
import type { AppConfig } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { RELAY_NAME, relayStatus } from '@app/messaging';
import { APP_CONFIG, PG_POOL } from '@app/platform';
import { ALL_PROJECTIONS, ProjectionAdmin, ProjectionStatusService } from '@app/projections';
import { readModelView, slaClockBacklog } from '@app/sla-clock';
import { OneOf } from '@app/validation';
import { ApiAnswer } from '../openapi/api-answer.decorator';
import type {
  ProjectionResponse,
  ProjectionsResponse,
  RelayStatusResponse,
  SlaClockStatusResponse,
} from '../openapi/responses';
import { ApiError } from '../shared/api-error';
import { Authorized } from '../shared/auth/auth.guard';
import { PathParam } from '../shared/request.decorators';

const ProjectionName = OneOf(ALL_PROJECTIONS.map((projection) => projection.name));

/** Operator endpoints under /v1/admin (scope admin): read models, the relay, the SLA clock. */
@ApiTags('admin')
@Controller('v1/admin')
export class AdminHttpController {
  constructor(
    private readonly admin: ProjectionAdmin,
    private readonly status: ProjectionStatusService,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOperation({
    summary:
      'Every projection: state (running, rebuilding, failed with the error and position), position, lag in events and seconds.',
  })
  @Get('projections')
  @ApiAnswer('ProjectionsResponse')
  @Authorized('admin')
  async listProjections(): Promise<ProjectionsResponse> {
    return { projections: await this.status.list() };
  }

  @ApiOperation({
    summary: 'Rebuilds a read model from position 0 beside the live one and swaps when caught up; queries stay online.',
  })
  @Post('projections/:name/rebuild')
  @HttpCode(202)
  @Authorized('admin')
  @ApiAcceptedResponse({
    description: 'Rebuild requested (or already running); the body is the projection status',
    schema: { $ref: '#/components/schemas/ProjectionResponse' },
  })
  async rebuildProjection(@PathParam('name', ProjectionName) name: string): Promise<ProjectionResponse> {
    const projection = this.admin.find(name);
    if (!projection)
      throw new ApiError(404, 'projection_not_found', `no projection is named '${name}'`, {
        known: this.admin.projections.map((p) => p.name),
      });
    // The projector leader fills the new generation beside the live one and swaps when caught up.
    await this.admin.rebuilder(projection).request();
    const [status] = await this.status.list(name);
    return status;
  }

  @ApiOperation({
    summary:
      'The Kafka relay: enabled or not, checkpoint, lag behind the log in events and seconds, messages sent to the DLQ.',
  })
  @Get('relay')
  @ApiAnswer('RelayStatusResponse')
  @Authorized('admin')
  getRelayStatus(): Promise<RelayStatusResponse> {
    return relayStatus(this.pool, this.store, RELAY_NAME, Boolean(this.config.KAFKA_BROKERS));
  }

  /** Read from the database: the same whichever process runs the clock. */
  @ApiOperation({
    summary: "The SLA clock's lag: at-risk and due instants that have come and are not recorded yet, and the earliest.",
  })
  @Get('sla-clock')
  @ApiAnswer('SlaClockStatusResponse')
  @Authorized('admin')
  async getSlaClockStatus(): Promise<SlaClockStatusResponse> {
    return slaClockBacklog(this.pool, await readModelView(this.pool), this.clock.now());
  }
}
