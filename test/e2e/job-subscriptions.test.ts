import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompleteJobDocument, JobUpdatedDocument, StartJobDocument, type JobUpdatedSubscription } from '../generated/graphql.js';
import { mintContractCallers, type ContractCallers } from '../support/contracts.js';
import { jobEvents, untilEvent } from '../support/job-subscriptions.js';
import { jobEventIds } from '../support/job-updates.js';
import { activatedContract, recordStep, threeChanges } from '../support/jobs.js';
import { untilDeliveredSoFar, untilSubscribers } from '../support/live-delivery.js';
import { dataOf } from '../support/responses.js';
import { record } from '../support/subscriptions.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { wsClient } from '../support/ws-client.js';

type JobEventView = JobUpdatedSubscription['jobUpdated'];

describe('jobUpdated', () => {
  let server: TestServer;
  let callers: ContractCallers;
  let client: Client;
  beforeAll(async () => {
    server = await startTestServer();
    callers = await mintContractCallers(server);
    client = wsClient(server.url, await server.key('viewer', 'vera'));
  });
  afterAll(async () => {
    await client.dispose();
    await server.close();
  });

  it('sees every event of a job driven through its lifecycle, in order, each exactly once, with the job as it was', async () => {
    const { job } = await activatedContract(server, callers, threeChanges);
    const fenceJob = (await activatedContract(server, callers)).job;
    await untilDeliveredSoFar(server);
    const subscription = record(client, print(JobUpdatedDocument), { id: job.id }, (data) => (data as JobUpdatedSubscription).jobUpdated as JobEventView);
    const witness = jobEvents(client);
    await untilSubscribers(server, 2);
    dataOf(await server.gql(callers.operator, StartJobDocument, { id: job.id }));
    for (const stepIndex of [0, 1, 2]) await recordStep(server, callers, job.id, { stepIndex, status: 'COMPLETED' });
    dataOf(await server.gql(callers.operator, CompleteJobDocument, { id: job.id }));

    await subscription.until((seen) => seen.some((event) => event.type === 'audit.requested'));
    // The fence: a later event of another job reaches the same connection; nothing more of this job came before it.
    dataOf(await server.gql(callers.operator, StartJobDocument, { id: fenceJob.id }));
    const fence = (await jobEventIds(server, fenceJob.id)).at(-1)!;
    await untilEvent(witness, fence);
    subscription.stop();
    witness.stop();
    const events = subscription.results;
    expect(subscription.errors).toEqual([]);
    expect(subscription.results.map((event) => `${event.type}:${event.job.status}:${event.job.currentStepIndex}`)).toEqual([
      'job.started:RUNNING:0',
      'job.step_recorded:RUNNING:1',
      'job.step_recorded:RUNNING:2',
      'job.step_recorded:RUNNING:3',
      'job.completed:COMPLETED:3',
      'audit.requested:COMPLETED:3',
    ]);
    const ids = events.map((event) => BigInt(event.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(events.map((event) => event.job.progress.completedSteps)).toEqual([0, 1, 2, 3, 3, 3]);
  });
});
