import type { Migration } from '@app/database';

/** Namespace of the shared, session-level advisory lock every appending session holds (two-key form). */
export const APPENDER_LOCK_NAMESPACE = 1163067392;

/*
 * Positions are (transaction id + offset) << 16 | index within the transaction (so an append holds
 * fewer than 65,536 events; the port's limit is lower).
 *
 * Sequence values are handed out before commit, so a reader of "position > checkpoint" can skip an
 * event whose transaction commits late. Here a position is derived from the appending transaction's
 * id instead, and readers only read below pg_snapshot_xmin(pg_current_snapshot()): every transaction
 * with a lower id has ended, so nothing can ever commit below a position a reader has passed, and log
 * order equals position order. The offset keeps positions increasing after a dump and restore into a
 * cluster whose transaction ids start lower.
 *
 * A transaction that holds a transaction id for long (idle in transaction) holds readers back. A
 * session registers as an appender on its first append (register_appender): it takes a shared
 * session-level advisory lock (APPENDER_LOCK_NAMESPACE) before its transaction has an id, and gets an
 * idle-in-transaction timeout. After a bounded wait readers look past transactions of sessions that
 * never registered (see appender_horizon); a session can only register before its transaction writes,
 * so such a transaction can never append below a position readers have passed. One append per
 * transaction: a second one would reuse the transaction's positions and fail. A registration is
 * the lock and the setting event_store.appender together: DISCARD ALL drops both (the session then
 * registers again), but a bare pg_advisory_unlock_all() drops only the lock, after which readers
 * could look past that session's appends. Nothing here calls it; pooled sessions must not either.
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

-- Called by the append statements (APPEND_EVENT, APPEND_EVENTS) on a session's first append.
CREATE FUNCTION event_store.register_appender() RETURNS boolean
LANGUAGE plpgsql AS $fn$
DECLARE
  -- pg_settings gives milliseconds; current_setting() gives text with units such as '1min'.
  v_idle_limit integer := (SELECT setting::integer FROM pg_settings WHERE name = 'idle_in_transaction_session_timeout');
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'a session''s first append must be the first write of its transaction'
      USING ERRCODE = '25000';
  END IF;
  PERFORM pg_advisory_lock_shared(${APPENDER_LOCK_NAMESPACE}, 0);
  PERFORM set_config('event_store.xid_offset', (SELECT xid_offset::text FROM event_store.log_config), false);
  PERFORM set_config('event_store.appender', 'on', false);
  IF v_idle_limit = 0 OR v_idle_limit > 10000 THEN
    PERFORM set_config('idle_in_transaction_session_timeout', '10s', false);
  END IF;
  RETURN true;
END
$fn$;

-- The first position readers may not pass yet: no transaction below it is still running.
CREATE FUNCTION event_store.horizon() RETURNS bigint
LANGUAGE sql STABLE AS $fn$
  SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::bigint + c.xid_offset) << 16 FROM event_store.log_config c
$fn$;

-- Like horizon(), but only transactions of registered appender sessions (holders of the appender
-- lock) hold it back. Call it in its own statement and read with a later snapshot: appenders that
-- end after this snapshot but before the lock scan must be visible to the read.
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
  {
    version: 2,
    name: 'hash chain',
    // Events recorded before this version keep a NULL hash: the chain of their stream starts at its
    // first event appended after it (see hash-chain.ts). sha256() is built in from PostgreSQL 11.
    sql: `
ALTER TABLE event_store.events ADD COLUMN hash bytea;

-- The hashes of events appended after one whose hash is previous (NULL: none), one per digest.
CREATE FUNCTION event_store.chain(previous bytea, digests bytea[]) RETURNS bytea[]
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  hashes bytea[] := '{}';
  current bytea := previous;
  digest bytea;
BEGIN
  FOREACH digest IN ARRAY digests LOOP
    current := sha256(coalesce(current, ''::bytea) || digest);
    hashes := hashes || current;
  END LOOP;
  RETURN hashes;
END
$fn$;
`,
  },
];

/**
 * Run at every start and on every new connection, before the session's first append reads the
 * offset: after a restore into a cluster with lower transaction ids, positions keep increasing.
 */
export const RECONCILE_XID_OFFSET = `
UPDATE event_store.log_config c
SET xid_offset = (SELECT max(position) >> 16 FROM event_store.events)
  - pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1
WHERE (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + c.xid_offset) << 16
  <= (SELECT coalesce(max(position), 0) FROM event_store.events)`;

/** SQL for an event's digest (hash-chain.ts): SHA-256 of jsonb's text of [id, type, data, metadata]. */
export function digestOf(id: string, type: string, data: string, metadata: string): string {
  return `sha256(convert_to(jsonb_build_array(${id}, ${type}, ${data}, ${metadata})::text, 'UTF8'))`;
}

/** The position of the event at `index` within this transaction's appends (see the top of this file). */
const positionAt = (index: string) =>
  `((pg_current_xact_id()::text::bigint + current_setting('event_store.xid_offset', true)::bigint) << 16) + ${index}`;

/** Whether a stream at `revision` (-1: none) meets an expectation code (below). */
const expectationHolds = (expected: string, revision: string) =>
  `CASE ${expected} WHEN -2 THEN true WHEN -1 THEN ${revision} = -1 WHEN -3 THEN ${revision} >= 0 ELSE ${revision} = ${expected} END`;

/** True once this session is a registered appender; registers it on its first append (see register_appender). */
const REGISTERED_APPENDER = `(SELECT current_setting('event_store.appender', true) = 'on' OR event_store.register_appender())`;

