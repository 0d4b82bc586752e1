// Rate limits per API key and per tenant, against a real server with small limits and a window far
// longer than the test (so nothing depends on timing): operations over HTTP (RATE_LIMITED,
// retryAfter, 429 and Retry-After; nothing written), GraphQL over SSE and graphql-ws; subscriptions
// running at once over graphql-ws and SSE; and another tenant unaffected all along.
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateContractDocument, JobEventsDocument } from '../generated/graphql.js';
import { proposal } from '../support/fixtures.js';
import { untilSubscribers } from '../support/live-delivery.js';
import { errorsOf, fetchJson, postJson } from '../support/raw-http.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { dataOf } from '../support/responses.js';
import { record } from '../support/subscriptions.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { runOverWs, wsClient } from '../support/ws-client.js';

const WINDOW_SECONDS = 3600;
const VIEWER = '{ viewer { principal } }';

/** The refusal's extensions, exactly (retryAfter: within the window). */
function rateLimited(limit: string, allowed: number) {
  return { code: 'RATE_LIMITED', limit, allowed, retryAfter: expect.toSatisfy((seconds: number) => Number.isInteger(seconds) && seconds >= 1 && seconds <= WINDOW_SECONDS) };
}

/** Sends `count` operations that must all succeed. */
async function spend(server: TestServer, key: string, count: number): Promise<void> {
  for (let sent = 0; sent < count; sent++) dataOf(await server.gql(key, VIEWER));
}

