import type { Browser, Page } from 'playwright-core';
import { consoleTab, launchChromium } from '../support/browser';
import { freePort } from '../support/free-port';
import { readModelsCaughtUp } from '../support/read-models-caught-up';
import type { BenchContext } from './main';
import { withOwnDatabase } from './bench-database';
import { figure, percentile, type Figure } from './figures';
import { KEY, MAIN, startProcess } from './http.bench';
import { seedTemplate } from './read-models.bench';

const LOADS = 15;
const READY_MARK = 'console:queue-ready';

/**
 * The console's queue page on the demo's database (`npm run demo`: a simulated year of 60 accounts),
 * each load in a fresh browser context (empty cache, key already entered for the tab).
 * `console.first_paint_ms`: from navigation to the queue's rows painted (the page's own mark), the
 * median of 15 loads; floor: the first contentful paint of /health from the same server, the least a
 * page of this API can take. `console.transferred_kb`: the console's files (HTML, script, styles) as
 * they crossed the wire, compressed; the API's JSON answers are counted apart.
 */
export async function consoleGroup({ pool: benchPool, url: benchUrl, progress }: BenchContext): Promise<Figure[]> {
  return withOwnDatabase(benchPool, benchUrl, 'console', 8, async (_pool, url) => {
    progress('console: seeding the demo history (60 accounts, a year)');
    await seedTemplate(url, []);
    const port = await freePort();
    const stop = await startProcess(MAIN, { DATABASE_URL: url, PORT: String(port), ROLES: 'api,projector' }, port);
    const browser = await launchChromium();
    try {
      const baseUrl = `http://127.0.0.1:${port}`;
      await readModelsCaughtUp(baseUrl, KEY);
      const loads: QueueLoad[] = [];
      const floors: number[] = [];
      for (let load = 0; load < LOADS; load += 1) {
        floors.push(await healthPaint(browser, baseUrl));
        loads.push(await queueLoad(browser, baseUrl));
      }
      progress(`console: ${LOADS} loads of the queue page, ${loads[0].rows} rows on the first`);
      const last = loads[loads.length - 1];
      return [
        figure('console.first_paint_ms', median(loads.map((load) => load.readyMs)), 'ms', median(floors)),
        figure('console.transferred_kb', last.consoleBytes / 1024, 'KB'),
        figure('console.api_answers_kb', last.apiBytes / 1024, 'KB'),
      ];
    } finally {
      await browser.close();
      await stop();
    }
  });
}

interface QueueLoad {
  readyMs: number;
  rows: number;
  consoleBytes: number;
  apiBytes: number;
}

async function queueLoad(browser: Browser, baseUrl: string): Promise<QueueLoad> {
  const sizes: Array<Promise<{ url: string; bytes: number }>> = [];
  const page = await consoleTab(browser, baseUrl, '#/queues', KEY, (tab) =>
    tab.on('requestfinished', (request) =>
      sizes.push(request.sizes().then((size) => ({ url: request.url(), bytes: size.responseBodySize }))),
    ),
  );
  const readyMs = await markTime(page, READY_MARK);
  const rows = await page.locator('table.queue tbody tr').count();
  const transferred = await Promise.all(sizes);
  const bytesOf = (part: string) =>
    transferred.filter((entry) => new URL(entry.url).pathname.startsWith(part)).reduce((sum, e) => sum + e.bytes, 0);
  await page.context().close();
  return { readyMs, rows, consoleBytes: bytesOf('/console/'), apiBytes: bytesOf('/v1/') };
}

/** First contentful paint of /health (a few bytes of JSON) in a fresh context: the floor of any page. */
async function healthPaint(browser: Browser, baseUrl: string): Promise<number> {
  const page: Page = await consoleTab(browser, baseUrl);
  await page.goto(`${baseUrl}/health`);
  const paint = await markTime(page, 'first-contentful-paint');
  await page.context().close();
  return paint;
}

/** When the page's performance entry `name` (a mark or a paint) happened, in ms from navigation. */
async function markTime(page: Page, name: string): Promise<number> {
  // Functions, not strings: the console's Content-Security-Policy forbids eval.
  await page.waitForFunction((entry) => performance.getEntriesByName(entry).length > 0, name);
  return page.evaluate((entry) => performance.getEntriesByName(entry)[0].startTime, name);
}

const median = (values: number[]): number => percentile(values, 50);
