import Chromium from '@sparticuz/chromium';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Headless Chromium carried by the @sparticuz/chromium package (unpacked into the temp directory on
 * first use): no download and no system browser, so `npm install && npm test` is enough. Its GL
 * flags are left out: without a GPU they crash this Chromium at start (eglGetProcAddress).
 */
export async function launchChromium(): Promise<Browser> {
  const args = Chromium.args.filter((arg) => !/gl|angle|swiftshader|gpu/.test(arg));
  return chromium.launch({
    executablePath: await Chromium.executablePath(),
    args: [...args, '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    headless: true,
  });
}

/**
 * A fresh tab (its own session storage and cache) on the console, in a locale Intl understands
 * whatever LANG is; with `key`, as if it had been entered in this tab before; `watch` sees the page
 * before it loads (to follow its requests).
 */
export async function consoleTab(
  browser: Browser,
  baseUrl: string,
  hash = '',
  key?: string,
  watch: (page: Page) => void = () => undefined,
): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  if (key)
    await context.addInitScript({
      content: `sessionStorage.setItem(${JSON.stringify(CONSOLE_KEY_ITEM)}, ${JSON.stringify(key)})`,
    });
  const page = await context.newPage();
  watch(page);
  await page.goto(`${baseUrl}/console/${hash}`);
  return page;
}

/** Where the console keeps the key for the tab (apps/console/src/api.ts). */
const CONSOLE_KEY_ITEM = 'support-ops.console.key';

/** Enters `key` at the console's key prompt. */
export async function enterKey(page: Page, key: string): Promise<void> {
  await page.fill('input[name=key]', key);
  await page.click('.key-gate button[type=submit]');
}
