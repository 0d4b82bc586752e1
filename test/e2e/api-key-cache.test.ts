// The per-instance API-key cache, on two instances sharing one database, with a TTL far longer than
// the test: a remembered key costs no lookup; revoking it on one instance refuses it there at once
// and on the other as soon as the apikey.revoked event arrives (its WebSocket closed 4401 is the
// fence), not when the TTL runs out; a key minted a moment ago works at once (unknown keys are
// never remembered).
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { errorsOf, postJson, type RawResponse } from '../support/raw-http.js';
import { untilSubscribers } from '../support/live-delivery.js';
import { JOB_EVENTS } from '../support/job-subscriptions.js';
import { record } from '../support/subscriptions.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { wsClient } from '../support/ws-client.js';

const VIEWER = '{ viewer { principal } }';

function closeOf(client: Client): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => client.on('closed', (event) => resolve(event as { code: number; reason: string })));
}

function codeOf(response: RawResponse): unknown {
  return errorsOf(response)[0]?.extensions?.code;
}

describe('API keys remembered per instance', () => {
  let server: TestServer;
  let second: RunningApp;
  const clients: Client[] = [];

  beforeAll(async () => {
    server = await startTestServer({ config: { apiKeyCacheTtlMs: 600_000 } });
    second = await server.startInstance();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await server.close();
  });

  it('looks a remembered key up once, and refuses it on both instances once revoked, long before the TTL', async () => {
    const minted = await server.runtime.createApiKey({ tenantId: 'default', role: 'viewer', principal: 'rhea' });
    for (const url of [server.url, second.server.url]) expect((await postJson(url, minted.key, { query: VIEWER })).body).toEqual({ data: { viewer: { principal: 'rhea' } } });

    const before = await server.statements();
    for (const url of [server.url, second.server.url]) expect((await postJson(url, minted.key, { query: VIEWER })).status).toBe(200);
    expect(await server.statements()).toBe(before);

    const client = wsClient(second.server.url, minted.key);
    clients.push(client);
    const closed = closeOf(client);
    record(client, JOB_EVENTS, {}, (data) => data);
    await untilSubscribers({ app: second }, 1);

    expect(await server.runtime.revokeApiKey(minted.id)).toBe(true);
    const refusedHere = await postJson(server.url, minted.key, { query: VIEWER });
    expect([refusedHere.status, codeOf(refusedHere)]).toEqual([401, 'UNAUTHENTICATED']);

    expect(await closed).toMatchObject({ code: 4401 });
    const refusedThere = await postJson(second.server.url, minted.key, { query: VIEWER });
    expect([refusedThere.status, codeOf(refusedThere)]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('takes a key minted a moment ago at once, after it was refused while unknown', async () => {
    const refused = await postJson(second.server.url, 'gov_not_yet_a_key_but_soon', { query: VIEWER });
    expect(refused.status).toBe(401);
    const minted = await server.runtime.createApiKey({ tenantId: 'default', role: 'viewer', principal: 'nova' });
    expect((await postJson(second.server.url, minted.key, { query: VIEWER })).body).toEqual({ data: { viewer: { principal: 'nova' } } });
  });
});