/** The revision and hash of a stream's last event. */
const lastEventOf = (stream: string) =>
  `(SELECT revision, hash FROM event_store.events WHERE stream_id = ${stream} ORDER BY revision DESC LIMIT 1)`;

/*
 * One statement, one round trip: the whole append. $1 stream, $2 expectation (>= 0 a revision,
 * -1 no_stream, -2 any, -3 stream_exists), then the events. It inserts nothing when the
 * expectation fails; the caller then reads why. Each event's digest (hash-chain.ts) is computed here,
 * over jsonb's own text of [event id, type, data, metadata], the canonical form. The stream's last event gives both the
 * revision the expectation is checked against and the hash the new events chain to, from one snapshot:
 * a rival append in between fails on the (stream_id, revision) key, never chains to a stale hash.
 * The InitPlan in WHERE runs once, before the first row is projected, so a session registers as an
 * appender (and learns the position offset) before pg_current_xact_id() gives this transaction its id.
 */
function appendStatement(rows: {
  from: string;
  index: string;
  id: string;
  type: string;
  data: string;
  metadata: string;
  digests: string;
}): string {
  return `
INSERT INTO event_store.events (position, stream_id, revision, event_id, type, data, metadata, hash)
SELECT ${positionAt(rows.index)},
       $1, s.revision + ${rows.index} + 1, ${rows.id}, ${rows.type}, ${rows.data}, ${rows.metadata}, s.hashes[${rows.index} + 1]
FROM (SELECT coalesce(last.revision, -1) AS revision, event_store.chain(last.hash, ${rows.digests}) AS hashes
      FROM (SELECT) one LEFT JOIN LATERAL
        ${lastEventOf('$1')} last ON true) s${rows.from}
WHERE ${expectationHolds('$2::bigint', 's.revision')}
  AND ${REGISTERED_APPENDER}
RETURNING position, revision`;
}

/**
 * The events of a statement as rows (id, t, data, metadata, ord): $ids uuid[], $types text[], and JSON
 * arrays of data and metadata. Each array is parsed once: `$n::jsonb -> i` in a row's expression
 * may parse the whole array again for every row of a generic plan (measured: appends of 10 events
 * at half the rate of plain INSERTs, groups of 100 slower still).
 */
const eventRows = (ids: string, types: string, data: string, metadata: string) =>
  `ROWS FROM (unnest(${ids}::uuid[]), unnest(${types}::text[]), jsonb_array_elements(${data}::jsonb), jsonb_array_elements(${metadata}::jsonb))
     WITH ORDINALITY`;

/** $3 event ids (uuid[]), $4 types (text[]), $5 and $6 JSON arrays of data and metadata. */
export const APPEND_EVENTS = `
WITH u AS MATERIALIZED (SELECT * FROM ${eventRows('$3', '$4', '$5', '$6')} AS u(id, t, data, metadata, ord))
${appendStatement({
  from: ', u',
  index: '(u.ord - 1)',
  id: 'u.id',
  type: 'u.t',
  data: 'u.data',
  metadata: 'u.metadata',
  digests: `(SELECT array_agg(${digestOf('d.id::text', 'd.t', 'd.data', 'd.metadata')} ORDER BY d.ord) FROM u d)`,
})}`;

/** The common case, a single event, without unnesting arrays: $3 event id, $4 type, $5 data, $6 metadata. */
export const APPEND_EVENT = appendStatement({
  from: '',
  index: '0',
  id: '$3::uuid',
  type: '$4::text',
  data: '$5::jsonb',
  metadata: '$6::jsonb',
  digests: `ARRAY[${digestOf('$3::uuid::text', '$4::text', '$5::jsonb', '$6::jsonb')}]`,
});

/*
 * Several appends to distinct streams in one statement and one commit (group commit, append-groups.ts),
 * each checked against its own expectation: an append that fails it inserts nothing, the others go
 * in. $1 streams, $2 expectations (codes as above), $3 the index of each append's first event and
 * $4 its count, then all events as in APPEND_EVENTS ($5 ids, $6 types, $7 and $8 data and metadata).
 * An event's index in the group is its index within the transaction's positions.
 */
export const APPEND_GROUP = `
WITH e AS MATERIALIZED (
  SELECT (u.ord - 1)::integer AS g, u.id, u.t, u.data, u.metadata
    FROM ${eventRows('$5', '$6', '$7', '$8')} AS u(id, t, data, metadata, ord)
), s AS MATERIALIZED (
  SELECT a.stream_id, a.expected, a.first, a.count, coalesce(last.revision, -1) AS revision,
         event_store.chain(last.hash, (SELECT array_agg(${digestOf('e.id::text', 'e.t', 'e.data', 'e.metadata')} ORDER BY e.g)
                                        FROM e WHERE e.g >= a.first AND e.g < a.first + a.count)) AS hashes
    FROM unnest($1::text[], $2::bigint[], $3::integer[], $4::integer[]) AS a(stream_id, expected, first, count)
    LEFT JOIN LATERAL
      ${lastEventOf('a.stream_id')} last ON true
)
INSERT INTO event_store.events (position, stream_id, revision, event_id, type, data, metadata, hash)
SELECT ${positionAt('e.g')},
       s.stream_id, s.revision + (e.g - s.first) + 1, e.id, e.t, e.data, e.metadata, s.hashes[e.g - s.first + 1]
  FROM s JOIN e ON e.g >= s.first AND e.g < s.first + s.count
 WHERE ${expectationHolds('s.expected', 's.revision')}
   AND ${REGISTERED_APPENDER}
RETURNING position, stream_id, revision`;
