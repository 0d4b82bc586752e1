// With OUTBOX_WRITERS_NOTIFY=false commits send no NOTIFY (PostgreSQL serialises committers that
// do): an instance's own commits wake its sequencer directly, and commits made on another instance
// are found by the holder's poll. Either way every subscriber, on either instance, gets each event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { StartJobDocument } from '../generated/graphql.js';
import { mintContractCallers, type ContractCallers } from '../support/contracts.js';
import { jobEventIds, recordJobUpdates } from '../support/job-updates.js';
import { activatedContract, recordStep } from '../support/jobs.js';
import { stepsOf } from '../support/job-subscriptions.js';
import { graphqlAt } from '../support/raw-http.js';
import { dataOf } from '../support/responses.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { wsClient } from '../support/ws-client.js';

describe('delivery when writers do not notify', () => {
  let server: TestServer;
  let second: RunningApp;
  let callers: ContractCallers;
  const clients: { dispose(): void | Promise<void> }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ config: { outboxWritersNotify: false } });
    second = await server.startInstance();
    callers = await mintContractCallers(server);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await server.close();
  });

  it('delivers commits of either instance to subscribers of both, in order, each once', async () => {
    const { job } = await activatedContract(server, callers, stepsOf(3));
    const viewer = await server.key('viewer', 'vera');
    const [created] = await jobEventIds(server, job.id);
    const from = (BigInt(created) - 1n).toString();
    const subscriptions = [server.app, second].map((instance) => {
      const client = wsClient(instance.server.url, viewer);
      clients.push(client);
      return recordJobUpdates(client, job.id, from);
    });
    const onSecond = graphqlAt(second.server.url);
    dataOf(await onSecond.gql(callers.operator, StartJobDocument, { id: job.id }));
    for (const stepIndex of [0, 1, 2]) await recordStep(stepIndex % 2 ? server : onSecond, callers, job.id, { stepIndex, status: 'COMPLETED' });

    const expected = await jobEventIds(server, job.id, from);
    expect(expected).toHaveLength(5);
    for (const subscription of subscriptions) {
      const seen = await subscription.until((events) => events.length === expected.length);
      expect(seen.map((event) => event.id)).toEqual(expected);
      expect(subscription.errors).toEqual([]);
    }
  });
});
