// The GraphQL-over-HTTP audit (graphql-http's serverAudits) against a real server, as an
// authenticated caller: MUST 13/13 and SHOULD ≥ 46/48 (README "Errors and HTTP status codes").
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('the GraphQL-over-HTTP audit', () => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    server = await startTestServer();
    key = await server.key('viewer', 'audrey');
  });
  afterAll(() => server.close());

  it('passes every MUST and at least 46 of 48 SHOULDs', async () => {
    const fetchWithKey: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${key}`);
      return fetch(input, { ...init, headers });
    };
    const results = await Promise.all(serverAudits({ url: server.url, fetchFn: fetchWithKey }).map(async (audit) => ({ audit, result: await audit.fn() })));
    // graphql-http names each audit after its level; the MAY audits count with the SHOULDs (48 in all).
    const tally = (level: 'MUST' | 'SHOULD') => {
      const ofLevel = results.filter(({ audit }) => audit.name.startsWith('MUST') === (level === 'MUST'));
      return { passed: ofLevel.filter(({ result }) => result.status === 'ok').length, of: ofLevel.length };
    };
    const failures = results.filter(({ result }) => result.status !== 'ok').map(({ audit, result }) => `${audit.name}: ${result.status === 'ok' ? '' : result.reason}`);
    expect(tally('MUST'), failures.join('\n')).toEqual({ passed: 13, of: 13 });
    expect(tally('SHOULD').of).toBe(48);
    expect(tally('SHOULD').passed, failures.join('\n')).toBeGreaterThanOrEqual(46);
  });
});
