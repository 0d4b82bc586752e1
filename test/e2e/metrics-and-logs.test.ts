// Metrics and access logs of a real server process (`node dist/main.js`), over raw HTTP: the
// `operation` label takes only the schema's root field names (or `other`) however many names clients
// invent, METRICS_TOKEN guards /metrics, every request writes one JSON access-log line naming its
// request id, tenant, principal, operation, status and duration, and LOG_FORMAT=pretty is readable.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort, killSpawnedProcesses, startInstanceProcess, type ServerProcess } from '../support/process.js';
import { postJson } from '../support/raw-http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const SPAWN_TIMEOUT = 120_000;
const METRICS_TOKEN = 'metrics-secret-token';

/** Every root field the schema defines: the only names the `operation` label may take, besides these two. */
function rootFieldNames(): Set<string> {
  const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8'));
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(isObjectType);
  return new Set([...roots.flatMap((root) => Object.keys(root.getFields())), 'introspection', 'other']);
}

/** The JSON lines a process wrote to stdout (its other lines are the start-up banner). */
function jsonLines(server: ServerProcess): Record<string, unknown>[] {
  return server
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Waits until the process has written the access-log line of `requestId` (stdout arrives through a pipe). */
async function accessLineOf(server: ServerProcess, requestId: string): Promise<Record<string, unknown>[]> {
  return vi.waitFor(() => {
    const lines = jsonLines(server).filter((line) => line.requestId === requestId && line.msg === 'request');
    if (lines.length === 0) throw new Error(`no access-log line for ${requestId} yet`);
    return lines;
  }, { timeout: 10_000, interval: 20 });
}

describe('metrics and access logs of a server process', () => {
  let database: TestServer;
  let server: ServerProcess;
  let pretty: ServerProcess;
  let key: string;

  beforeAll(async () => {
    database = await startTestServer();
    key = await database.key('operator', 'olga');
    [server, pretty] = await Promise.all([
      startInstanceProcess(database.database.url, await freePort(), { LOG_LEVEL: 'info', METRICS_TOKEN }),
      startInstanceProcess(database.database.url, await freePort(), { LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' }),
    ]);
  }, SPAWN_TIMEOUT);
  afterAll(async () => {
    await killSpawnedProcesses();
    await database.close();
  });

  const metricsText = async () => {
    const response = await fetch(new URL('/metrics', server.url), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  };

  it('labels requests only with root field names or `other`, whatever operation names clients send', async () => {
    const invented = Array.from({ length: 60 }, () => `Op_${randomUUID().replaceAll('-', '')}`);
    const documents = [
      (name: string) => `query ${name} { viewer { principal } }`,
      (name: string) => `query ${name} { ${name.toLowerCase()} }`, // a field the schema does not have
      (name: string) => `query ${name} { viewer {`, // does not parse
      (name: string) => `query ${name} { __typename }`,
      (name: string) => `query ${name} { __schema { queryType { name } } }`,
    ];
    await Promise.all(invented.map((name, index) => postJson(server.url, index % 3 === 0 ? null : key, { query: documents[index % documents.length](name), operationName: name })));

    const text = await metricsText();
    const labels = new Set([...text.matchAll(/^graphql_requests_total\{operation="([^"]*)"/gm)].map((match) => match[1]));
    expect([...labels].sort()).toEqual(['introspection', 'other', 'viewer']);
    for (const label of labels) expect(rootFieldNames()).toContain(label);
    for (const name of invented) expect(text).not.toContain(name);
  });

  it('requires METRICS_TOKEN as a bearer token for /metrics when it is set', async () => {
    const metricsUrl = new URL('/metrics', server.url);
    const missing = await fetch(metricsUrl);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await missing.text()).not.toContain('graphql_requests_total');
    expect((await fetch(metricsUrl, { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { authorization: METRICS_TOKEN } })).status).toBe(401);
    expect(await metricsText()).toContain('# TYPE delivery_lag_seconds gauge');
    // Without METRICS_TOKEN (the other process), /metrics stays open.
    expect((await fetch(new URL('/metrics', pretty.url))).status).toBe(200);
  });

  it('writes one access-log line per request with its id, tenant, principal, operation, status and duration', async () => {
    const sent = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-request-id': 'access-log-1' },
      body: JSON.stringify({ query: 'query WhoAmI { viewer { principal tenant } }', operationName: 'WhoAmI' }),
    });
    expect(sent.status).toBe(200);
    expect(sent.headers.get('x-request-id')).toBe('access-log-1');
    const [line, ...more] = await accessLineOf(server, 'access-log-1');
    expect(more).toEqual([]);
    expect(line).toMatchObject({ level: 30, requestId: 'access-log-1', method: 'POST', path: '/graphql', status: 200, tenant: 'default', principal: 'olga', operation: 'viewer', operationName: 'WhoAmI' });
    expect(line.durationMs).toEqual(expect.any(Number));

    // A request without an id gets one, echoed to the client and named by its one line.
    const anonymous = await postJson(server.url, null, { query: '{ viewer { principal } }' });
    const assigned = anonymous.headers.get('x-request-id')!;
    expect(assigned).toMatch(/^[0-9a-f-]{36}$/);
    const [unauthenticated, ...again] = await accessLineOf(server, assigned);
    expect(again).toEqual([]);
    expect(unauthenticated).toMatchObject({ requestId: assigned, operation: 'viewer', operationName: null });
    expect(unauthenticated.tenant).toBeUndefined();
    expect(unauthenticated.principal).toBeUndefined();

    // Other paths are logged too; a client's id that is not a plain token is replaced, not echoed.
    const health = await fetch(new URL('/healthz', server.url), { headers: { 'x-request-id': '<script>alert(1)</script> and spaces' } });
    const replaced = health.headers.get('x-request-id')!;
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect((await accessLineOf(server, replaced))[0]).toMatchObject({ method: 'GET', path: '/healthz', status: 200 });

    // Every line the process wrote is one JSON object: no multi-line stacks between them.
    const lines = server.stdout().split('\n').filter((text) => text !== '');
    // Besides log lines, stdout carries only the server's own start-up lines (its pid, where it serves).
    for (const text of lines.filter((text) => !text.startsWith('Governance runtime '))) expect(() => JSON.parse(text)).not.toThrow();
  });

  it('writes readable single lines with LOG_FORMAT=pretty', async () => {
    await postJson(pretty.url, key, { query: '{ viewer { principal } }' }).then((response) => expect(response.status).toBe(200));
    const line = await vi.waitFor(() => {
      const found = pretty.stdout().split('\n').find((text) => text.includes('POST /graphql'));
      if (!found) throw new Error('no pretty access line yet');
      return found;
    }, { timeout: 10_000, interval: 20 });
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: POST \/graphql 200 \d+ms viewer \{.*"requestId":"[0-9a-f-]{36}".*"principal":"olga"/);
    expect(pretty.stdout().split('\n').some((text) => text.startsWith('{'))).toBe(false);
  });
});
