import type { Browser, Page } from 'playwright-core';
import { readStatus } from '../../libs/projections/src';
import { sha256Hex } from '../../libs/commanding/src';
import {
  API_MAIN,
  exited,
  killLeftoverProcesses,
  runCli,
  spawnBuilt,
  type BuiltProcess,
} from '../support/built-process';
import { consoleTab, enterKey, launchChromium } from '../support/browser';
import { freePort } from '../support/free-port';
import { readModelsCaughtUp } from '../support/read-models-caught-up';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The operator console in a real browser (headless Chromium) against the built API (`npm start`)
 * on a seeded database: what each page shows is what the API answers.
 */
const KEYS = { reader: 'sk_console_reader', operator: 'sk_console_operator' };
/** The seeded history: 2026-11-10 to 2026-11-30. */
const HISTORY = { from: '2026-11-10', year: 2026 };

let db: TestDatabase;
let api: BuiltProcess;
let baseUrl: string;
let browser: Browser;

/** GET on the API with the operator's key. */
async function apiGet<T>(path: string): Promise<T> {
  const answer = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${KEYS.operator}` } });
  if (!answer.ok) throw new Error(`GET ${path}: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as T;
}

/** A console tab with the operator's key entered, on `hash`. */
async function signedIn(hash = '', key = KEYS.operator): Promise<Page> {
  const page = await consoleTab(browser, baseUrl, hash);
  await enterKey(page, key);
  await page.waitForSelector('header nav');
  return page;
}

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();
const rows = (page: Page, selector: string) => page.locator(`${selector} tbody tr`).count();

/** Waits until the page shows what `check` looks for (the console loads and refreshes on its own). */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 20_000; !(await check()); await new Promise((resolve) => setTimeout(resolve, 100)))
    if (Date.now() > deadline) throw new Error(`the console did not show ${what}`);
}

