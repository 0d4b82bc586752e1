// GraphiQL (/graphiql) in Chromium against a real server: the page asks for an API key once and
// keeps it; the schema loads on first load (the docs show the root types); a query runs; a
// `jobEvents` subscription runs over graphql-ws and shows the event the test then causes through
// the API. Screenshots are kept in test-artifacts/console/.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from '../support/browser.js';
import { useContractWorld } from '../support/contract-world.js';
import { activatedContract } from '../support/jobs.js';

const GRAPHIQL_KEY_STORAGE = 'governance-graphiql.api-key';

/** Replaces the operation editor's text (Monaco) with operation `name` and runs it with Ctrl+Enter
 * once GraphiQL has parsed it (the tab takes the operation's name). */
async function runOperation(page: Page, name: string, operation: string): Promise<void> {
  const editor = page.getByLabel('Operation Editor').locator('.monaco-editor').first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(operation);
  await page.locator('.graphiql-tab-active').filter({ hasText: name }).waitFor();
  await page.keyboard.press('Control+Enter');
}

/** The result pane's text, white space (Monaco renders non-breaking spaces) as single spaces. */
async function resultText(page: Page): Promise<string> {
  return (await page.getByLabel('Result Window').innerText()).replace(/\s+/g, ' ');
}

describe('GraphiQL', () => {
  const browser = useBrowser();
  const world = useContractWorld();
  let viewer: string;
  let graphiqlUrl: string;
  beforeAll(async () => {
    viewer = await world.server.key('viewer', 'vera');
    graphiqlUrl = world.server.url.replace(/\/graphql$/, '/graphiql');
  });

  it('asks for the key once, loads the docs, runs a query and a jobEvents subscription that shows a job event caused through the API', async () => {
    const { page } = await browser.open();
    const prompts: string[] = [];
    page.on('dialog', (dialog) => {
      prompts.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.accept(viewer);
    });
    await page.goto(graphiqlUrl);
    expect(prompts).toEqual([expect.stringMatching(/^prompt: API key/)]);
    expect(await page.evaluate<string | null>(`localStorage.getItem('${GRAPHIQL_KEY_STORAGE}')`)).toBe(viewer);

    // The schema loaded with the key: the documentation explorer lists the root types.
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().waitFor();
    await docs.getByText('Subscription', { exact: true }).first().waitFor();
    expect(await docs.innerText()).not.toMatch(/Error fetching schema/);

    await runOperation(page, 'Me', 'query Me { viewer { principal role tenant } }');
    await expect.poll(() => resultText(page)).toMatch(/"principal": "vera"/);

    await runOperation(page, 'JobFeed', 'subscription JobFeed { jobEvents { id type actor job { status } } }');
    await expect.poll(() => world.server.app.delivery.hub.size).toBeGreaterThan(0);
    const { job } = await activatedContract(world.server, world);
    await expect.poll(() => resultText(page)).toMatch(/"type": "job.created"/);
    expect(await resultText(page)).toContain('"actor": "olga"');
    expect(job.status).toBe('PENDING');
    await saveScreenshot(page, 'graphiql-subscription');

    // A reload asks nothing: the key is kept.
    await page.reload();
    await page.getByLabel('Operation Editor').waitFor();
    expect(prompts).toHaveLength(1);
  });
});
