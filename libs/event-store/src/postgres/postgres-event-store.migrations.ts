import type { Migration } from '@app/database';

/** Namespace of the shared advisory lock every appending transaction holds (two-key form: namespace, backend pid). */
export const APPENDER_LOCK_NAMESPACE = 1163067392;
/** Events one transaction may append; the low 16 bits of a position number them. */
export const EVENTS_PER_TRANSACTION = 65536;

/*
 * Positions are (transaction id + offset) << 16 | index within the transaction.
 *
 * Sequence values are handed out before commit, so a reader of "position > checkpoint" can skip an
 * event whose transaction commits late. Here a position is derived from the appending transaction's
 * id instead, and readers only read below pg_snapshot_xmin(pg_current_snapshot()): every transaction
 * with a lower id has ended, so nothing can ever commit below a position a reader has passed, and log
 * order equals position order. The offset keeps positions increasing after a dump and restore into a
 * cluster whose transaction ids start lower.
 *
 * A transaction that holds a transaction id for long (idle in transaction) holds readers back. Every
 * appender holds a shared advisory lock (APPENDER_LOCK_NAMESPACE) taken before its transaction id
 * exists; so after a bounded wait readers can look past transactions that never append (see
 * appender_horizon). An append must therefore be the first write of its transaction, and an append
 * inside a longer transaction is given an idle timeout so it cannot hold readers back forever.
 */
export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, log configuration, append and horizon functions',
    sql: `
CREATE SCHEMA IF NOT EXISTS event_store;

CREATE TABLE event_store.events (
  position bigint PRIMARY KEY,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  event_id uuid NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision),
  CONSTRAINT events_event_id_key UNIQUE (event_id)
);

CREATE TABLE event_store.log_config (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  xid_offset bigint NOT NULL DEFAULT 0
);
INSERT INTO event_store.log_config DEFAULT VALUES;

-- p_expected: >= 0 a revision, -1 no_stream, -2 any, -3 stream_exists.
-- Returns 'conflict' with the current revision when the expectation fails; the caller then decides
-- between an idempotent retry and WrongExpectedVersion.
CREATE FUNCTION event_store.append(
  p_stream text, p_expected bigint, p_ids uuid[], p_types text[], p_data jsonb, p_metadata jsonb
) RETURNS TABLE (outcome text, stream_revision bigint, last_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_current bigint;
  v_count integer := cardinality(p_ids);
  v_base bigint;
  v_index bigint := 0;
  v_continuing boolean := pg_current_xact_id_if_assigned() IS NOT NULL;
BEGIN
  IF v_continuing AND NOT EXISTS (
    SELECT 1 FROM pg_locks
    WHERE pid = pg_backend_pid() AND locktype = 'advisory' AND classid = ${APPENDER_LOCK_NAMESPACE}
      AND objid = pg_backend_pid() AND objsubid = 2) THEN
    RAISE EXCEPTION 'event_store.append must be the first write of its transaction'
      USING ERRCODE = '25000';
  END IF;
  IF transaction_timestamp() <> statement_timestamp() THEN
    PERFORM set_config('idle_in_transaction_session_timeout', '10s', true);
  END IF;
  PERFORM pg_advisory_xact_lock_shared(${APPENDER_LOCK_NAMESPACE}, pg_backend_pid());

  SELECT max(e.revision) INTO v_current FROM event_store.events e WHERE e.stream_id = p_stream;
  IF (p_expected = -1 AND v_current IS NOT NULL)
     OR (p_expected = -3 AND v_current IS NULL)
     OR (p_expected >= 0 AND v_current IS DISTINCT FROM p_expected) THEN
    RETURN QUERY SELECT 'conflict'::text, v_current, NULL::bigint;
    RETURN;
  END IF;

  SELECT (pg_current_xact_id()::text::bigint + c.xid_offset) << 16 INTO v_base FROM event_store.log_config c;
  IF v_continuing THEN
    SELECT coalesce(max(e.position) + 1 - v_base, 0) INTO v_index FROM event_store.events e
    WHERE e.position >= v_base AND e.position < v_base + ${EVENTS_PER_TRANSACTION};
  END IF;
  IF v_index + v_count > ${EVENTS_PER_TRANSACTION} THEN
    RAISE EXCEPTION 'at most ${EVENTS_PER_TRANSACTION} events per transaction' USING ERRCODE = '54000';
  END IF;

  INSERT INTO event_store.events (position, stream_id, revision, event_id, type, data, metadata)
  SELECT v_base + v_index + u.ord - 1, p_stream, coalesce(v_current, -1) + u.ord, u.id, u.t, d.value, m.value
  FROM unnest(p_ids, p_types) WITH ORDINALITY AS u(id, t, ord)
  JOIN jsonb_array_elements(p_data) WITH ORDINALITY AS d(value, ord) ON d.ord = u.ord
  JOIN jsonb_array_elements(p_metadata) WITH ORDINALITY AS m(value, ord) ON m.ord = u.ord;

  RETURN QUERY SELECT 'appended'::text, coalesce(v_current, -1) + v_count, v_base + v_index + v_count - 1;
END
$fn$;

-- The first position readers may not pass yet: no transaction below it is still running.
CREATE FUNCTION event_store.horizon() RETURNS bigint
LANGUAGE sql STABLE AS $fn$
  SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::bigint + c.xid_offset) << 16 FROM event_store.log_config c
$fn$;

-- Like horizon(), but only running appenders (holders of the appender lock) hold it back. Call it in
-- its own statement and read with a later snapshot: appenders that end after this snapshot but
-- before the lock scan must be visible to the read.
CREATE FUNCTION event_store.appender_horizon() RETURNS bigint
LANGUAGE sql VOLATILE AS $fn$
  WITH snap AS (SELECT pg_current_snapshot() AS s),
  appenders AS (
    SELECT t.transactionid::text::bigint AS xid32
    FROM pg_locks a
    JOIN pg_locks t ON t.pid = a.pid AND t.locktype = 'transactionid' AND t.mode = 'ExclusiveLock' AND t.granted
    WHERE a.locktype = 'advisory' AND a.classid = ${APPENDER_LOCK_NAMESPACE} AND a.objsubid = 2 AND a.granted
  )
  SELECT (coalesce(
      (SELECT min(x::text::bigint) FROM snap, pg_snapshot_xip(snap.s) AS x
       WHERE x::text::bigint % 4294967296 IN (SELECT xid32 FROM appenders)),
      (SELECT pg_snapshot_xmax(snap.s)::text::bigint FROM snap)) + c.xid_offset) << 16
  FROM event_store.log_config c
$fn$;
`,
  },
];

/** Run at every start: after a restore into a cluster with lower transaction ids, keep positions increasing. */
export const RECONCILE_XID_OFFSET = `
UPDATE event_store.log_config c
SET xid_offset = (SELECT max(position) >> 16 FROM event_store.events)
  - pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1
WHERE (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + c.xid_offset) << 16
  <= (SELECT coalesce(max(position), 0) FROM event_store.events)`;
