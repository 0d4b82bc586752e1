// The console's other pages in Chromium: runs (list and detail with plan, reconciliation, incident,
// policy evaluation, lessons and violations), lessons reviewed with "Dismiss" and "Defer" and
// converted to a draft contract by an approver (none of it offered to a viewer), lists driven from the keyboard, and an unknown address.
// Every page is kept as a screenshot in test-artifacts/console/.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CompleteRunDocument, LessonsDocument, TransitionRunDocument } from '../generated/graphql.js';
import { consoleUrl, saveScreenshot, signIn, useBrowser } from '../support/browser.js';
import { createContractAs } from '../support/contracts.js';
import { reportAs } from '../support/inspection.js';
import { dataOf } from '../support/responses.js';
import { useRunWorld, type RunWorld } from '../support/run-world.js';
import { createRunAs } from '../support/runs.js';

const AUDITED_GOAL = 'search the web and summarise the report';
const EMAIL_GOAL = 'send email to notify the customer';
const PRICING_GOAL = 'search the web for competitor pricing';

/** Three runs refused by policy, each teaching a FAILURE lesson; the first was traced and its worker broke two inspection constraints. */
async function seedRefusedRuns({ server, operator }: RunWorld): Promise<{ auditedRunId: string; emailRunId: string; pricingRunId: string }> {
  const failure = { status: 'FAILED_POLICY' as const, errorCode: 'POLICY_DENIED', errorMessage: 'PII capture is not allowed', costCents: 35, policiesChecked: 3 };
  const audited = await createRunAs(server, operator, { agentId: 'agent-ops', goal: AUDITED_GOAL, policyId: 'compliance-sensitive', traceId: 'trace-42' });
  for (const phase of ['AUTHORIZED', 'EXECUTING'] as const) {
    dataOf(await server.gql(operator, TransitionRunDocument, { id: audited.id, phase, status: phase === 'EXECUTING' ? 'RUNNING' : 'QUEUED' }));
  }
  dataOf(await reportAs(server, operator, audited.id, 'compliance-sensitive', ['LOG_PROMPT', 'CAPTURE_PII']));
  dataOf(await server.gql(operator, CompleteRunDocument, { id: audited.id, input: failure }));
  const emailing = await createRunAs(server, operator, { agentId: 'agent-ops', goal: EMAIL_GOAL });
  dataOf(await server.gql(operator, CompleteRunDocument, { id: emailing.id, input: failure }));
  const pricing = await createRunAs(server, operator, { agentId: 'agent-ops', goal: PRICING_GOAL });
  dataOf(await server.gql(operator, CompleteRunDocument, { id: pricing.id, input: failure }));
  return { auditedRunId: audited.id, emailRunId: emailing.id, pricingRunId: pricing.id };
}

