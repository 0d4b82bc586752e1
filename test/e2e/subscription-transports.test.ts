// Subscriptions over each transport: GraphQL over SSE (graphql-sse) gets exactly the events graphql-ws
// gets, with the same Authorization header as HTTP (401 without it); a subscription sent as a plain
// HTTP request is BAD_REQUEST naming the transports; the WebSocket key parameter is matched whatever
// its case; a resume position beyond the newest event is refused.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { CompleteJobDocument, StartJobDocument } from '../generated/graphql.js';
import { recordStep } from '../support/jobs.js';
import { idsOf, JOB_EVENTS, jobEvents, jobToWatch, stepsOf, untilEvent, useSubscriptionWorld, type JobEvent } from '../support/job-subscriptions.js';
import { jobEventIds } from '../support/job-updates.js';
import { untilSubscribers } from '../support/live-delivery.js';
import { postJson, errorsOf } from '../support/raw-http.js';
import { dataOf } from '../support/responses.js';
import { sseClient } from '../support/sse-client.js';
import { record } from '../support/subscriptions.js';

describe('subscription transports', () => {
  const world = useSubscriptionWorld();

  it('delivers over SSE exactly the events graphql-ws delivers, with the same ids and snapshots, replay included', async () => {
    const { server } = world;
    const callers = world;
    const { job, viewer } = await jobToWatch(world, stepsOf(2));
    const [createdId] = await jobEventIds(server, job.id);
    const after = (BigInt(createdId) - 1n).toString();
    const overWs = jobEvents(world.connect(viewer), { after });
    const sse = sseClient(server.url, viewer);
    const overSse = record(sse, JOB_EVENTS, { after }, (data) => data.jobEvents as JobEvent);
    try {
      await untilSubscribers(server, 2);
      dataOf(await server.gql(callers.operator, StartJobDocument, { id: job.id }));
      await recordStep(server, callers, job.id, { stepIndex: 0, status: 'COMPLETED' });
      await recordStep(server, callers, job.id, { stepIndex: 1, status: 'COMPLETED' });
      dataOf(await server.gql(callers.operator, CompleteJobDocument, { id: job.id }));
      const expected = await jobEventIds(server, job.id);
      const lastId = expected[expected.length - 1];

      const viaWs = await untilEvent(overWs, lastId);
      const viaSse = await untilEvent(overSse, lastId);
      expect(idsOf(viaWs)).toEqual(expected);
      expect(viaSse).toEqual(viaWs);
      expect(viaSse.map((event) => event.type)).toEqual(['job.created', 'job.started', 'job.step_recorded', 'job.step_recorded', 'job.completed', 'audit.requested']);
      expect(overSse.errors).toEqual([]);
    } finally {
      overSse.stop();
      sse.dispose();
    }
  });

  it('refuses an SSE request without a valid key with 401, WWW-Authenticate: Bearer and a typed body', async () => {
    for (const [authorization, challenge] of [[undefined, 'Bearer'], ['Bearer gov_not_a_real_key', 'Bearer error="invalid_token"']]) {
      const response = await fetch(`${world.server.url}/stream`, {
        method: 'POST',
        headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: JOB_EVENTS }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(challenge);
      const requestId = response.headers.get('x-request-id');
      expect(await response.json()).toEqual({ errors: [{ message: expect.stringContaining('API key'), extensions: { code: 'UNAUTHENTICATED', requestId } }] });
    }
    expect(world.server.app.delivery.hub.size).toBe(0);
  });

  it('refuses a subscription sent as a plain HTTP request with BAD_REQUEST naming both transports', async () => {
    const viewer = await world.server.key('viewer', 'vera');
    const response = await postJson(world.server.url, viewer, { query: JOB_EVENTS });
    expect(response.status).toBe(400);
    const [error] = errorsOf(response);
    expect(error.extensions).toEqual({
      code: 'BAD_REQUEST',
      requestId: response.headers.get('x-request-id'),
      transports: [
        { protocol: 'graphql-ws', url: 'ws://<host>/graphql' },
        { protocol: 'graphql-sse', url: 'http://<host>/graphql/stream' },
      ],
    });
    expect(error.message).toContain('graphql-ws');
    expect(world.server.app.delivery.hub.size).toBe(0);
  });

  it('accepts the key in connectionParams as Authorization (capitalised), as Apollo and Hasura clients send it', async () => {
    const viewer = await world.server.key('viewer', 'vera');
    const client = createClient({ url: world.server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${viewer}` }, retryAttempts: 0 });
    world.clients.push(client);
    const subscription = jobEvents(client);
    await untilSubscribers(world.server, 1);
    expect(subscription.errors).toEqual([]);
  });

  it('refuses to resume after a position beyond the newest event, naming it', async () => {
    const viewer = await world.server.key('viewer', 'vera');
    const subscription = jobEvents(world.connect(viewer), { after: '999999999' });
    const [error] = (await subscription.failure()) as { message: string; extensions: { code: string } }[];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('after 999999999 is not an event id of this server');
  });
});
