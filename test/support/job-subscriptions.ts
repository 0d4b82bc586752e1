// Job subscriptions in end-to-end tests: a typed jobEvents recorder, a job plan of any number of
// steps, and a per-block server whose graphql-ws clients are closed after each test.
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { JobEventsDocument, type CreateContractInput, type JobEventsSubscription } from '../generated/graphql.js';
import { mintContractCallers, type ContractCallers } from './contracts.js';
import { activatedContract } from './jobs.js';
import { untilDeliveredSoFar, untilSubscribers } from './live-delivery.js';
import { record, type RecordedSubscription } from './subscriptions.js';
import { startTestServer, type TestServer } from './test-server.js';
import { wsClient } from './ws-client.js';

export type JobEvent = JobEventsSubscription['jobEvents'];

export const JOB_EVENTS = print(JobEventsDocument);

/** Records `jobEvents(status, after)`. */
export function jobEvents(client: Client, variables: { status?: string[]; after?: string } = {}): RecordedSubscription<JobEvent> {
  return record(client, JOB_EVENTS, variables, (data) => (data as JobEventsSubscription).jobEvents);
}

/** Waits until the subscription has delivered the event with id `id` (events arrive in id order). */
export function untilEvent<T extends { id: string }>(subscription: RecordedSubscription<T>, id: string): Promise<T[]> {
  return subscription.until((seen) => seen.some((event) => event.id === id));
}

export const idsOf = (events: readonly { id: string }[]) => events.map((event) => event.id);
export const typesOf = (events: readonly { type: string }[]) => events.map((event) => event.type);

/** A job plan of `count` steps (one PARAMETER_CHANGE each), each carrying `parameterBytes` of parameters. */
export function stepsOf(count: number, parameterBytes = 8): Partial<CreateContractInput> {
  return {
    proposedChanges: Array.from({ length: count }, (_, index) => ({ type: 'PARAMETER_CHANGE' as const, scope: `scope-${index}`, parameters: { blob: 'x'.repeat(parameterBytes) } })),
  };
}

/** A describe block's server and callers; `connect` opens a client that is closed after the test. */
export interface SubscriptionWorld extends ContractCallers {
  server: TestServer;
  clients: Client[];
  connect(key: string | null): Client;
}

/** Registers the hooks and returns the world they fill in; after each test no subscriber is left. */
export function useSubscriptionWorld(options: Parameters<typeof startTestServer>[0] = {}): SubscriptionWorld {
  const world = { clients: [] as Client[] } as SubscriptionWorld;
  world.connect = (key) => {
    const client = wsClient(world.server.url, key);
    world.clients.push(client);
    return client;
  };
  beforeAll(async () => {
    world.server = await startTestServer(options);
    Object.assign(world, await mintContractCallers(world.server));
  });
  afterEach(async () => {
    await Promise.all(world.clients.splice(0).map((client) => client.dispose()));
    await untilSubscribers(world.server, 0);
  });
  afterAll(() => world.server.close());
  return world;
}

/**
 * A PENDING job of `plan` and a viewer's key, returned once every event so far is published: a
 * subscriber registered next without `after` receives only the events of commands sent after this.
 */
export async function jobToWatch(world: SubscriptionWorld, plan: Partial<CreateContractInput>) {
  const { job } = await activatedContract(world.server, world, plan);
  await untilDeliveredSoFar(world.server);
  return { job, viewer: await world.server.key('viewer', 'vera') };
}
