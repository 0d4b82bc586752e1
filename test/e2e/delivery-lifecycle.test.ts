// The edges of a live connection's life, on two instances sharing one database: a revoked key is cut
// off on every instance (WebSockets closed 4401, SSE streams ended with UNAUTHENTICATED) and gets no
// later event while other subscribers do, and so is an expiring key when it expires; an instance that shuts down ends every subscription with
// UNAVAILABLE and the last delivered position, from which another instance resumes without a gap;
// and an idle instance's delivery statements take no transaction id.
import type { Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { lastSequencedPosition, eventsAfter } from '../../src/runtime/drivers/outbox-reads.js';
import { sequenceCommittedEvents, tryTakeSequencerLock } from '../../src/runtime/drivers/outbox-sequencing.js';
import { StartJobDocument } from '../generated/graphql.js';
import { mintContractCallers, type ContractCallers } from '../support/contracts.js';
import { JOB_EVENTS, jobEvents, stepsOf, untilEvent, type JobEvent } from '../support/job-subscriptions.js';
import { jobEventIds, recordJobUpdates, untilSequenced } from '../support/job-updates.js';
import { activatedContract, recordStep } from '../support/jobs.js';
import { untilDeliveredSoFar } from '../support/live-delivery.js';
import { dataOf, errorCode } from '../support/responses.js';
import { sseClient } from '../support/sse-client.js';
import { record, type RecordedSubscription } from '../support/subscriptions.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { wsClient } from '../support/ws-client.js';

/** How a graphql-ws client's connection closed. */
function closeOf(client: Client): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => client.on('closed', (event) => resolve(event as { code: number; reason: string })));
}

