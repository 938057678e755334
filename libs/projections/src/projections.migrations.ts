import type { Migration } from '@app/database';

export const PROJECTION_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'projection status',
    sql: `
      CREATE SCHEMA IF NOT EXISTS projections;
      -- One row per projection: its live schema and checkpoint, state, and a rebuild in progress.
      CREATE TABLE projections.status (
        name text PRIMARY KEY,
        active_schema text NOT NULL,
        position bigint NOT NULL DEFAULT 0,
        state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'failed')),
        error text,
        failed_position bigint,
        unknown_events bigint NOT NULL DEFAULT 0,
        last_recorded_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        rebuild_schema text,
        rebuild_position bigint,
        rebuild_target bigint,
        rebuild_unknown_events bigint NOT NULL DEFAULT 0,
        rebuild_started_at timestamptz,
        generation integer NOT NULL DEFAULT 1);`,
  },
  {
    version: 2,
    name: 'timeline summaries made when read',
    sql: `
      -- The summary is a function of type and payload: made when read, so that a rebuild can copy
      -- the timeline inside the database. Existing timelines (live or being rebuilt) lose the column.
      DO $$
      DECLARE s text;
      BEGIN
        FOR s IN SELECT table_schema FROM information_schema.columns WHERE table_schema LIKE 'rm\\_timeline\\_%' AND table_name = 'entries' AND column_name = 'summary' LOOP
          EXECUTE format('ALTER TABLE %I.entries DROP COLUMN summary', s);
        END LOOP;
      END $$;`,
  },
];
