#!/usr/bin/env node
// Screenshots of the console's pages for docs/console.md (docs/console/*.png), taken in the headless
// Chromium the tests use, from a running API: node tools/console-screenshots.cjs <url> <key>
// (`npm run demo` prints both). The ticket and account shown are the first of the first queue.
const Chromium = require('@sparticuz/chromium');
const { chromium } = require('playwright-core');
const { mkdirSync } = require('node:fs');
const { join } = require('node:path');

const [baseUrl = 'http://localhost:3100', key] = process.argv.slice(2);
const out = join(__dirname, '../docs/console');

async function firstQueued() {
  const get = async (path) =>
    (await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } })).json();
  const { queues } = await get('/v1/queues');
  const [item] = (await get(`/v1/queues/${queues[0].group}?limit=1`)).items;
  return item;
}

async function main() {
  if (!key) throw new Error('usage: node tools/console-screenshots.cjs <url> <key>');
  const { ticketId, accountId } = await firstQueued();
  mkdirSync(out, { recursive: true });
  // Without a GPU, this Chromium's GL flags crash it at start (see test/support/browser.ts).
  const args = Chromium.args.filter((arg) => !/gl|angle|swiftshader|gpu/.test(arg));
  const browser = await chromium.launch({
    executablePath: await Chromium.executablePath(),
    args: [...args, '--disable-gpu'],
  });
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  await context.addInitScript({ content: `sessionStorage.setItem('support-ops.console.key', ${JSON.stringify(key)})` });
  const page = await context.newPage();
  const pages = [
    ['queues', '#/queues', 'table.queue'],
    ['ticket', `#/tickets/${ticketId}`, 'table.sla'],
    ['account', `#/accounts/${accountId}`, 'table.factors'],
    ['reports', '#/reports', 'table.renewals'],
    ['operations', '#/operations', 'table.projections'],
  ];
  for (const [name, hash, ready] of pages) {
    await page.goto(`${baseUrl}/console/${hash}`);
    await page.reload();
    await page.waitForSelector(ready);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, `${name}.png`) });
    process.stdout.write(`wrote docs/console/${name}.png\n`);
  }
  await browser.close();
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
