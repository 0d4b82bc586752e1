// The console's live views in Chromium while the test drives the real server through its API: a
// job's status, step and progress change on screen (list and detail), a new job appears, a
// violation appears on the Violations page as it is recorded, and a contract approved elsewhere
// shows approved — all without a reload.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CompleteJobDocument, StartJobDocument } from '../generated/graphql.js';
import { markWindow, saveScreenshot, signIn, useBrowser, windowStillMarked } from '../support/browser.js';
import { useContractWorld } from '../support/contract-world.js';
import { reportAs } from '../support/inspection.js';
import { approveContractAs, createContractAs } from '../support/contracts.js';
import { activatedContract, recordStep, threeChanges } from '../support/jobs.js';
import { dataOf } from '../support/responses.js';
import { createRunAs, mintRunCallers, prepareAgent, type RunCallers } from '../support/runs.js';

describe('the console: live views', () => {
  const browser = useBrowser();
  const world = useContractWorld();
  let runCallers: RunCallers;
  let viewer: string;
  beforeAll(async () => {
    runCallers = await mintRunCallers(world.server);
    await prepareAgent(world.server, runCallers, 'agent-live');
    viewer = await world.server.key('viewer', 'vera');
  });

  /** Opens a live page as the viewer and waits until it follows its feed. */
  const openLive = async (route: string, heading: string): Promise<Page> => {
    const { page } = await browser.open();
    await signIn(page, world.server.url, viewer, route);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.getByRole('status').filter({ hasText: /^Live$/ }).waitFor();
    await markWindow(page);
    return page;
  };
  /** The list row that names `text`, once it also shows every one of `shows`. */
  const rowShowing = async (page: Page, table: string, text: string, shows: readonly (string | RegExp)[]) => {
    let row = page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
    for (const value of shows) row = row.filter({ hasText: value });
    await row.waitFor();
    return row;
  };

  it("shows a job's status, step and progress change in the Jobs list as automation drives it, and new jobs on top", async () => {
    const title = 'Roll out the summariser';
    const { job } = await activatedContract(world.server, world, { ...threeChanges, title });
    const page = await openLive('/jobs', 'Jobs');
    await rowShowing(page, 'Jobs', title, ['PENDING', '0/3', '0 of 3 steps completed']);

    dataOf(await world.server.gql(world.operator, StartJobDocument, { id: job.id }));
    await rowShowing(page, 'Jobs', title, ['RUNNING', '1/3', '0 of 3 steps completed']);
    await recordStep(world.server, world, job.id, { stepIndex: 0, status: 'COMPLETED' });
    await rowShowing(page, 'Jobs', title, ['RUNNING', '2/3', '1 of 3 steps completed']);
    await recordStep(world.server, world, job.id, { stepIndex: 1, status: 'COMPLETED' });
    await recordStep(world.server, world, job.id, { stepIndex: 2, status: 'FAILED', error: 'capability refused the setting' });
    dataOf(await world.server.gql(world.operator, CompleteJobDocument, { id: job.id }));
    await rowShowing(page, 'Jobs', title, ['FAILED', '3/3', '2 of 3 steps completed, 1 failed']);

    const nextTitle = 'Retire the old summariser';
    await activatedContract(world.server, world, { title: nextTitle });
    await rowShowing(page, 'Jobs', nextTitle, ['PENDING']);
    // Newest first: the new job is the first row under the header.
    expect(await page.getByRole('table', { name: 'Jobs' }).getByRole('row').nth(1).innerText()).toContain(nextTitle);
    expect(await windowStillMarked(page)).toBe(true);
    await saveScreenshot(page, 'jobs');
  });

  it("shows one job's steps and results arrive on its page as they are reported", async () => {
    const title = 'Tune the summariser';
    const { job } = await activatedContract(world.server, world, { ...threeChanges, title });
    const { page } = await browser.open();
    await signIn(page, world.server.url, viewer, '/jobs');
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: `Job: ${title}` }).waitFor();
    await page.getByRole('status').filter({ hasText: /^Live$/ }).waitFor();
    await markWindow(page);

    dataOf(await world.server.gql(world.operator, StartJobDocument, { id: job.id }));
    await recordStep(world.server, world, job.id, { stepIndex: 0, status: 'COMPLETED', output: { enabled: 'summariser' } });
    const steps = page.getByRole('table', { name: 'Steps' });
    await steps.getByRole('row').filter({ hasText: 'CAPABILITY_ENABLE' }).filter({ hasText: 'COMPLETED' }).filter({ hasText: '"enabled": "summariser"' }).waitFor();
    await page.getByRole('table', { name: 'Job transitions' }).getByRole('row').filter({ hasText: 'started by the executor' }).waitFor();
    expect(await steps.getByRole('row').filter({ hasText: 'not reported' }).count()).toBe(2);
    expect(await windowStillMarked(page)).toBe(true);
    await saveScreenshot(page, 'job');
  });

  it('shows a violation on the Violations page as soon as it is recorded, and only those of the run it is filtered by', async () => {
    const watched = await createRunAs(world.server, runCallers.operator, { agentId: 'agent-live', goal: 'search the web for prices', policyId: 'compliance-sensitive' });
    const other = await createRunAs(world.server, runCallers.operator, { agentId: 'agent-live', goal: 'summarise the report', policyId: 'compliance-sensitive' });
    const everything = await openLive('/violations', 'Violations');
    const filtered = await openLive(`/violations?run=${watched.id}`, 'Violations');
    await everything.getByText('No violations recorded for these filters').waitFor();

    dataOf(await reportAs(world.server, runCallers.operator, other.id, 'compliance-sensitive', ['CAPTURE_PII']));
    dataOf(await reportAs(world.server, runCallers.operator, watched.id, 'compliance-sensitive', ['LOG_PROMPT']));
    await rowShowing(everything, 'Violations', 'CAPTURE_PII', ['New', other.id.slice(0, 12)]);
    await rowShowing(everything, 'Violations', 'LOG_PROMPT', ['New', watched.id.slice(0, 12)]);
    // The watched run's violation was recorded after the other run's: once it shows, the other's would have.
    await rowShowing(filtered, 'Violations', 'LOG_PROMPT', ['New']);
    expect(await filtered.getByRole('table', { name: 'Violations' }).getByRole('row').filter({ hasText: 'CAPTURE_PII' }).count()).toBe(0);
    expect(await windowStillMarked(everything)).toBe(true);
    expect(await windowStillMarked(filtered)).toBe(true);
    await saveScreenshot(everything, 'violations');
  });

  it('shows a contract approved elsewhere as APPROVED in the Contracts list', async () => {
    const title = 'Open the summariser to partners';
    const contract = await createContractAs(world.server, world.operator, { title });
    const page = await openLive('/contracts', 'Contracts');
    await rowShowing(page, 'Contracts', title, ['ELIGIBLE']);
    await approveContractAs(world.server, world.approver, contract.id);
    await rowShowing(page, 'Contracts', title, ['APPROVED']);
    expect(await windowStillMarked(page)).toBe(true);
  });
});