describe('live connections across two instances', () => {
  let server: TestServer;
  let second: RunningApp;
  let callers: ContractCallers;
  const clients: { dispose(): void | Promise<void> }[] = [];
  const urlOf = (instance: RunningApp) => instance.server.url;
  const ws = (instance: RunningApp, key: string) => {
    const client = wsClient(urlOf(instance), key);
    clients.push(client);
    return client;
  };
  const sse = (instance: RunningApp, key: string) => {
    const client = sseClient(urlOf(instance), key);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer();
    second = await server.startInstance();
    callers = await mintContractCallers(server);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await server.close();
  });

  it('cuts a revoked key off on both instances, WebSocket and SSE, before any later event, and keeps serving everyone else', async () => {
    const { job } = await activatedContract(server, callers, stepsOf(2));
    await untilDeliveredSoFar(server);
    const revoked = await server.runtime.createApiKey({ tenantId: 'default', role: 'viewer', principal: 'rita' });
    const witnessKey = await server.key('viewer', 'walt');
    const onFirst = ws(server.app, revoked.key);
    const onSecond = ws(second, revoked.key);
    const closes = [closeOf(onFirst), closeOf(onSecond)];
    const subscriptions = [jobEvents(onFirst), jobEvents(onSecond), record(sse(second, revoked.key), JOB_EVENTS, {}, (data) => data.jobEvents as JobEvent)];
    const witnesses = [jobEvents(ws(server.app, witnessKey)), jobEvents(ws(second, witnessKey))];
    await untilHubSize(server.app, 2);
    await untilHubSize(second, 3);

    dataOf(await server.gql(callers.operator, StartJobDocument, { id: job.id }));
    const [started] = await jobEventIds(server, job.id, (await jobEventIds(server, job.id))[0]);
    for (const subscription of [...subscriptions, ...witnesses]) await untilEvent(subscription, started);

    expect(await server.runtime.revokeApiKey(revoked.id)).toBe(true);
    for (const close of closes) expect(await close).toMatchObject({ code: 4401, reason: 'Unauthorized: the API key was revoked' });
    const sseEnd = subscriptions[2];
    await sseEnd.until(() => sseEnd.errors.length > 0);
    expect(sseEnd.errors).toEqual([[expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED', reason: 'API_KEY_REVOKED' } })]]);

    // The fence: a later event reaches the witnesses on both instances; the revoked key's streams saw nothing after `started`.
    await recordStep(server, callers, job.id, { stepIndex: 0, status: 'COMPLETED' });
    const later = (await jobEventIds(server, job.id, started))[0];
    for (const witness of witnesses) expect((await untilEvent(witness, later)).map((event) => event.type).slice(-2)).toEqual(['job.started', 'job.step_recorded']);
    for (const subscription of subscriptions) expect(subscription.results.map((event) => event.id)).toEqual([started]);
    expect(errorCode(await server.gql(revoked.key, '{ jobs(first: 1) { totalCount } }'))).toBe('UNAUTHENTICATED');
  });

  it('ends an expiring key\'s WebSocket and SSE streams when the key expires, before any later event, and keeps serving everyone else', async () => {
    const { job } = await activatedContract(server, callers, stepsOf(2));
    await untilDeliveredSoFar(server);
    const instance = await server.startInstance();
    try {
      const expiring = await server.runtime.createApiKey({ tenantId: 'default', role: 'viewer', principal: 'eve', expiresInSeconds: 1 });
      const client = ws(instance, expiring.key);
      const closed = closeOf(client);
      const streams = [jobEvents(client), record(sse(instance, expiring.key), JOB_EVENTS, {}, (data) => data.jobEvents as JobEvent)];
      const witness = jobEvents(ws(instance, await server.key('viewer', 'walt')));
      await untilHubSize(instance, 3);

      dataOf(await server.gql(callers.operator, StartJobDocument, { id: job.id }));
      const [started] = await jobEventIds(server, job.id, (await jobEventIds(server, job.id))[0]);
      for (const subscription of [...streams, witness]) await untilEvent(subscription, started);

      // The key's second passes on the server's clock; its connections end when the key's timer finds it expired.
      server.clock.advance(1_000);
      expect(await closed).toEqual(expect.objectContaining({ code: 4401, reason: 'Unauthorized: the API key expired' }));
      const sseEnd = streams[1];
      await sseEnd.until(() => sseEnd.errors.length > 0);
      expect(sseEnd.errors).toEqual([[expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED', reason: 'API_KEY_EXPIRED' } })]]);

      // The fence: a later event reaches the witness; the expired key's streams saw nothing after `started`.
      await recordStep(server, callers, job.id, { stepIndex: 0, status: 'COMPLETED' });
      const later = (await jobEventIds(server, job.id, started))[0];
      expect((await untilEvent(witness, later)).map((event) => event.type).slice(-2)).toEqual(['job.started', 'job.step_recorded']);
      for (const stream of streams) expect(stream.results.map((event) => event.id)).toEqual([started]);
      expect(errorCode(await server.gql(expiring.key, '{ jobs(first: 1) { totalCount } }'))).toBe('UNAUTHENTICATED');
    } finally {
      await instance.stop();
    }
  });

  it('ends every subscription of an instance that shuts down with UNAVAILABLE and the last delivered position; another instance resumes from it', async () => {
    const { job } = await activatedContract(server, callers, stepsOf(3));
    await untilDeliveredSoFar(server);
    const viewer = await server.key('viewer', 'vera');
    const leaving = await server.startInstance();
    const client = ws(leaving, viewer);
    const closed = closeOf(client);
    const overWs = recordJobUpdates(client, job.id, null);
    const overSse = record(sse(leaving, viewer), JOB_EVENTS, {}, (data) => data.jobEvents as JobEvent);
    await untilHubSize(leaving, 2);
    dataOf(await server.gql(callers.operator, StartJobDocument, { id: job.id }));
    await recordStep(server, callers, job.id, { stepIndex: 0, status: 'COMPLETED' });
    const delivered = await jobEventIds(server, job.id, (await jobEventIds(server, job.id))[0]);
    for (const subscription of [overWs, overSse] as RecordedSubscription<{ id: string }>[]) await untilEvent(subscription, delivered[1]);

    await leaving.stop();
    const closing = { code: 'UNAVAILABLE', resumeAfter: delivered[1] };
    expect(await overWs.failure()).toEqual([expect.objectContaining({ extensions: closing })]);
    expect((await closed).code).toBe(1001);
    await overSse.until(() => overSse.errors.length > 0);
    expect(overSse.errors).toEqual([[expect.objectContaining({ extensions: closing })]]);

    await recordStep(server, callers, job.id, { stepIndex: 1, status: 'COMPLETED' });
    const resuming = ws(server.app, viewer);
    const resumed = recordJobUpdates(resuming, job.id, closing.resumeAfter);
    const [next] = await jobEventIds(server, job.id, closing.resumeAfter);
    expect((await untilEvent(resumed, next)).map((event) => event.id)).toEqual([next]);
    // Closed here, not left to the end of the file: the revocation test counts the first instance's subscribers.
    await resuming.dispose();
  });

  it('sends no statement that takes a transaction id while nothing is written (the sequencer pass, the reader, the lock bid)', async () => {
    await untilSequenced(server);
    const client = new pg.Client({ connectionString: server.database.url });
    await client.connect();
    try {
      const session = { query: async (sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows };
      const reader = { manager: { query: (sql: string, parameters?: unknown[]) => session.query(sql, parameters) } } as never;
      await client.query('BEGIN');
      expect(await tryTakeSequencerLock(session)).toBe(false); // the server's delivery session holds it
      expect(await sequenceCommittedEvents(session, 1000)).toEqual({ sequenced: 0, lastPosition: null });
      const position = await lastSequencedPosition(reader);
      expect(await eventsAfter(reader, position, 500)).toEqual([]);
      const [{ xid }] = (await client.query('SELECT pg_current_xact_id_if_assigned()::text AS xid')).rows;
      expect(xid).toBeNull();
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  async function untilHubSize(instance: RunningApp, size: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (instance.delivery.hub.size !== size) {
      if (Date.now() > deadline) throw new Error(`not ${size} subscribers within 10 s (${instance.delivery.hub.size})`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});
