// The HTTP surface besides GraphQL itself: health and readiness, Prometheus metrics, the local
// GraphiQL with its assets, request ids, and error codes for bad documents and unexpected failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateContractDocument } from '../generated/graphql.js';
import { proposal } from '../support/fixtures.js';
import { errorsOf, postJson } from '../support/raw-http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { runOverWs, wsClient } from '../support/ws-client.js';

/** Text that must never reach a client: SQL, stack frames, file paths, driver wording. */
const INTERNALS = /select|relation|contracts_hidden|\bat\s+\S+\s*\(|\/work\/|node_modules|\.ts:\d|QueryFailedError/i;

describe('HTTP endpoints', () => {
  let server: TestServer;
  let origin: string;
  let key: string;
  beforeAll(async () => {
    server = await startTestServer();
    origin = new URL(server.url).origin;
    key = await server.key('operator', 'olga');
  });
  afterAll(() => server.close());

  it('answers /healthz with 200', async () => {
    const response = await fetch(`${origin}/healthz`);
    expect(response.status).toBe(200);
  });

  it('answers /readyz with 200 on a migrated database, and 503 while a migration is pending', async () => {
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);
    const queryRunner = server.database.dataSource;
    const [[removed]] = (await queryRunner.query('DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations) RETURNING *')) as [Record<string, unknown>[]];
    try {
      expect((await fetch(`${origin}/readyz`)).status).toBe(503);
    } finally {
      await queryRunner.query('INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)', [removed.id, removed.timestamp, removed.name]);
    }
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);
  });

  it('serves Prometheus metrics for requests, units of work and SQL statements', async () => {
    const created = await server.gql(key, CreateContractDocument, { input: proposal() });
    expect(created.errors).toBeUndefined();
    const response = await fetch(`${origin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('# TYPE graphql_requests_total counter');
    expect(text).toMatch(/^graphql_requests_total\{operation="createContract",outcome="ok"\} 1$/m);
    expect(text).toContain('# TYPE graphql_request_duration_seconds histogram');
    expect(text).toMatch(/^graphql_request_duration_seconds_count\{operation="createContract"\} 1$/m);
    expect(text).toContain('# TYPE unit_of_work_duration_seconds histogram');
    expect(text).toMatch(/^unit_of_work_duration_seconds_count\{command="createContract",outcome="commit"\} 1$/m);
    expect(text).toContain('# TYPE db_statements_total counter');
    const statements = Number(/^db_statements_total (\d+)$/m.exec(text)?.[1]);
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBe(await server.statements());
  });

  it('serves GraphiQL with every script and style from this server', async () => {
    const response = await fetch(`${origin}/graphiql`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    const attributeUrls = [...page.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    const moduleImports = [...page.matchAll(/\bfrom\s+"([^"]+)"/g)].map((match) => match[1]);
    const workers = [...page.matchAll(/\bworker\("([^"]+)"\)/g)].map((match) => `/graphiql/static/${match[1]}`);
    const assets = [...new Set([...attributeUrls, ...moduleImports, ...workers])];
    expect(assets).toEqual(expect.arrayContaining(['/graphiql/static/ruru.js', '/graphiql/static/ruru.css']));
    for (const asset of assets) expect(asset).toMatch(/^\/graphiql\/static\//);
    expect(page).not.toMatch(/<(?:script|link)\b[^>]*\b(?:src|href)="(?:https?:)?\/\//);
    expect(page).not.toMatch(/(?:from|import\()\s*["'](?:https?:)?\/\//);
    for (const asset of assets) {
      const served = await fetch(`${origin}${asset}`);
      expect(served.status, asset).toBe(200);
      expect(served.headers.get('content-type'), asset).toMatch(/javascript|css/);
      await served.arrayBuffer();
    }
  });

  it('gives every GraphQL response an x-request-id, echoing the one the client sent', async () => {
    const generated = await postJson(server.url, key, { query: '{ __typename }' });
    expect(generated.headers.get('x-request-id')).toMatch(/\S{8,}/);
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-request-id': 'trace-42' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('trace-42');
  });

  it('refuses a document that does not parse as GRAPHQL_PARSE_FAILED', async () => {
    const response = await postJson(server.url, key, { query: '{ contracts { totalCount ' });
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(errorsOf(response).map((error) => error.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('refuses a document that does not validate as GRAPHQL_VALIDATION_FAILED, without suggesting fields', async () => {
    const response = await postJson(server.url, key, { query: '{ contracts { totalCont } }' });
    const errors = errorsOf(response);
    expect(errors.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(errors[0].message).not.toMatch(/did you mean/i);
  });

  it('reports the same codes over graphql-ws, without field suggestions either', async () => {
    const client = wsClient(server.url, key);
    try {
      expect(await runOverWs(client, '{ contracts { totalCount ')).toMatchObject({ kind: 'errors', errors: [{ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
      const invalid = await runOverWs(client, '{ contracts { totalCont } }');
      expect(invalid).toMatchObject({ kind: 'errors', errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
      expect(JSON.stringify(invalid)).not.toMatch(/did you mean/i);
    } finally {
      await client.dispose();
    }
  });

  describe('when the database fails unexpectedly (the contracts table is missing)', () => {
    const dataSource = () => server.database.dataSource;
    beforeAll(() => dataSource().query('ALTER TABLE contracts RENAME TO contracts_hidden'));
    afterAll(() => dataSource().query('ALTER TABLE contracts_hidden RENAME TO contracts'));

    it('answers over HTTP with INTERNAL and no internals', async () => {
      const response = await postJson(server.url, key, { query: '{ contracts { totalCount } }' });
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toBeTruthy();
      const errors = errorsOf(response);
      expect(errors.map((error) => error.extensions)).toEqual([{ code: 'INTERNAL', requestId }]);
      expect(JSON.stringify(response.body)).not.toMatch(INTERNALS);
    });

    it('answers over graphql-ws with INTERNAL and no internals', async () => {
      const client = wsClient(server.url, key);
      try {
        const outcome = await runOverWs(client, '{ contracts { totalCount } }');
        if (outcome.kind !== 'result') throw new Error(`expected a result with errors, got ${JSON.stringify(outcome)}`);
        expect(outcome.errors?.map((error) => error.extensions)).toEqual([{ code: 'INTERNAL' }]);
        expect(JSON.stringify(outcome)).not.toMatch(INTERNALS);
      } finally {
        await client.dispose();
      }
    });
  });
});
