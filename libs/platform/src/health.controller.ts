import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Metrics } from '@app/observability';
import { PG_POOL } from './platform.tokens';
import { Readiness } from './readiness';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: Metrics,
    private readonly readiness: Readiness,
  ) {}

  @ApiOperation({ summary: 'Liveness: the process answers.' })
  @Get('health')
  @ApiOkResponse({
    description: 'The process is alive',
    schema: {
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', enum: ['ok'] } },
      example: { status: 'ok' },
    },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @ApiOperation({
    summary:
      'Readiness: the database answers, the event log can be read, and the checks of other modules (read models and their lag).',
  })
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ description: 'Ready to serve' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down: `error` names it and says why' })
  ready() {
    return this.health.check([
      async () => {
        const check = this.indicators.check('database');
        try {
          await this.pool.query('SELECT 1');
          return check.up();
        } catch (error) {
          return check.down({ message: (error as Error).message });
        }
      },
      async () => {
        const check = this.indicators.check('eventStore');
        try {
          const head = await this.store.headPosition();
          const stall = (await this.metrics.horizonStallSeconds.get()).values[0]?.value ?? 0;
          return check.up({ headPosition: head.toString(), readerStallSeconds: stall });
        } catch (error) {
          return check.down({ message: (error as Error).message });
        }
      },
      ...[...this.readiness.checks].map(([name, run]) => async () => {
        const check = this.indicators.check(name);
        try {
          return check.up(await run());
        } catch (error) {
          return check.down({ message: (error as Error).message });
        }
      }),
    ]);
  }
}
