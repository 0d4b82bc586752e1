// Inspection end to end: a policy that allows responses only; a worker's report records one
// violation per denied operation, which the list and a violationRecorded subscriber both see.
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckInspectionDocument, ReportInspectionDocument, UpsertMonitorConfigDocument, ViolationRecordedDocument, ViolationsDocument, type ViolationRecordedSubscription } from '../generated/graphql.js';
import { violationIdsInEventOrder } from '../support/inspection.js';
import { untilDeliveredSoFar, untilSubscribers } from '../support/live-delivery.js';
import { dataOf } from '../support/responses.js';
import { countRows } from '../support/rows.js';
import { createRunAs, mintRunCallers, prepareAgent, type RunCallers } from '../support/runs.js';
import { record } from '../support/subscriptions.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { wsClient } from '../support/ws-client.js';

describe('inspection constraints', () => {
  let server: TestServer;
  let callers: RunCallers;
  let client: Client;
  beforeAll(async () => {
    server = await startTestServer();
    callers = await mintRunCallers(server);
    await prepareAgent(server, callers, 'agent-i');
    client = wsClient(server.url, callers.operator);
  });
  afterAll(async () => {
    await client.dispose();
    await server.close();
  });

  it('records one violation per denied operation and streams it', async () => {
    const run = await createRunAs(server, callers.operator, { agentId: 'agent-i', goal: 'search the web', policyId: 'minimal-logging' });
    dataOf(await server.gql(callers.admin, UpsertMonitorConfigDocument, { input: { policyId: 'minimal-logging', allowResponseLogging: true } }));
    const operations = ['LOG_PROMPT', 'LOG_RESPONSE', 'CAPTURE_PII', 'ACCESS_SECRET', 'LOG_PROMPT'] as const;
    const check = dataOf(await server.gql(callers.operator, CheckInspectionDocument, { policyId: 'minimal-logging', operations: [...operations] })).checkInspection;
    expect(check).toMatchObject({ allowed: ['LOG_RESPONSE'], denied: ['LOG_PROMPT', 'CAPTURE_PII', 'ACCESS_SECRET'] });
    expect(await countRows(server, 'violations')).toBe(0);

    await untilDeliveredSoFar(server);
    const subscription = record(client, print(ViolationRecordedDocument), { runId: run.id }, (data) => (data as ViolationRecordedSubscription).violationRecorded);
    await untilSubscribers(server, 1);
    const report = dataOf(await server.gql(callers.operator, ReportInspectionDocument, { runId: run.id, policyId: 'minimal-logging', operations: [...operations] })).reportInspection;
    expect(report).toEqual(check);
    await subscription.until((results) => results.length >= 3);
    // The fence: a later report's violation arrives; exactly the first report's three came before it.
    dataOf(await server.gql(callers.operator, ReportInspectionDocument, { runId: run.id, policyId: 'minimal-logging', operations: ['ACCESS_SECRET'] }));
    const fence = (await violationIdsInEventOrder(server, 'default', run.id)).at(-1);
    const delivered = await subscription.until((results) => results.some((violation) => violation.id === fence));
    subscription.stop();
    expect(delivered.map((violation) => violation.id).at(-1)).toBe(fence);
    const seen = delivered.slice(0, -1);
    expect(seen.map((violation) => violation.operation)).toEqual(['LOG_PROMPT', 'CAPTURE_PII', 'ACCESS_SECRET']);
    const list = dataOf(await server.gql(callers.operator, ViolationsDocument, { filter: { runId: run.id, kind: ['INSPECTION_CONSTRAINT'] } })).violations;
    expect(list.totalCount).toBe(4);
    expect(list.edges.map((edge) => edge.node.id).sort()).toEqual(delivered.map((violation) => violation.id).sort());
  });
});