describe('the console: runs, lessons and keyboard use', () => {
  const browser = useBrowser();
  const world = useRunWorld(['agent-ops']);
  let approver: string;
  let viewer: string;
  let auditedRunId: string;
  let emailRunId: string;
  let pricingRunId: string;
  beforeAll(async () => {
    [approver, viewer] = await Promise.all([world.server.key('approver', 'april'), world.server.key('viewer', 'vera')]);
    await createContractAs(world.server, world.operator, { title: 'Enable the summariser in preview' });
    ({ auditedRunId, emailRunId, pricingRunId } = await seedRefusedRuns(world));
  });

  /** The lesson row of a run (its Run column shows the run's short id). */
  const lessonRow = (page: Page, runId: string) => page.getByRole('table', { name: 'Lessons' }).getByRole('row').filter({ hasText: runId.slice(0, 12) });
  /** `status:decidedBy` of the lessons of these runs. */
  const lessonsByStatus = async (runIds: string[]) =>
    dataOf(await world.server.gql(approver, LessonsDocument, {}))
      .lessons.nodes.filter((lesson) => runIds.includes(lesson.runId ?? ''))
      .map((lesson) => `${lesson.status}:${lesson.decidedBy ?? ''}`)
      .sort();

  it('shows the runs and a run with its plan, reconciliation, incident, policy evaluation, lessons and violations', async () => {
    const { page } = await browser.open();
    await signIn(page, world.server.url, viewer, '/runs');
    await page.getByRole('heading', { level: 1, name: 'Runs' }).waitFor();
    await page.getByRole('table', { name: 'Runs' }).getByRole('row').filter({ hasText: EMAIL_GOAL }).waitFor();
    await saveScreenshot(page, 'runs');

    await page.getByRole('link', { name: AUDITED_GOAL }).click();
    await page.getByRole('heading', { level: 1, name: `Run: ${AUDITED_GOAL}` }).waitFor();
    for (const section of ['Plan', 'Reconciliation', 'Incident', 'Policy evaluation', 'Phase and status history', 'Lessons', 'Violations']) {
      await page.getByRole('heading', { level: 2, name: section, exact: true }).waitFor();
    }
    const steps = await page.getByRole('table', { name: 'Plan steps' }).innerText();
    expect(steps).toContain('web-search');
    expect(steps).toContain('summarise');
    expect(await page.getByRole('region', { name: 'Incident' }).innerText()).toContain('PII capture is not allowed');
    expect(await page.getByRole('region', { name: 'Policy evaluation' }).innerText()).toMatch(/FAILED_POLICY[\s\S]*3/);
    expect(await page.getByRole('table', { name: 'Run transitions' }).getByRole('row').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByRole('table', { name: 'Violations of this run' }).getByRole('row').filter({ hasText: 'INSPECTION_CONSTRAINT' }).count()).toBe(2);
    expect(await page.getByRole('table', { name: 'Lessons from this run' }).innerText()).toContain('FAILURE');
    expect(await page.getByRole('table', { name: 'Acks' }).innerText()).toContain('orchestrator:finalize_run');
    await saveScreenshot(page, 'run');
  });

  it('lets an approver dismiss a lesson with a reason and defer another, and offers a viewer neither', async () => {
    const { page } = await browser.open();
    await signIn(page, world.server.url, viewer, '/lessons');
    await lessonRow(page, auditedRunId).waitFor();
    expect(await page.getByRole('button', { name: 'Dismiss' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Defer' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Convert to draft' }).count()).toBe(0);

    const asApprover = (await browser.open()).page;
    await signIn(asApprover, world.server.url, approver, '/lessons');
    await lessonRow(asApprover, auditedRunId).getByRole('button', { name: 'Dismiss' }).click();
    const dismissal = asApprover.getByRole('dialog');
    await dismissal.getByLabel('Reason').fill('the policy is right; nothing to change');
    await dismissal.getByRole('button', { name: 'Dismiss lesson' }).click();
    await asApprover.getByRole('status').filter({ hasText: 'Dismissed' }).waitFor();
    await lessonRow(asApprover, auditedRunId).filter({ hasText: 'DISMISSED' }).filter({ hasText: 'april: the policy is right' }).waitFor();

    await lessonRow(asApprover, emailRunId).getByRole('button', { name: 'Defer' }).click();
    await asApprover.getByRole('dialog').getByRole('button', { name: 'Defer lesson' }).click();
    await lessonRow(asApprover, emailRunId).filter({ hasText: 'DEFERRED' }).waitFor();
    expect(await lessonsByStatus([auditedRunId, emailRunId])).toEqual(['DEFERRED:april', 'DISMISSED:april']);
    await saveScreenshot(asApprover, 'lessons');
  });

  it('lets an approver convert a pending lesson to a draft contract, and links to the draft', async () => {
    const { page } = await browser.open();
    await signIn(page, world.server.url, approver, '/lessons');
    await lessonRow(page, pricingRunId).getByRole('button', { name: 'Convert to draft' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Converted' });
    await done.waitFor();
    await lessonRow(page, pricingRunId).filter({ hasText: 'CONVERTED_TO_DRAFT' }).waitFor();
    // A converted lesson offers no review any more.
    expect(await lessonRow(page, pricingRunId).getByRole('button').count()).toBe(0);
    expect(await lessonsByStatus([pricingRunId])).toEqual(['CONVERTED_TO_DRAFT:april']);

    await done.getByRole('link').click();
    const [lesson] = dataOf(await world.server.gql(approver, LessonsDocument, { status: ['CONVERTED_TO_DRAFT'] })).lessons.nodes.filter((node) => node.runId === pricingRunId);
    await page.waitForURL((url) => url.pathname.startsWith('/console/contracts/'));
    await page.getByText('DRAFT', { exact: true }).first().waitFor();
    const contractId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const [{ lesson_id: draftedFrom }] = await world.server.database.dataSource.query(`SELECT lesson_id FROM contracts WHERE id = $1`, [contractId]);
    expect(draftedFrom).toBe(lesson.id);
    await saveScreenshot(page, 'lesson-converted');
  });

  it('moves between rows with the arrow keys, Home and End, and opens a row with Enter', async () => {
    const { page } = await browser.open();
    await signIn(page, world.server.url, viewer, '/runs');
    const links = page.getByRole('table', { name: 'Runs' }).getByRole('link');
    await links.first().waitFor();
    // The runs were created at the same instant of the test clock: read the order the list shows.
    const goals = await links.allInnerTexts();
    expect(goals).toHaveLength(3);
    const [first, second, last] = goals;
    const runIdOf: Record<string, string> = { [AUDITED_GOAL]: auditedRunId, [EMAIL_GOAL]: emailRunId, [PRICING_GOAL]: pricingRunId };
    const focused = () => page.evaluate<string>('document.activeElement.textContent');
    await links.first().focus();
    expect(await focused()).toBe(first);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(second);
    await page.keyboard.press('Home');
    expect(await focused()).toBe(first);
    await page.keyboard.press('End');
    expect(await focused()).toBe(last);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Run: ${last}` }).waitFor();
    expect(page.url()).toBe(consoleUrl(world.server.url, `/runs/${runIdOf[last]}`));
    // After a navigation, focus moves to the new page's heading.
    expect(await focused()).toBe(`Run: ${last}`);
  });

  it('shows the contracts list, and a page of its own for an unknown address', async () => {
    const { page } = await browser.open();
    await signIn(page, world.server.url, viewer);
    await page.getByRole('table', { name: 'Contracts' }).getByRole('row').filter({ hasText: 'Enable the summariser in preview' }).filter({ hasText: 'ELIGIBLE' }).waitFor();
    await saveScreenshot(page, 'contracts');
    await page.goto(consoleUrl(world.server.url, '/no/such/page'));
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  });
});
