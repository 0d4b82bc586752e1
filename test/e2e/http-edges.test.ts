// The HTTP edges as a client developer meets them, against a real server: 401 with a bearer
// challenge for refused keys; JSON (never HTML, never a stack) with a code and the request id for
// malformed JSON (400), oversized bodies (413), other media types (415) and unknown routes (404);
// introspection regardless of NODE_ENV, and GRAPHQL_INTROSPECTION=false; GET for queries with CSRF
// prevention kept; CORS_ORIGINS with preflights.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorsOf, fetchJson, postJson, type RawResponse } from '../support/raw-http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** What must never reach a client in an error: stack frames, file paths, Express's HTML page. */
const INTERNALS = /\bat\s+\S+\s*\(|\/work\/|node_modules|<html|<pre>/i;

const INTROSPECTION = '{ __schema { queryType { name } } }';

/** Asserts one JSON error with `code` (and `reason`), carrying the request id of the response header. */
function expectJsonError(response: RawResponse, status: number, code: string, reason?: string): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/json/);
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  expect(errorsOf(response)).toEqual([{ message: expect.any(String), extensions: { code, ...(reason ? { reason } : {}), requestId } }]);
  expect(JSON.stringify(response.body)).not.toMatch(INTERNALS);
}

describe('HTTP edges', () => {
  let server: TestServer;
  let origin: string;
  let key: string;
  beforeAll(async () => {
    // Apollo's own default turns introspection off in production: the server's setting must not.
    vi.stubEnv('NODE_ENV', 'production');
    server = await startTestServer();
    origin = new URL(server.url).origin;
    key = await server.key('viewer', 'vera');
  });
  afterAll(async () => {
    await server.close();
    vi.unstubAllEnvs();
  });

  describe('authentication', () => {
    it('answers a missing key with 401, WWW-Authenticate: Bearer and UNAUTHENTICATED', async () => {
      const response = await postJson(server.url, null, { query: '{ viewer { principal } }' });
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expectJsonError(response, 401, 'UNAUTHENTICATED');
    });

    it('answers an unknown, malformed or revoked key with 401 and error="invalid_token"', async () => {
      const minted = await server.runtime.createApiKey({ tenantId: 'default', role: 'viewer', principal: 'rita' });
      expect((await postJson(server.url, minted.key, { query: '{ viewer { principal } }' })).status).toBe(200);
      expect(await server.runtime.revokeApiKey(minted.id)).toBe(true);
      for (const authorization of ['Bearer gov_unknown', 'Basic dmVyYTpzZWNyZXQ=', `Bearer ${minted.key}`]) {
        const response = await fetchJson(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: '{ viewer { principal } }' }) });
        expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
        expectJsonError(response, 401, 'UNAUTHENTICATED');
      }
    });

    it('answers the SSE endpoint the same way', async () => {
      const response = await fetchJson(`${server.url}/stream`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: 'Bearer gov_unknown' }, body: JSON.stringify({ query: 'subscription { jobEvents { id } }' }) });
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expectJsonError(response, 401, 'UNAUTHENTICATED');
    });
  });

  describe('refusals before GraphQL, as JSON with the request id', () => {
    for (const path of ['', '/stream']) {
      it(`answers malformed JSON with 400 on /graphql${path}`, async () => {
        const response = await fetchJson(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: '{"query": "{ viewer { principal } }"' });
        expectJsonError(response, 400, 'BAD_REQUEST', 'MALFORMED_JSON');
      });

      it(`answers a body over 1 MB with 413 on /graphql${path}`, async () => {
        const body = JSON.stringify({ query: '{ viewer { principal } }', variables: { padding: 'x'.repeat(1_100_000) } });
        const response = await fetchJson(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
        expectJsonError(response, 413, 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE');
      });

      it(`answers a body that is not JSON, or JSON not in UTF-8, with 415 on /graphql${path}`, async () => {
        for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', null]) {
          const response = await fetchJson(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, ...(contentType ? { 'content-type': contentType } : {}) }, body: contentType ? '{"query":"{ viewer { principal } }"}' : null });
          expectJsonError(response, 415, 'BAD_REQUEST', 'UNSUPPORTED_MEDIA_TYPE');
        }
      });
    }

    it('answers an unknown route with a JSON 404', async () => {
      for (const [method, path] of [['GET', '/nowhere'], ['POST', '/nowhere'], ['DELETE', '/healthz']]) {
        expectJsonError(await fetchJson(`${origin}${path}`, { method }), 404, 'NOT_FOUND', 'UNKNOWN_ROUTE');
      }
    });

    it('puts the request id in GraphQL errors too, the caller’s own when it sent a sane one', async () => {
      const sent = await fetchJson(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'trace-abc-123', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ nope }' }) });
      expect(sent.headers.get('x-request-id')).toBe('trace-abc-123');
      expect(errorsOf(sent)[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', requestId: 'trace-abc-123' });
      const insane = await fetchJson(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'a b'.repeat(100), authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ nope }' }) });
      expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(errorsOf(insane)[0].extensions?.requestId).toBe(insane.headers.get('x-request-id'));
    });

    it('answers request errors with 400 to clients that accept application/graphql-response+json, 200 to plain JSON clients', async () => {
      const body = JSON.stringify({ query: '{ viewer { principal ' });
      const ask = (accept: string) => fetchJson(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${key}` }, body });
      const modern = await ask('application/graphql-response+json, application/json;q=0.9');
      expect([modern.status, modern.headers.get('content-type'), errorsOf(modern)[0].extensions?.code]).toEqual([400, 'application/graphql-response+json; charset=utf-8', 'GRAPHQL_PARSE_FAILED']);
      const legacy = await ask('application/json');
      expect([legacy.status, errorsOf(legacy)[0].extensions?.code]).toEqual([200, 'GRAPHQL_PARSE_FAILED']);
    });
  });

  describe('introspection', () => {
    it('is on for an authenticated caller, with NODE_ENV=production', async () => {
      expect(process.env.NODE_ENV).toBe('production');
      const response = await postJson(server.url, key, { query: INTROSPECTION });
      expect(response.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    });

    it('is refused to a caller without a key', async () => {
      expectJsonError(await postJson(server.url, null, { query: INTROSPECTION }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('GET', () => {
    const get = (query: string, headers: Record<string, string>) => fetchJson(`${server.url}?${new URLSearchParams({ query })}`, { headers });

    it('runs a query from the URL with the key in Authorization (which also satisfies CSRF prevention)', async () => {
      const response = await get('{ viewer { principal role } }', { authorization: `Bearer ${key}` });
      expect([response.status, response.body]).toEqual([200, { data: { viewer: { principal: 'vera', role: 'VIEWER' } } }]);
    });

    it('refuses a mutation with 405 and Allow: POST', async () => {
      const response = await get('mutation { rejectContract(id: "x", reason: "no") { id } }', { authorization: `Bearer ${key}` });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(errorsOf(response)[0].extensions?.code).toBe('BAD_REQUEST');
    });

    it('refuses a GET with no header a cross-site page could not send (CSRF), and a keyless one that has it with 401', async () => {
      const forged = await get('{ viewer { principal } }', {});
      expectJsonError(forged, 400, 'BAD_REQUEST');
      expect(errorsOf(forged)[0].message).toMatch(/CSRF/);
      expectJsonError(await get('{ viewer { principal } }', { 'apollo-require-preflight': 'true' }), 401, 'UNAUTHENTICATED');
    });
  });

  it('sends no CORS headers by default: a preflight is refused like any other header-less request, in JSON', async () => {
    const preflight = await fetchJson(server.url, { method: 'OPTIONS', headers: { origin: 'https://ops.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expectJsonError(preflight, 400, 'BAD_REQUEST');
  });
});

describe('HTTP edges, configured: CORS_ORIGINS and GRAPHQL_INTROSPECTION=false', () => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    server = await startTestServer({ config: { corsOrigins: ['https://ops.example', 'http://localhost:5173'], introspection: false } });
    key = await server.key('viewer', 'vera');
  });
  afterAll(() => server.close());

  it('answers a preflight from a listed origin, allowing Authorization and exposing the request id', async () => {
    for (const path of ['', '/stream']) {
      const preflight = await fetch(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'https://ops.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://ops.example');
      expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
      expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    }
    const response = await fetch(server.url, { method: 'POST', headers: { origin: 'http://localhost:5173', 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ viewer { principal } }' }) });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id,www-authenticate');
  });

  it('gives an origin not listed no CORS headers', async () => {
    const preflight = await fetch(server.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses introspection as a validation error, even to an authenticated caller', async () => {
    const response = await postJson(server.url, key, { query: INTROSPECTION });
    const errors = errorsOf(response);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect([error.extensions?.code, error.message]).toEqual(['GRAPHQL_VALIDATION_FAILED', expect.stringContaining('introspection has been disabled')]);
    expect((await postJson(server.url, key, { query: '{ viewer { principal } }' })).body).toEqual({ data: { viewer: { principal: 'vera' } } });
  });
});
