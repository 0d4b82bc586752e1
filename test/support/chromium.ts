// Debian's Chromium (`apt-get install -y chromium`) driven by the Playwright library through
// `executablePath`: no browser download. Shared by the browser tests and the bench.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Chromium is (CHROMIUM_PATH overrides the Debian package's path). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
