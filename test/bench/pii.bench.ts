import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { PostgresEventStore, type EventStore, type EventToAppend } from '../../libs/event-store/src';
import { ALL_PROJECTIONS, ensureProjection, migrateProjections } from '../../libs/projections/src';
import { ROUNDS, runWriters, STREAMS, type Row } from './append.bench';
import { withOwnDatabase } from './bench-database';
import { figure, percentile, type Figure } from './figures';
import type { BenchContext } from './main';
import { collect, growLog, protectedStore, rebuildAll, seedTemplate } from './read-models.bench';

/**
 * What encrypting personal data costs (docs/architecture.md, "Personal data"): the same work with encryption on
 * (the store every role uses) and off (the adapter alone), in the same run, alternating rounds.
 * `pii.append.*`: single-event appends of notes (a 200-byte body sealed under the account's key) by
 * 16 writers. `pii.rebuild.*`: every read model rebuilt over two logs of the same simulated history,
 * one sealed and one in the clear.
 */
export async function piiGroup({ pool: benchPool, url: benchUrl, scale, progress }: BenchContext): Promise<Figure[]> {
  const append = await withOwnDatabase(benchPool, benchUrl, 'pii_append', 24, (pool) =>
    appendRates(pool, scale, progress),
  );
  const rebuild = await withOwnDatabase(benchPool, benchUrl, 'pii_on', 24, (onPool, onUrl) =>
    withOwnDatabase(benchPool, benchUrl, 'pii_off', 24, (offPool) =>
      rebuildRates(onPool, onUrl, offPool, scale, progress),
    ),
  );
  return [
    figure('pii.append.events_per_s', append.on, 'events/s', append.off),
    figure('pii.append_ratio', append.on / append.off, 'ratio'),
    figure('pii.rebuild.events_per_s', rebuild.on, 'events/s', rebuild.off),
    figure('pii.rebuild_ratio', rebuild.on / rebuild.off, 'ratio'),
  ];
}

/** A note of 200 bytes on a ticket of one of 200 accounts: personal data of the account. */
function withNote(row: Row): EventToAppend {
  const accountId = `acct-${Number.parseInt(row.streamId.slice(-4), 16) % 200}`;
  const data = { ticketId: row.streamId, accountId, noteId: randomUUID(), authorId: 'agent-1', body: '', at: '' };
  data.at = new Date().toISOString();
  data.body = 'n'.repeat(200 - JSON.stringify(data).length);
  return { ...row.event, type: 'NoteAdded', data };
}

async function appendRates(pool: Pool, scale: number, progress: (message: string) => void) {
  const sealed = await protectedStore(pool);
  const modes = { off: sealed.stored, on: sealed as EventStore };
  const streams = {
    off: Array.from({ length: STREAMS }, () => ({ id: `ticket-${randomUUID()}`, next: 0 })),
    on: Array.from({ length: STREAMS }, () => ({ id: `ticket-${randomUUID()}`, next: 0 })),
  };
  const rates = { on: [] as number[], off: [] as number[] };
  for (let round = 0; round <= ROUNDS; round += 1) {
    // Each mode goes first in every other round: neither always meets the larger log.
    for (const mode of round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      progress(`pii.append: ${round === 0 ? 'warm-up' : `round ${round}/${ROUNDS}`}, encryption ${mode}`);
      const measured = await runWriters(streams[mode], Math.round(8_000 * scale), 1, async (rows) => {
        const expected = rows[0].revision === 0 ? 'no_stream' : BigInt(rows[0].revision - 1);
        await modes[mode].append(rows[0].streamId, rows.map(withNote), expected);
      });
      if (round > 0) rates[mode].push(measured.eventsPerSecond);
    }
  }
  return { on: percentile(rates.on, 50), off: percentile(rates.off, 50) };
}

async function rebuildRates(
  onPool: Pool,
  onUrl: string,
  offPool: Pool,
  scale: number,
  progress: (message: string) => void,
) {
  const on = await protectedStore(onPool);
  await PostgresEventStore.migrate(offPool);
  const off = new PostgresEventStore(offPool);
  for (const pool of [onPool, offPool]) {
    await migrateProjections(pool);
    for (const projection of ALL_PROJECTIONS) await ensureProjection(pool, projection);
  }
  progress('pii.rebuild: seeding a simulated year (the template)');
  await seedTemplate(onUrl);
  const template = (await collect(on)).filter((event) => event.streamId.includes('tpl-'));
  const target = Math.round(100_000 * scale);
  const events = {
    on: await growLog(on, template, template.length, target, progress),
    off: await growLog(off, template, 0, target, progress),
  };
  const rates = { on: [] as number[], off: [] as number[] };
  for (let round = 1; round <= ROUNDS; round += 1) {
    progress(`pii.rebuild: round ${round}/${ROUNDS}`);
    if (round % 2 === 0) rates.on.push(await rebuildAll(onPool, on, events.on));
    rates.off.push(await rebuildAll(offPool, off, events.off));
    if (round % 2 === 1) rates.on.push(await rebuildAll(onPool, on, events.on));
  }
  await on.close();
  return { on: percentile(rates.on, 50), off: percentile(rates.off, 50) };
}
