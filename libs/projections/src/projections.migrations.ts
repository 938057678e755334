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
];
