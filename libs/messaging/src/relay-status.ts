import type { Pool } from 'pg';
import type { EventStore } from '@app/event-store';
import { readCheckpoint } from './relay-store';

export interface RelayStatus {
  relay: string;
  /** Whether KAFKA_BROKERS is set (the relay runs where ROLES includes relay). */
  enabled: boolean;
  position: string;
  lag: { events: number; eventsAtLeast: boolean; seconds: number };
  deadLettered: number;
  lastRecordedAt: string | null;
}

/** The relay's checkpoint and how far behind the log it is (events counted up to `lagLimit`). */
export async function relayStatus(
  pool: Pool,
  store: EventStore,
  name: string,
  enabled: boolean,
  lagLimit = 1000,
): Promise<RelayStatus> {
  const checkpoint = await readCheckpoint(pool, name);
  const behind = await store.readAll({ after: checkpoint.position, limit: lagLimit });
  return {
    relay: name,
    enabled,
    position: checkpoint.position.toString(),
    lag: {
      events: behind.length,
      eventsAtLeast: behind.length === lagLimit,
      seconds: behind.length > 0 ? Math.round(Math.max(0, Date.now() - behind[0].recordedAt.getTime())) / 1000 : 0,
    },
    deadLettered: checkpoint.deadLettered,
    lastRecordedAt: checkpoint.lastRecordedAt?.toISOString() ?? null,
  };
}
