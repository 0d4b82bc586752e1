// The console in Chromium against the real server: signing in (role and tenant shown, the key kept
// in session storage, signing out), and contract decisions — an approver approves an ELIGIBLE
// contract, the same person who created one is refused in words (separation of duties), and a
// viewer is never offered "Approve".
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GetContractDocument } from '../generated/graphql.js';
import { consoleUrl, saveScreenshot, signIn, storedApiKey, useBrowser } from '../support/browser.js';
import { useContractWorld } from '../support/contract-world.js';
import { createContractAs } from '../support/contracts.js';
import { dataOf } from '../support/responses.js';

describe('the console: signing in and deciding on contracts', () => {
  const browser = useBrowser();
  const world = useContractWorld();
  /** The tenant is not `default`, so the header's tenant is this one's. */
  let operator: string;
  beforeAll(async () => {
    operator = await world.server.key('operator', 'olga', 'acme');
  });

  const contractStatus = async (id: string) => dataOf(await world.server.gql(operator, GetContractDocument, { id })).contract?.status;
  /** Opens a contract's page and waits until its history is shown (the whole contract has rendered). */
  const openContract = async (page: Page, id: string, title: string) => {
    await page.getByRole('link', { name: 'Contracts', exact: true }).click();
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('table', { name: 'Contract transitions' }).getByRole('row').filter({ hasText: 'ELIGIBLE' }).waitFor();
  };

  it('refuses an unknown key in words, signs in with a valid one showing role and tenant, and signs out', async () => {
    const viewerKey = await world.server.key('viewer', 'vera', 'acme');
    const { page } = await browser.open();
    await page.goto(consoleUrl(world.server.url));
    await page.getByRole('heading', { name: 'Governance console' }).waitFor();
    await saveScreenshot(page, 'sign-in');

    await page.getByLabel('API key').fill('gov_not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your API key was not accepted' }).waitFor();
    expect(await storedApiKey(page)).toBeNull();

    await page.getByLabel('API key').fill(viewerKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contracts' }).waitFor();
    const signedIn = page.getByRole('region', { name: 'Signed in' });
    expect(await signedIn.innerText()).toMatch(/vera\s+Role: viewer\s+Tenant: acme/);
    expect(await storedApiKey(page)).toBe(viewerKey);
    for (const name of ['Contracts', 'Jobs', 'Runs', 'Violations', 'Lessons']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    }

    // A reload keeps the session (the key is in this tab's session storage) and the page.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Lessons' }).waitFor();
    expect(page.url()).toBe(consoleUrl(world.server.url, '/lessons'));

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await storedApiKey(page)).toBeNull();
    await page.reload();
    await page.getByLabel('API key').waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });

  it('lets an approver approve an ELIGIBLE contract with an activation window, and shows it approved', async () => {
    const contract = await createContractAs(world.server, operator, { title: 'Enable the summariser for the support team' });
    const approver = await world.server.key('approver', 'april', 'acme');
    const { page } = await browser.open();
    await signIn(page, world.server.url, approver);
    await openContract(page, contract.id, contract.title);
    await saveScreenshot(page, 'contract-eligible');

    await page.getByLabel('Activation window (hours, optional)').fill('48');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').filter({ hasText: 'Approved.' }).waitFor();
    await page.getByRole('table', { name: 'Contract transitions' }).getByRole('row').filter({ hasText: 'approved by april' }).waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    const approved = dataOf(await world.server.gql(operator, GetContractDocument, { id: contract.id })).contract!;
    expect(approved).toMatchObject({ status: 'APPROVED', approvedBy: 'april' });
    expect(Date.parse(approved.activationWindowEnd!) - Date.parse(approved.approvedAt!)).toBe(48 * 3_600_000);
    await saveScreenshot(page, 'contract-approved');
  });

  it('refuses the person who created a contract in words (separation of duties), and the contract stays ELIGIBLE', async () => {
    // One person, two keys: sam proposes as an operator and tries to approve as an approver.
    const samOperator = await world.server.key('operator', 'sam', 'acme');
    const samApprover = await world.server.key('approver', 'sam', 'acme');
    const contract = await createContractAs(world.server, samOperator, { title: 'Raise the summariser token limit' });
    const { page } = await browser.open();
    await signIn(page, world.server.url, samApprover);
    await openContract(page, contract.id, contract.title);

    await page.getByRole('button', { name: 'Approve' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Separation of duties: you created this contract, so someone else must approve it.');
    expect(await refusal.innerText()).toContain('Code: FORBIDDEN');
    expect(await contractStatus(contract.id)).toBe('ELIGIBLE');
    await saveScreenshot(page, 'contract-refused');
  });

  it('offers a viewer no "Approve" (nor "Reject") on an ELIGIBLE contract that an approver can approve', async () => {
    const contract = await createContractAs(world.server, operator, { title: 'Disable the legacy classifier' });
    const viewer = await world.server.key('viewer', 'victor', 'acme');
    const approver = await world.server.key('approver', 'amir', 'acme');

    const asApprover = (await browser.open()).page;
    await signIn(asApprover, world.server.url, approver);
    await openContract(asApprover, contract.id, contract.title);
    expect(await asApprover.getByRole('button', { name: 'Approve' }).count()).toBe(1);

    const { page } = await browser.open();
    await signIn(page, world.server.url, viewer);
    // The history renders with the decisions, so once it shows the page is complete.
    await openContract(page, contract.id, contract.title);
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reject' }).count()).toBe(0);
    expect(await contractStatus(contract.id)).toBe('ELIGIBLE');
  });
});
