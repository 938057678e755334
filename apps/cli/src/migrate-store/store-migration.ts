import { isDeepStrictEqual } from 'node:util';
import type { Pool } from 'pg';
import { runMigrations, type Migration } from '@app/database';
import type { EventStore, RecordedEvent } from '@app/event-store';

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'store migration progress',
    sql: `
      -- One row per copy (e.g. postgres->eventstoredb): the last source position copied, so an
      -- interrupted copy resumes there.
      CREATE TABLE public.store_migrations (
        name text PRIMARY KEY,
        source_position numeric(20) NOT NULL DEFAULT 0,
        copied bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now());`,
  },
];

const PAGE = 1000;

export interface CopyProgress {
  /** Events copied so far, in all runs of this copy. */
  copied: number;
  /** Source position of the last event copied. */
  position: bigint;
}

export interface Difference {
  /** 0-based index of the first event that differs in log order. */
  index: number;
  source?: ComparableEvent;
  target?: ComparableEvent;
}

/** What must be equal on both sides: everything but the store's own position and time of recording. */
export type ComparableEvent = Pick<RecordedEvent, 'eventId' | 'streamId' | 'type' | 'data' | 'metadata'> & {
  revision: string;
};

async function* logOf(store: EventStore): AsyncGenerator<RecordedEvent> {
  for (let after: bigint | undefined; ;) {
    const page = await store.readAll({ after, limit: PAGE });
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1].position;
  }
}

function comparable(event: RecordedEvent): ComparableEvent {
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    revision: event.revision.toString(),
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

/**
 * Copies a log from one event store to another in log order, preserving event ids, types, data,
 * metadata and stream revisions: each run of consecutive events of one stream is appended with
 * the revision before it as the expectation, so a target that already holds something else
 * refuses (WrongExpectedVersion) instead of mixing histories, and a copy interrupted between an
 * append and its checkpoint resumes with an idempotent retry of that append.
 */
export class StoreMigration {
  constructor(
    private readonly source: EventStore,
    private readonly target: EventStore,
    private readonly pool: Pool,
    readonly name: string,
  ) {}

  static async migrate(pool: Pool): Promise<void> {
    await runMigrations(pool, 'store_migrations', MIGRATIONS);
  }

  async progress(): Promise<CopyProgress> {
    await this.pool.query('INSERT INTO store_migrations (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [this.name]);
    const { rows } = await this.pool.query<{ source_position: string; copied: string }>(
      'SELECT source_position, copied FROM store_migrations WHERE name = $1',
      [this.name],
    );
    return { position: BigInt(rows[0].source_position), copied: Number(rows[0].copied) };
  }

  /** Copies what the source holds after the saved progress; `onPage` with that progress, then after every saved page. */
  async copy(onPage: (progress: CopyProgress) => void = () => undefined): Promise<CopyProgress> {
    let progress = await this.progress();
    onPage(progress);
    for (;;) {
      const events = await this.source.readAll({ after: progress.position, limit: PAGE });
      if (events.length === 0) return progress;
      for (let start = 0; start < events.length;) {
        let end = start + 1;
        while (end < events.length && events[end].streamId === events[start].streamId) end += 1;
        const run = events.slice(start, end);
        await this.target.append(
          run[0].streamId,
          run.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })),
          run[0].revision === 0n ? 'no_stream' : run[0].revision - 1n,
        );
        start = end;
      }
      progress = { position: events[events.length - 1].position, copied: progress.copied + events.length };
      await this.pool.query(
        'UPDATE store_migrations SET source_position = $2, copied = $3, updated_at = now() WHERE name = $1',
        [this.name, progress.position.toString(), progress.copied],
      );
      onPage(progress);
    }
  }

  /** Reads both logs side by side and returns the first difference (in log order), if any. */
  async verify(
    onPage: (compared: number, sourcePosition: bigint) => void = () => undefined,
  ): Promise<{ compared: number; difference?: Difference }> {
    const [sources, targets] = [logOf(this.source), logOf(this.target)];
    for (let compared = 0; ; compared++) {
      const [source, target] = await Promise.all([sources.next(), targets.next()]);
      if (source.done && target.done) return { compared };
      const [a, b] = [
        source.done ? undefined : comparable(source.value),
        target.done ? undefined : comparable(target.value),
      ];
      if (!isDeepStrictEqual(a, b)) return { compared, difference: { index: compared, source: a, target: b } };
      if ((compared + 1) % PAGE === 0) onPage(compared + 1, (source.value as RecordedEvent).position);
    }
  }

  /** Where the source's event at `position` sits in the target: the same stream and revision. */
  async targetPositionOf(position: bigint): Promise<bigint | undefined> {
    if (position === 0n) return 0n;
    const [event] = await this.source.readAll({ after: position - 1n, limit: 1 });
    if (!event || event.position !== position) return undefined;
    const [copied] = await this.target.readStream(event.streamId, { fromRevision: event.revision, limit: 1 });
    return copied?.eventId === event.eventId ? copied.position : undefined;
  }
}
