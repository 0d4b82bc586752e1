// C2: time to first render of the console's Jobs page showing 200 jobs, in headless Chromium against
// a real instance: from navigation start until the 200th row is in the page. "Cold" is a new browser
// context (nothing cached: the page, its assets, the viewer and jobs queries); "warm" reloads it
// (fingerprinted assets come from the cache). The tab holds its session already (key and caller), as
// after a reload: the key is checked again while the page loads.
import type { Browser, Page } from 'playwright-core';
import { consoleUrl, launchChromium } from '../../test/support/chromium.js';
import type { BenchContext } from '../support/context.js';
import { gql } from '../support/graphql.js';
import { startInstance } from '../support/instances.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, summarise, TIMED_ROUNDS } from '../support/rounds.js';

const JOBS = 200;
/** The budget for a cold load on loopback: a console that opens within a second. */
const GOAL_MS = 1000;

/** Runs in the page before its scripts: keeps the session in session storage, and resolves
 * `window.jobsRendered` with the time the 200th row appears. (A promise, as the page's
 * Content-Security-Policy forbids the evaluation that polling with waitForFunction needs.) */
const INIT_SCRIPT = (apiKey: string, viewer: unknown) => `
  sessionStorage.setItem('governance-console.api-key', ${JSON.stringify(apiKey)});
  sessionStorage.setItem('governance-console.viewer', ${JSON.stringify(JSON.stringify(viewer))});
  window.jobsRendered = new Promise((resolve) => {
    new MutationObserver((_, observer) => {
      if (document.querySelectorAll('table[aria-label="Jobs"] tbody tr').length >= ${JOBS}) {
        observer.disconnect();
        resolve(performance.now());
      }
    }).observe(document, { childList: true, subtree: true });
  });
`;

/** Where one load spent its time (ms since navigation start). */
interface Load {
  renderedMs: number;
  documentMs: number;
  scriptMs: number;
  graphqlMs: { sent: number; received: number }[];
}

async function timeLoad(page: Page, load: () => Promise<unknown>): Promise<Load> {
  await load();
  const renderedMs = await page.evaluate<number>('window.jobsRendered');
  return page.evaluate<Load>(`({
    renderedMs: ${renderedMs},
    documentMs: performance.getEntriesByType('navigation')[0].responseEnd,
    scriptMs: performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('.js')).responseEnd,
    graphqlMs: performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/graphql')).map((entry) => ({ sent: entry.startTime, received: entry.responseEnd })),
  })`);
}

/** Measures C2. */
export async function measureJobsFirstRender({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  await world.jobs(JOBS);
  const instance = await startInstance({ databaseUrl, publishing: 'on' });
  const browser: Browser = await launchChromium();
  const url = consoleUrl(instance.url, `/jobs?first=${JOBS}`);
  const { viewer } = await gql<{ viewer: unknown }>(instance.url, world.keys.viewer, '{ viewer { principal role tenant permissions } }');
  const session = INIT_SCRIPT(world.keys.viewer, viewer);
  const loads: Record<'cold' | 'warm', Load[]> = { cold: [], warm: [] };
  try {
    const context = await browser.newContext();
    await context.addInitScript(session);
    let page = await context.newPage();
    const figures = await interleave(
      {
        cold: async () => {
          await page.context().close();
          const fresh = await browser.newContext();
          await fresh.addInitScript(session);
          page = await fresh.newPage();
          const timed = await timeLoad(page, () => page.goto(url));
          loads.cold.push(timed);
          return timed.renderedMs;
        },
        warm: async () => {
          const timed = await timeLoad(page, () => page.reload());
          loads.warm.push(timed);
          return timed.renderedMs;
        },
      },
      TIMED_ROUNDS,
    );
    const cold = summarise(figures.cold, 'higher');
    const warm = summarise(figures.warm, 'higher');
    return [
      {
        id: 'C2',
        measure: `console Jobs page, ${JOBS} jobs: navigation start → ${JOBS} rows rendered, headless Chromium (cold; warm)`,
        figure: `${fixed(cold.median, 0)} ms (worst ${fixed(cold.worst, 0)}); warm ${fixed(warm.median, 0)} ms`,
        median: cold.median,
        worst: cold.worst,
        goal: `≤ ${GOAL_MS} ms cold`,
        pass: cold.median <= GOAL_MS,
        details: { rounds: { cold: cold.rounds, warm: warm.rounds }, loads, breakdown: 'ms since navigation start: documentMs the page received, scriptMs its script received, graphqlMs when each GraphQL request (the key checked again, the jobs page) was sent and answered, renderedMs the 200th row in the page' },
      },
    ];
  } finally {
    await browser.close();
    await instance.stop();
  }
}