beforeAll(async () => {
  db = await createTestDatabase(4);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  api = spawnBuilt(API_MAIN, [], {
    ...db.env,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    CHECKPOINT_INTERVAL_MS: '1000',
    API_KEYS: JSON.stringify([
      { id: 'dashboard', sha256: sha256Hex(KEYS.reader), scopes: ['read'] },
      { id: 'ops', sha256: sha256Hex(KEYS.operator), scopes: ['read', 'admin'] },
    ]),
  });
  for (const deadline = Date.now() + 60_000; !(await fetch(`${baseUrl}/health`).catch(() => undefined))?.ok;) {
    if (api.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the API did not start:\n${api.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // Three weeks of support, some tickets still open at the end. The same weeks every day: a history
  // ending on the day of the run changed with the date (on 2026-12-02 no queue held three tickets).
  const seeded = await runCli(
    ['seed', '--accounts', '30', '--from', HISTORY.from, '--days', '21', '--prefix', 'ui'],
    db.env,
  );
  if (seeded.code !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
  // Every read model has applied the seeded history before any page is compared with the API.
  await readModelsCaughtUp(baseUrl, KEYS.operator);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  api?.child.kill('SIGTERM');
  if (api) await exited(api.child);
  killLeftoverProcesses();
  await db?.drop();
});

describe('the operator console', () => {
  it('serves itself compressed, small, and from the API alone', async () => {
    const page = await consoleTab(browser, baseUrl);
    const foreign: string[] = [];
    page.on('request', (request) => void (!request.url().startsWith(baseUrl) && foreign.push(request.url())));
    const answer = await page.goto(`${baseUrl}/console/`);
    expect(answer?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.waitForSelector('.key-gate');
    const script = (await page.locator('script[type=module]').getAttribute('src'))!;
    const bundle = await fetch(`${baseUrl}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(bundle.headers.get('content-encoding')).toBe('gzip');
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('says clearly that the API refused a wrong key, and shows no data', async () => {
    const page = await consoleTab(browser, baseUrl);
    await enterKey(page, 'sk_not_a_key');
    const alert = page.locator('.key-gate [role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^The API refused this key: .+ \(unauthorized\)$/);
    expect(await page.locator('header nav').count()).toBe(0);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.context().close();
  });

  it('keeps the key for the tab: a reload stays signed in, another tab asks again', async () => {
    const page = await signedIn('#/queues');
    await page.reload();
    await page.waitForSelector('header nav');
    const other = await consoleTab(browser, baseUrl);
    await other.waitForSelector('.key-gate');
    await Promise.all([page.context().close(), other.context().close()]);
  });

  it('lists in each queue the tickets the API lists, in its order, with its counts', async () => {
    const { queues } = await apiGet<{ queues: Array<{ group: string; total: number; breached: number }> }>(
      '/v1/queues',
    );
    // Enough to see an order: more than one group, and one with several tickets.
    expect(queues.length).toBeGreaterThan(1);
    expect(Math.max(...queues.map((queue) => queue.total))).toBeGreaterThan(2);
    const page = await signedIn();
    for (const queue of queues) {
      await page.goto(`${baseUrl}/console/#/queues/${queue.group}`);
      const listed = await apiGet<{ items: Array<{ ticketId: string; slaState: string }> }>(
        `/v1/queues/${queue.group}?limit=50`,
      );
      await until(
        `the ${listed.items.length} tickets of ${queue.group}`,
        async () =>
          (await page.locator('h2').first().textContent()) === queue.group &&
          (await rows(page, 'table.queue')) === listed.items.length,
      );
      expect(
        await page.locator('table.queue tbody tr').evaluateAll((rows) => rows.map((row) => row.dataset.ticket)),
      ).toEqual(listed.items.map((item) => item.ticketId));
      expect(await page.locator('p.counts').textContent()).toContain(`${queue.total} open`);
      expect(await texts(page, 'table.queue tbody td:last-child')).toEqual(
        listed.items.map((item) => item.slaState.replace(/_/g, ' ')),
      );
    }
    await page.context().close();
  });

  it('shows a ticket with its SLA clocks and history, and as of its first event', async () => {
    const [queue] = (await apiGet<{ queues: Array<{ group: string }> }>('/v1/queues')).queues;
    const [item] = (await apiGet<{ items: Array<{ ticketId: string }> }>(`/v1/queues/${queue.group}?limit=1`)).items;
    const ticket = await apiGet<{ status: string; sla: { targets: unknown[] } }>(`/v1/tickets/${item.ticketId}`);
    const history = await apiGet<{ events: Array<{ position: string }> }>(`/v1/tickets/${item.ticketId}/history`);
    const page = await signedIn(`#/queues/${queue.group}`);
    await page.click(`table.queue a[href="#/tickets/${item.ticketId}"]`);
    await page.waitForSelector('table.sla');
    expect(await rows(page, 'table.sla')).toBe(ticket.sla.targets.length);
    expect(await page.locator('table.sla [role=meter]').count()).toBe(ticket.sla.targets.length);
    expect(await rows(page, 'table.events')).toBe(history.events.length);
    expect(await page.locator('.facts').textContent()).toContain(ticket.status);
    await page.locator('.as-of input').fill('0');
    await until('the ticket as of its first event', async () =>
      Boolean((await page.locator('.facts').textContent())?.includes('Revision0 ')),
    );
    expect(await page.locator('.facts').textContent()).toContain('new');
    expect(await rows(page, 'table.events')).toBe(1);
    await page.context().close();
  });

  it('shows an account with its health factors and weights, and its timeline', async () => {
    const accountId = 'ui-a0001';
    const health = await apiGet<{ score: number; factors: Array<{ factor: string; weight: number }> }>(
      `/v1/accounts/${accountId}/health`,
    );
    const timeline = await apiGet<{ entries: unknown[] }>(`/v1/accounts/${accountId}/timeline?limit=100`);
    const page = await signedIn(`#/accounts/${accountId}`);
    await page.waitForSelector('table.factors');
    await page.waitForSelector('table.events');
    expect(await page.locator('.score b').textContent()).toBe(String(health.score));
    expect(
      await page.locator('table.factors tbody tr').evaluateAll((rows) => rows.map((row) => row.dataset.factor)),
    ).toEqual(health.factors.map((factor) => factor.factor));
    expect(await texts(page, 'table.factors tbody td:nth-child(3)')).toEqual(
      health.factors.map((factor) => String(factor.weight)),
    );
    expect(await rows(page, 'table.events')).toBe(timeline.entries.length);
    await page.selectOption('select[name=type]', 'AccountOnboarded');
    await until('the timeline filtered to one type', async () => (await rows(page, 'table.events')) === 1);
    await page.context().close();
  });

  it('charts SLA compliance and lists retention and renewals as the API reports them', async () => {
    const { year } = HISTORY;
    const quarters = await Promise.all(
      ['Q1', 'Q2', 'Q3', 'Q4'].map((quarter) =>
        apiGet<{ currencies: Array<{ nrr: number | null }> }>(`/v1/metrics/retention?period=${year}-${quarter}`),
      ),
    );
    const { renewals } = await apiGet<{ renewals: unknown[] }>('/v1/renewals?withinDays=90');
    const page = await signedIn('#/reports');
    await page.locator('input[name=year]').fill(String(year));
    await page.locator('input[name=year]').press('Tab');
    await page.waitForSelector('table.retention');
    await until('three charts', async () => (await page.locator('.chart canvas').count()) === 3);
    await page.waitForSelector('table.renewals');
    const nrr = quarters
      .flatMap((answer) => answer.currencies.map((figures) => figures.nrr))
      .map((rate) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`));
    expect(nrr.length).toBeGreaterThan(0);
    // The page shows the current year first, then the one entered.
    await until(
      `the NRR of ${year}`,
      async () => (await texts(page, 'table.retention td.nrr')).join('|') === nrr.join('|'),
    );
    expect(await texts(page, 'table.retention td.nrr')).toEqual(nrr);
    expect(await rows(page, 'table.renewals')).toBe(renewals.length);
    await page.context().close();
  });

  it('rebuilds a read model from the Operations page and shows it running again', async () => {
    const [before] = await readStatus(db.pool, 'timeline');
    const page = await signedIn('#/operations');
    const row = page.locator('tr[data-projection=timeline]');
    await row.locator('button', { hasText: 'Rebuild' }).click();
    for (const deadline = Date.now() + 60_000; ; await new Promise((resolve) => setTimeout(resolve, 200))) {
      const [status] = await readStatus(db.pool, 'timeline');
      if (status.active_schema !== before.active_schema && !status.rebuild_schema) break;
      if (Date.now() > deadline) throw new Error('the rebuild the console started did not complete');
    }
    // The page follows on its own (live refresh): running again, with its button back.
    await row.locator('button', { hasText: 'Rebuild' }).waitFor();
    expect(await row.locator('.badge').textContent()).toBe('running');
    expect(await page.locator('.head').textContent()).toMatch(/^\d+$/);
    // The ledger signs the seeded log within CHECKPOINT_INTERVAL_MS; the page shows it live.
    await page.locator('.ledger .checkpoint', { hasText: 'events, signed' }).waitFor({ timeout: 30_000 });
    await page.context().close();
  });

  it('tells a key without the admin scope which scope Operations needs', async () => {
    const page = await signedIn('#/operations', KEYS.reader);
    const alert = page.locator('[role=alert]').first();
    await alert.waitFor();
    expect(await alert.textContent()).toContain('this key lacks the scope for it');
    expect(await alert.textContent()).toContain('admin');
    await page.context().close();
  });
});
