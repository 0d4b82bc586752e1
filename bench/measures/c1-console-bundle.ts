// C1: the console's bundle — the script and stylesheet its page loads at first — as the server
// sends them (gzip, as its compression middleware does by default) and raw, from `npm run build`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONSOLE_BUILD_DIR } from '../../src/http/console.js';
import type { ResultRow } from '../support/report.js';

/** The budget: React and the console's own code, well under what a slow link loads in a second. */
const GOAL_GZIP_KB = 150;

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Measures C1. */
export async function measureConsoleBundle(): Promise<ResultRow[]> {
  const page = await readFile(path.join(CONSOLE_BUILD_DIR, 'index.html'), 'utf8');
  const assets = [...page.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+)"/g)].map((match) => match[1]);
  if (assets.length === 0) throw new Error('console/dist/index.html loads no assets: is the console built?');
  const sizes = await Promise.all(
    assets.map(async (asset) => {
      const content = await readFile(path.join(CONSOLE_BUILD_DIR, asset));
      return { asset, rawBytes: content.length, gzipBytes: gzipSync(content).length };
    }),
  );
  const byKind = (extension: string) => sizes.filter((size) => size.asset.endsWith(extension)).reduce((sum, size) => sum + size.gzipBytes, 0);
  const gzip = sizes.reduce((sum, size) => sum + size.gzipBytes, 0);
  const raw = sizes.reduce((sum, size) => sum + size.rawBytes, 0);
  return [
    {
      id: 'C1',
      measure: 'console bundle loaded by its page (JS + CSS), gzip as served; raw',
      figure: `${kb(gzip)} kB (JS ${kb(byKind('.js'))}, CSS ${kb(byKind('.css'))}); raw ${kb(raw)} kB`,
      median: kb(gzip),
      worst: kb(gzip),
      goal: `≤ ${GOAL_GZIP_KB} kB gzip`,
      pass: kb(gzip) <= GOAL_GZIP_KB,
      details: { assets: sizes },
    },
  ];
}
