// OpenTelemetry through a real server with a tracer provider exporting to memory: a mutation sent
// with a W3C traceparent continues that trace with an HTTP span, the GraphQL operation's span, the
// unit of work named after its command and its SQL statements, each the child of the one before; the
// events it wrote carry its trace context, so delivering them to a subscriber is a span linked to it.
import { randomBytes } from 'node:crypto';
import { print } from 'graphql';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTracing, type Tracing } from '../../src/telemetry/tracing.js';
import { ContractEventsDocument, CreateContractDocument, type ContractEventsSubscription } from '../generated/graphql.js';
import { proposal } from '../support/fixtures.js';
import { untilSubscribers } from '../support/live-delivery.js';
import { record } from '../support/subscriptions.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { wsClient } from '../support/ws-client.js';

describe('tracing', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let server: TestServer;
  let operator: string;
  let viewer: string;

  beforeAll(async () => {
    tracing = (await startTracing({ exporter }))!;
    server = await startTestServer({ tracing: true });
    [operator, viewer] = await Promise.all([server.key('operator', 'olga'), server.key('viewer', 'vera')]);
  });
  afterAll(async () => {
    await server.close();
    await tracing.shutdown();
  });

  /** Waits until the trace has a span matching `find` (spans are exported as they end). */
  const spanOf = (find: (span: ReadableSpan) => boolean) =>
    vi.waitFor(() => {
      const found = exporter.getFinishedSpans().find(find);
      if (!found) throw new Error('span not exported yet');
      return found;
    }, { timeout: 10_000, interval: 10 });
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  it('continues the caller\'s traceparent through HTTP, the operation, its unit of work and SQL, and links the delivery of its events', async () => {
    const client = wsClient(server.url, viewer);
    const events = record(client, print(ContractEventsDocument), {}, (data) => data.contractEvents as ContractEventsSubscription['contractEvents']);
    await untilSubscribers(server, 1);

    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}`, traceparent: `00-${traceId}-${callerSpanId}-01` },
      body: JSON.stringify({ query: print(CreateContractDocument), variables: { input: proposal() } }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();

    const inTrace = (span: ReadableSpan) => span.spanContext().traceId === traceId;
    const http = await spanOf((span) => inTrace(span) && span.name === 'POST /graphql');
    expect(parentOf(http)).toBe(callerSpanId);
    expect(http.attributes['http.response.status_code']).toBe(200);
    const operation = await spanOf((span) => inTrace(span) && span.name === 'mutation createContract');
    expect(parentOf(operation)).toBe(http.spanContext().spanId);
    expect(operation.attributes['graphql.operation.name']).toBe('CreateContract');
    const unitOfWork = await spanOf((span) => inTrace(span) && span.name === 'createContract');
    expect(parentOf(unitOfWork)).toBe(operation.spanContext().spanId);
    expect(unitOfWork.attributes['governance.command']).toBe('createContract');

    const statements = exporter.getFinishedSpans().filter((span) => inTrace(span) && parentOf(span) === unitOfWork.spanContext().spanId);
    expect(statements.map((span) => span.name)).toEqual(expect.arrayContaining(['sql START', 'sql INSERT', 'sql COMMIT']));
    expect(statements.some((span) => String(span.attributes['db.query.text']).includes('INSERT INTO outbox_events'))).toBe(true);
    // The key lookup is a read of the operation, not of the unit of work.
    expect(exporter.getFinishedSpans().some((span) => inTrace(span) && span.name.startsWith('sql') && parentOf(span) === operation.spanContext().spanId)).toBe(true);

    await events.until((seen) => seen.length === 1);
    expect(events.results[0].type).toBe('contract.created');
    const delivery = await spanOf((span) => span.name === 'deliver contract.created' && span.links.some((link) => link.context.traceId === traceId));
    expect(delivery.spanContext().traceId).not.toBe(traceId);
    expect(delivery.links.map((link) => link.context.spanId)).toEqual([unitOfWork.spanContext().spanId]);
    expect(delivery.attributes['governance.event.id']).toBe(events.results[0].id);
    expect(delivery.attributes['governance.event.receivers']).toBe(1);
    await client.dispose();
  });

  it('starts a new trace for a request without traceparent', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}`, 'x-request-id': 'untraced-caller' },
      body: JSON.stringify({ query: '{ viewer { principal } }' }),
    });
    expect(response.status).toBe(200);
    const http = await spanOf((span) => span.name === 'POST /graphql' && span.attributes['http.request.id'] === 'untraced-caller');
    expect(http.parentSpanContext).toBeUndefined();
    const operation = await spanOf((span) => span.name === 'query viewer');
    expect(operation.spanContext().traceId).toBe(http.spanContext().traceId);
  });
});
