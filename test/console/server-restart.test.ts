// The live Jobs list across a real server restart: the console is served by a server process
// (`node dist/main.js`) on a database the test shares; the process is stopped and started again on
// the same database and port while the page stays open. The page says it is reconnecting, then
// resumes from the last event it saw: it catches up on what happened while the server was down and
// goes on live — without a reload.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartJobDocument } from '../generated/graphql.js';
import { markWindow, signIn, useBrowser, windowStillMarked } from '../support/browser.js';
import { useContractWorld } from '../support/contract-world.js';
import { activatedContract, recordStep, threeChanges } from '../support/jobs.js';
import { freePort, killSpawnedProcesses, startInstanceProcess, type ServerProcess } from '../support/process.js';
import { dataOf } from '../support/responses.js';

const SPAWN_TIMEOUT = 120_000;

describe('the console across a server restart', () => {
  const browser = useBrowser();
  /** In-process: provides the database, mints keys and drives jobs while the served process is down. */
  const world = useContractWorld();
  let viewer: string;
  let port: number;
  let served: ServerProcess;
  beforeAll(async () => {
    viewer = await world.server.key('viewer', 'vera');
    port = await freePort();
    served = await startInstanceProcess(world.server.database.url, port);
  }, SPAWN_TIMEOUT);
  afterAll(killSpawnedProcesses);

  const jobRow = (page: Page, title: string, shows: readonly string[]) => {
    let row = page.getByRole('table', { name: 'Jobs' }).getByRole('row').filter({ hasText: title });
    for (const value of shows) row = row.filter({ hasText: value });
    return row.waitFor();
  };
  const liveStatus = (page: Page, text: RegExp) => page.getByRole('status').filter({ hasText: text }).waitFor();

  it(
    'reconnects by itself after the server restarts, catches up on the changes made while it was down, and stays live',
    async () => {
      const migrating = 'Migrate the summariser';
      const { job } = await activatedContract(world.server, world, { ...threeChanges, title: migrating });
      const { page } = await browser.open();
      await signIn(page, served.url, viewer, '/jobs');
      await jobRow(page, migrating, ['PENDING']);
      await liveStatus(page, /^Live$/);
      await markWindow(page);
      dataOf(await world.server.gql(world.operator, StartJobDocument, { id: job.id }));
      await jobRow(page, migrating, ['RUNNING', '1/3']);

      expect(await served.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      await liveStatus(page, /^Reconnecting…/);
      // While the server is down: a step is reported and another job is created.
      await recordStep(world.server, world, job.id, { stepIndex: 0, status: 'COMPLETED' });
      const archiving = 'Archive old summaries';
      await activatedContract(world.server, world, { title: archiving });

      served = await startInstanceProcess(world.server.database.url, port);
      await jobRow(page, migrating, ['RUNNING', '2/3', '1 of 3 steps completed']);
      await jobRow(page, archiving, ['PENDING']);
      await liveStatus(page, /^Live$/);

      await recordStep(world.server, world, job.id, { stepIndex: 1, status: 'COMPLETED' });
      await jobRow(page, migrating, ['RUNNING', '3/3', '2 of 3 steps completed']);
      expect(await windowStillMarked(page)).toBe(true);
    },
    SPAWN_TIMEOUT,
  );
});
