import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { Inject } from '@nestjs/common';
import type { Pool } from 'pg';
import { Command, Option, SubCommand } from 'nest-commander';
import type { OperationsEvent } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { AppConfig } from '@app/config';
import {
  migrateMessaging,
  readCheckpoint,
  RELAY_NAME,
  RelayForwardRefusedError,
  relayStatus,
  resetCheckpoint,
} from '@app/messaging';
import { APP_CONFIG, PG_POOL } from '@app/platform';
import { writeOut } from '../stdout';
import { OperatorCommand } from '../operator-command';

@SubCommand({ name: 'status', description: 'The relay checkpoint, its lag and the DLQ count (JSON)' })
export class RelayStatusCommand extends OperatorCommand {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(): Promise<void> {
    await migrateMessaging(this.pool);
    await writeOut(
      `${JSON.stringify(await relayStatus(this.pool, this.store, RELAY_NAME, Boolean(this.config.KAFKA_BROKERS)))}\n`,
    );
  }
}

/**
 * Replays the log to downstream consumers from a position: the relay's checkpoint moves there (a
 * running relay notices at its next batch and starts again from it). Recorded first as an event in
 * `operations-relay-<name>`, so the log says who replayed what and why.
 */
@SubCommand({
  name: 'reset',
  description: 'Move the relay checkpoint to a log position (replay to consumers), audited in the log',
})
export class RelayResetCommand extends OperatorCommand {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super();
  }

  async run(_args: string[], flags: { toPosition?: bigint; reason?: string; forward?: boolean }): Promise<void> {
    if (flags.toPosition === undefined) throw new Error('--to-position is required (0 replays the whole log)');
    const head = await this.store.headPosition();
    if (flags.toPosition > head)
      throw new Error(`--to-position ${flags.toPosition} is past the head of the log (${head})`);
    await migrateMessaging(this.pool);
    const { position: from } = await readCheckpoint(this.pool, RELAY_NAME);
    // Refused before anything is recorded; the relay only moves the checkpoint on, so a replay checked here stays one.
    if (flags.toPosition > from && !flags.forward) throw new RelayForwardRefusedError(from, flags.toPosition);
    const event: OperationsEvent = {
      type: 'RelayCheckpointReset',
      data: {
        relay: RELAY_NAME,
        fromPosition: from.toString(),
        toPosition: flags.toPosition.toString(),
        reason: flags.reason ?? null,
      },
    };
    const id = randomUUID();
    await this.store.append(
      `operations-relay-${RELAY_NAME}`,
      [
        {
          eventId: id,
          type: event.type,
          data: event.data,
          metadata: {
            schemaVersion: 1,
            occurredAt: new Date().toISOString(),
            actor: { kind: 'system', id: `cli:${userInfo().username}` },
            correlationId: id,
            causationId: id,
            source: 'support-ops/cli',
          },
        },
      ],
      'any',
    );
    const previous = await resetCheckpoint(this.pool, RELAY_NAME, flags.toPosition, { forward: flags.forward });
    await writeOut(
      `${JSON.stringify({ relay: RELAY_NAME, from: previous.toString(), to: flags.toPosition.toString() })}\n`,
    );
  }

  @Option({ flags: '--to-position <position>', description: 'log position after which the relay produces again' })
  parseToPosition(value: string): bigint {
    if (!/^\d{1,19}$/.test(value)) throw new Error('--to-position must be a log position (digits)');
    return BigInt(value);
  }

  @Option({ flags: '--reason <text>', description: 'why (kept in the audit event)' })
  parseReason(value: string): string {
    return value;
  }

  @Option({
    flags: '--forward',
    description: 'allow a move past the checkpoint (the events in between are not produced), as after migrate-store',
  })
  parseForward(): boolean {
    return true;
  }
}

@Command({
  name: 'relay',
  description: 'Kafka relay: status, reset',
  subCommands: [RelayStatusCommand, RelayResetCommand],
})
export class RelayCommand extends OperatorCommand {
  async run(): Promise<void> {
    throw new Error('use `relay status` or `relay reset --to-position <position>`');
  }
}
