// The console in a real browser (see chromium.ts): one browser per test file; every test gets fresh
// contexts (their own session storage); a page that throws or reaches off the machine fails its
// test. Screenshots are test artefacts, kept in test-artifacts/console/ (not committed).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { consoleUrl, launchChromium } from './chromium.js';

export { consoleUrl } from './chromium.js';

/** Where screenshots are written. */
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-artifacts/console');

/** A page of the console, the uncaught errors its scripts threw and what it tried to fetch from elsewhere. */
export interface ConsolePage {
  page: Page;
  errors: string[];
  /** Requests to any host but this machine's loopback: refused, and a test failure (the console works offline). */
  offMachine: string[];
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** One browser for the file's tests, a context per page, and a check that no page threw or reached off the machine. */
export function useBrowser(): { open(): Promise<ConsolePage> } {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const opened: ConsolePage[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    const pages = opened.splice(0);
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(pages.flatMap((each) => each.errors), 'uncaught errors in the console').toEqual([]);
    expect(pages.flatMap((each) => each.offMachine), 'requests off the machine (a CDN, a font)').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    open: async () => {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
      contexts.push(context);
      const each: ConsolePage = { page: await context.newPage(), errors: [], offMachine: [] };
      await context.route(
        (url) => !LOOPBACK_HOSTS.has(url.hostname),
        (route) => {
          each.offMachine.push(route.request().url());
          return route.abort('blockedbyclient');
        },
      );
      each.page.on('pageerror', (error) => each.errors.push(error.message));
      opened.push(each);
      return each;
    },
  };
}

/** Opens the console at `route` and signs in with `apiKey` through the form. */
export async function signIn(page: Page, graphqlUrl: string, apiKey: string, route = ''): Promise<void> {
  await page.goto(consoleUrl(graphqlUrl, route));
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Saves a full-page screenshot as test-artifacts/console/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

// Expressions evaluated in the page are strings: the tests compile without the DOM's types.

/** Marks the page's window, so a test can prove later that the page was never reloaded. */
export async function markWindow(page: Page): Promise<void> {
  await page.evaluate('window.consoleTestMark = true');
}

/** Whether the mark set by {@link markWindow} is still there (no reload or navigation since). */
export function windowStillMarked(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('window.consoleTestMark === true');
}

/** The API key the console keeps in the tab's session storage, or null. */
export function storedApiKey(page: Page): Promise<string | null> {
  return page.evaluate<string | null>(`sessionStorage.getItem('governance-console.api-key')`);
}