/** POSTs an operation to GraphQL over SSE (only refusals are awaited: they answer JSON at once). */
function postStream(server: TestServer, key: string, body: { query: string }) {
  return fetchJson(`${server.url}/stream`, {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
}

describe('operations per key and per tenant', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ config: { rateLimits: { windowSeconds: WINDOW_SECONDS, operationsPerKey: 3, operationsPerTenant: 5, subscriptionsPerKey: 0, subscriptionsPerTenant: 0 } } });
  });
  afterAll(async () => server.close());

  it('refuses a key over its rate with RATE_LIMITED, retryAfter, 429 and Retry-After, writing nothing, while another tenant is served', async () => {
    const busy = await server.key('operator', 'busy-bot', 'tenant-busy');
    const quiet = await server.key('operator', 'quiet-bot', 'tenant-quiet');
    // A burst of the busy key's and the quiet tenant's operations at once.
    const [busyAnswers, quietAnswers] = await Promise.all([
      Promise.all(Array.from({ length: 8 }, () => postJson(server.url, busy, { query: VIEWER }))),
      Promise.all(Array.from({ length: 3 }, () => postJson(server.url, quiet, { query: VIEWER }))),
    ]);
    expect(quietAnswers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(busyAnswers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);

    const refused = busyAnswers.find((answer) => answer.status === 429)!;
    const [error] = errorsOf(refused);
    expect(error.extensions).toEqual({ ...rateLimited('operationsPerKey', 3), requestId: expect.any(String) });
    expect(refused.headers.get('retry-after')).toBe(String(error.extensions!.retryAfter));

    await expectRefusedWithoutWrites(server, 'RATE_LIMITED', () => server.gql(busy, CreateContractDocument, { input: proposal() }));
  });

  it('limits a second key of the same tenant by the tenant limit', async () => {
    const first = await server.key('viewer', 'first-bot', 'tenant-shared');
    const second = await server.key('viewer', 'second-bot', 'tenant-shared');
    await spend(server, first, 3);
    await spend(server, second, 2);

    const refused = await postJson(server.url, second, { query: VIEWER });
    expect(refused.status).toBe(429);
    expect(errorsOf(refused)[0].extensions).toEqual({ ...rateLimited('operationsPerTenant', 5), requestId: expect.any(String) });
    await spend(server, await server.key('viewer', 'other-bot', 'tenant-other'), 3);
  });

  it('limits operations over graphql-ws, each refused with RATE_LIMITED and retryAfter, a mutation writing nothing', async () => {
    const key = await server.key('operator', 'socket-bot', 'tenant-socket');
    const client = wsClient(server.url, key);
    try {
      for (let sent = 0; sent < 3; sent++) expect(await runOverWs(client, VIEWER)).toMatchObject({ kind: 'result', data: { viewer: { principal: 'socket-bot' } } });
      const refused = await runOverWs(client, VIEWER);
      expect(refused).toEqual({ kind: 'errors', errors: [{ message: expect.any(String), extensions: rateLimited('operationsPerKey', 3) }] });
      await expectRefusedWithoutWrites(server, 'RATE_LIMITED', async () => {
        const outcome = await runOverWs(client, 'mutation { reportCapabilityHealth(capability: "summariser", status: HEALTHY) { capability } }');
        return outcome.kind === 'errors' ? { data: null, errors: [...outcome.errors] } : { data: outcome };
      });
    } finally {
      await client.dispose();
    }
  });

  it('limits operations over GraphQL over SSE with 429 and Retry-After', async () => {
    const key = await server.key('viewer', 'stream-bot', 'tenant-stream');
    await spend(server, key, 3);
    const refused = await postStream(server, key, { query: VIEWER });
    expect(refused.status).toBe(429);
    const [error] = errorsOf(refused);
    expect(error.extensions).toEqual({ ...rateLimited('operationsPerKey', 3), requestId: expect.any(String) });
    expect(refused.headers.get('retry-after')).toBe(String(error.extensions!.retryAfter));
  });

  it('counts refusals by limit in /metrics', async () => {
    /** rate_limited_total for each limit (0 before its first refusal). */
    const counted = async () => {
      const metrics = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
      const value = (limit: string) => Number(new RegExp(`^rate_limited_total\\{limit="${limit}"\\} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);
      return { operationsPerKey: value('operationsPerKey'), operationsPerTenant: value('operationsPerTenant') };
    };
    const before = await counted();
    // The refusals counted here are this test's own (tenants of its own), not the other tests'.
    const overKey = await server.key('viewer', 'counted-bot', 'tenant-counted-key');
    await spend(server, overKey, 3);
    expect((await postJson(server.url, overKey, { query: VIEWER })).status).toBe(429);
    const [first, second] = [await server.key('viewer', 'first-bot', 'tenant-counted'), await server.key('viewer', 'second-bot', 'tenant-counted')];
    await spend(server, first, 3);
    await spend(server, second, 2);
    expect((await postJson(server.url, second, { query: VIEWER })).status).toBe(429);
    expect(await counted()).toEqual({ operationsPerKey: before.operationsPerKey + 1, operationsPerTenant: before.operationsPerTenant + 1 });
  });
});

describe('subscriptions at once per key and per tenant', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ config: { rateLimits: { windowSeconds: WINDOW_SECONDS, operationsPerKey: 0, operationsPerTenant: 0, subscriptionsPerKey: 1, subscriptionsPerTenant: 2 } } });
  });
  afterAll(async () => server.close());

  it('refuses a subscription over the key or tenant limit over graphql-ws, and admits one again once a place is freed', async () => {
    const keys = await Promise.all(['one', 'two', 'three'].map((name) => server.key('viewer', `${name}-watcher`, 'tenant-watch')));
    const [one, two, three] = keys.map((key) => wsClient(server.url, key));
    const other = wsClient(server.url, await server.key('viewer', 'other-watcher', 'tenant-elsewhere'));
    // Distinct filters: each is its own subscriber (equal ones would share one execution).
    const watch = (client: typeof one, status: string) => record(client, print(JobEventsDocument), { status: [status] }, (data) => data.jobEvents);
    try {
      const first = watch(one, 'RUNNING');
      await untilSubscribers(server, 1);
      expect(await watch(one, 'FAILED').failure()).toEqual([expect.objectContaining({ extensions: { code: 'RATE_LIMITED', limit: 'subscriptionsPerKey', allowed: 1, retryAfter: 1 } })]);

      const second = watch(two, 'COMPLETED');
      await untilSubscribers(server, 2);
      expect(await watch(three, 'PENDING').failure()).toEqual([expect.objectContaining({ extensions: { code: 'RATE_LIMITED', limit: 'subscriptionsPerTenant', allowed: 2, retryAfter: 1 } })]);
      const elsewhere = watch(other, 'RUNNING');
      await untilSubscribers(server, 3);

      first.stop();
      await untilSubscribers(server, 2);
      const third = watch(three, 'CANCELLED');
      await untilSubscribers(server, 3);
      expect([first.errors, second.errors, third.errors, elsewhere.errors]).toEqual([[], [], [], []]);

      const overSse = await postStream(server, await server.key('viewer', 'stream-watcher', 'tenant-watch'), { query: print(JobEventsDocument) });
      expect(overSse.status).toBe(429);
      expect(errorsOf(overSse)[0].extensions).toEqual({ code: 'RATE_LIMITED', limit: 'subscriptionsPerTenant', allowed: 2, retryAfter: 1, requestId: expect.any(String) });
      expect(overSse.headers.get('retry-after')).toBe('1');
    } finally {
      await Promise.all([one, two, three, other].map((client) => client.dispose()));
    }
  });
});
