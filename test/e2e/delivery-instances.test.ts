// Several server processes (`node dist/main.js`) on one PostgreSQL, as behind a load balancer: a
// mutation on one instance reaches subscribers on every instance, each event exactly once; and an
// instance killed with SIGKILL and started again lets its subscribers resume without losing an event.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompleteJobDocument, StartJobDocument } from '../generated/graphql.js';
import { mintContractCallers, type ContractCallers } from '../support/contracts.js';
import { jobEventIds, liveJobUpdates, receivedIds, recordJobUpdates } from '../support/job-updates.js';
import { activatedContract, recordStep, runningJob, threeChanges } from '../support/jobs.js';
import { freePort, killSpawnedProcesses, startInstanceProcess, type ServerProcess } from '../support/process.js';
import { graphqlAt } from '../support/raw-http.js';
import { dataOf } from '../support/responses.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { wsClient } from '../support/ws-client.js';

const SPAWN_TIMEOUT = 120_000;
const SUBSCRIBERS = 20;

/** A spawned instance and a way to reach it. */
interface Instance {
  port: number;
  process: ServerProcess;
  api: ReturnType<typeof graphqlAt>;
}

describe('server instances sharing one PostgreSQL', () => {
  /** The in-process server only provides the database and mints keys; the instances serve. */
  let database: TestServer;
  let callers: ContractCallers;
  let viewerKey: string;
  let a: Instance;
  let b: Instance;
  const clients: Client[] = [];

  const startInstance = async (port: number): Promise<Instance> => {
    const process = await startInstanceProcess(database.database.url, port);
    return { port, process, api: graphqlAt(process.url) };
  };
  const clientOf = (instance: Instance) => {
    const client = wsClient(instance.process.url, viewerKey);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    database = await startTestServer();
    callers = await mintContractCallers(database);
    viewerKey = await database.key('viewer', 'vera');
    [a, b] = await Promise.all([startInstance(await freePort()), startInstance(await freePort())]);
  }, SPAWN_TIMEOUT);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await killSpawnedProcesses();
    await database.close();
  });

  it('delivers a mutation sent to instance A to a jobUpdated subscriber on instance B', async () => {
    const { job } = await activatedContract(a.api, callers, threeChanges);
    const subscription = await liveJobUpdates(database, clientOf(b), job.id);
    dataOf(await a.api.gql(callers.operator, StartJobDocument, { id: job.id }));

    await subscription.until((seen) => seen.length === 2);
    subscription.stop();
    expect(subscription.errors).toEqual([]);
    expect(subscription.results.map((event) => `${event.type}:${event.job.status}`)).toEqual(['job.created:PENDING', 'job.started:RUNNING']);
    expect(receivedIds(subscription)).toEqual(await jobEventIds(database, job.id));
  });

  it(`gives each of ${SUBSCRIBERS} subscribers spread over both instances every event, exactly once, in order`, async () => {
    const { job } = await activatedContract(a.api, callers, threeChanges);
    const [createdId] = await jobEventIds(database, job.id);
    const subscriptions = await Promise.all(Array.from({ length: SUBSCRIBERS }, (_, index) => liveJobUpdates(database, clientOf(index % 2 ? b : a), job.id)));

    // The lifecycle alternates between the instances.
    dataOf(await a.api.gql(callers.operator, StartJobDocument, { id: job.id }));
    for (const stepIndex of [0, 1, 2]) await recordStep(stepIndex % 2 ? a.api : b.api, callers, job.id, { stepIndex, status: 'COMPLETED' });
    dataOf(await b.api.gql(callers.operator, CompleteJobDocument, { id: job.id }));

    const expected = await jobEventIds(database, job.id);
    expect(expected).toHaveLength(7);
    expect(expected[0]).toBe(createdId);
    for (const subscription of subscriptions) {
      await subscription.until((seen) => seen.some((event) => event.type === 'audit.requested'));
      subscription.stop();
      expect(subscription.errors).toEqual([]);
      expect(receivedIds(subscription)).toEqual(expected);
    }
    expect(subscriptions[0].results.map((event) => event.type)).toEqual([
      'job.created',
      'job.started',
      'job.step_recorded',
      'job.step_recorded',
      'job.step_recorded',
      'job.completed',
      'audit.requested',
    ]);
  });

  it(
    'after kill -9 and a restart of instance B, a subscriber resuming with after gets exactly the missed events, then live ones',
    async () => {
      const job = await runningJob(a.api, callers, threeChanges);
      const before = await liveJobUpdates(database, clientOf(b), job.id);
      await recordStep(a.api, callers, job.id, { stepIndex: 0, status: 'COMPLETED' });
      await before.until((seen) => seen.length === 2);
      const lastSeen = before.results[1].id;

      expect(await b.process.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      await before.failure();
      for (const stepIndex of [1, 2]) await recordStep(a.api, callers, job.id, { stepIndex, status: 'COMPLETED' });
      const missed = await jobEventIds(database, job.id, lastSeen);
      expect(missed).toHaveLength(2);

      b = await startInstance(b.port);
      const resumed = recordJobUpdates(clientOf(b), job.id, lastSeen);
      await resumed.until((seen) => seen.length === missed.length);
      dataOf(await a.api.gql(callers.operator, CompleteJobDocument, { id: job.id }));
      await resumed.until((seen) => seen.some((event) => event.type === 'audit.requested'));
      resumed.stop();

      expect(resumed.errors).toEqual([]);
      expect(receivedIds(resumed)).toEqual(await jobEventIds(database, job.id, lastSeen));
      expect(receivedIds(resumed).slice(0, 2)).toEqual(missed);
      expect(resumed.results.map((event) => `${event.type}:${event.job.currentStepIndex}`)).toEqual([
        'job.step_recorded:2',
        'job.step_recorded:3',
        'job.completed:3',
        'audit.requested:3',
      ]);
    },
    SPAWN_TIMEOUT,
  );
});
