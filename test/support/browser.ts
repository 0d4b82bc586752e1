// The console in a real browser: Debian's Chromium (`apt-get install -y chromium`) driven by the
// Playwright library through `executablePath` — no browser download. One browser per test file;
// every test gets a fresh context (its own session storage). Screenshots are test artefacts, kept
// in test-artifacts/console/ (not committed).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** Where Chromium is (CHROMIUM_PATH overrides the Debian package's path). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where screenshots are written. */
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-artifacts/console');

/** Quiet, offline, reproducible: no sandbox (CI runs as root), no GPU, QUIC, first-run UI, sync or background fetches. */
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts Chromium headless. Playwright gives each launch a fresh temporary --user-data-dir, removed on close. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/** The console's address on the server whose GraphQL endpoint is `graphqlUrl`. */
export function consoleUrl(graphqlUrl: string, route = ''): string {
  return `${graphqlUrl.replace(/\/graphql$/, '/console')}${route}`;
}

/** A page of the console and the uncaught errors its scripts threw. */
export interface ConsolePage {
  page: Page;
  errors: string[];
}

/** One browser for the file's tests, a context per page, and a check that no page threw. */
export function useBrowser(): { open(): Promise<ConsolePage> } {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const opened: ConsolePage[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    const errors = opened.splice(0).flatMap((each) => each.errors);
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(errors, 'uncaught errors in the console').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    open: async () => {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
      contexts.push(context);
      const page = await context.newPage();
      const each: ConsolePage = { page, errors: [] };
      page.on('pageerror', (error) => each.errors.push(error.message));
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
