// Query limits (depth, aliases, cost, batching) over HTTP and graphql-ws: over-limit requests are
// refused as BAD_USER_INPUT naming the limit, before any SQL; requests at the limits run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, postJson } from '../support/raw-http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { runOverWs, wsClient } from '../support/ws-client.js';

/** An introspection chain `__type { fields { type { ofType … { name } } } }` exactly `depth` fields deep. */
function queryOfDepth(depth: number): string {
  const ofTypes = depth - 4;
  return `{ __type(name: "Contract") { fields { type { ${'ofType { '.repeat(ofTypes)}name${' }'.repeat(ofTypes)} } } } }`;
}

/** `count` aliased copies of one cheap field. */
function queryWithAliases(count: number): string {
  const aliases = Array.from({ length: count }, (_, index) => `a${index}: totalCount`).join(' ');
  return `{ contracts { ${aliases} } }`;
}

/** Three aliased pages of 100 jobs with their step results: 3 × (1 + 100 × 26) = 7,803 > 5,000. */
const EXPENSIVE_QUERY = `{ ${['a', 'b', 'c'].map((alias) => `${alias}: jobs(first: 100) { nodes { stepResults { stepIndex } } }`).join(' ')} }`;
/** The console's Jobs page at 100 rows, with the contract and two nested lists: 3,701. */
const CONSOLE_PAGE = '{ jobs(first: 100) { totalCount nodes { id status contract { id status } stepResults { stepIndex status } transitions { toStatus actor at } } } }';
const COUNT_QUERY = '{ contracts { totalCount } }';

/** The limits named by the refusal's errors; every error must be a BAD_USER_INPUT refusal. */
function refusedLimits(errors: readonly { extensions?: Record<string, unknown> }[]): unknown[] {
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  return errors.map((error) => error.extensions?.limit);
}

describe('query limits over HTTP (default limits)', () => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    server = await startTestServer();
    key = await server.key('viewer', 'vera');
  });
  afterAll(() => server.close());

  /** Sends `body` with a valid key and returns the refused limits, checking no SQL was sent. */
  async function refusedWithoutSql(body: unknown): Promise<unknown[]> {
    const before = await server.statements();
    const response = await postJson(server.url, key, body);
    expect(await server.statements()).toBe(before);
    return refusedLimits(errorsOf(response));
  }

  it('refuses a query 50 levels deep as maxDepth, without touching the database', async () => {
    expect(await refusedWithoutSql({ query: queryOfDepth(50) })).toContain('maxDepth');
  });

  it('refuses a query with 500 aliases as maxAliases, without touching the database', async () => {
    expect(await refusedWithoutSql({ query: queryWithAliases(500) })).toContain('maxAliases');
  });

  it('refuses an over-cost query as maxCost with its computed cost, without touching the database', async () => {
    expect(await refusedWithoutSql({ query: EXPENSIVE_QUERY })).toEqual(['maxCost']);
    const response = await postJson(server.url, key, { query: EXPENSIVE_QUERY });
    expect(errorsOf(response)[0].extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'maxCost', cost: 7803, maxCost: 5000, requestId: response.headers.get('x-request-id') });
  });

  it("runs the console's 100-row Jobs page with two nested lists at the default cost limit", async () => {
    const result = await server.gql(key, CONSOLE_PAGE);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ jobs: { totalCount: 0, nodes: [] } });
  });

  it('refuses an HTTP batch of 10 operations as maxBatch, without touching the database', async () => {
    const batch = Array.from({ length: 10 }, () => ({ query: COUNT_QUERY }));
    expect(await refusedWithoutSql(batch)).toEqual(['maxBatch']);
  });

  it('runs a query exactly at the depth limit and refuses one level more', async () => {
    const atLimit = await server.gql(key, queryOfDepth(10));
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data).toMatchObject({ __type: { fields: expect.any(Array) } });
    expect(await refusedWithoutSql({ query: queryOfDepth(11) })).toEqual(['maxDepth']);
  });

  it('runs a query exactly at the alias limit and refuses one alias more', async () => {
    const atLimit = await server.gql<{ contracts: Record<string, number> }, never>(key, queryWithAliases(30));
    expect(atLimit.errors).toBeUndefined();
    expect(Object.keys(atLimit.data!.contracts)).toHaveLength(30);
    expect(atLimit.data!.contracts.a29).toBe(0);
    expect(await refusedWithoutSql({ query: queryWithAliases(31) })).toEqual(['maxAliases']);
  });

  it('runs an ordinary single (unbatched) request', async () => {
    const result = await server.gql(key, COUNT_QUERY);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ contracts: { totalCount: 0 } });
  });
});

describe('HTTP batches with QUERY_MAX_BATCH = 10', () => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    server = await startTestServer({ limits: { maxBatch: 10 } });
    key = await server.key('viewer', 'vera');
  });
  afterAll(() => server.close());

  it('runs a batch of 10 operations', async () => {
    const response = await postJson(server.url, key, Array.from({ length: 10 }, () => ({ query: COUNT_QUERY })));
    expect(response.body).toEqual(Array.from({ length: 10 }, () => ({ data: { contracts: { totalCount: 0 } } })));
  });

  it('refuses a batch of 11 operations as maxBatch, without touching the database', async () => {
    const before = await server.statements();
    const response = await postJson(server.url, key, Array.from({ length: 11 }, () => ({ query: COUNT_QUERY })));
    expect(await server.statements()).toBe(before);
    expect(refusedLimits(errorsOf(response))).toEqual(['maxBatch']);
  });
});

describe('query limits and authentication over graphql-ws', () => {
  let server: TestServer;
  let key: string;
  const clients: ReturnType<typeof wsClient>[] = [];
  const connect = (presented: string | null) => {
    const client = wsClient(server.url, presented);
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    server = await startTestServer();
    key = await server.key('viewer', 'vera');
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await server.close();
  });

  it('runs a query with a valid key', async () => {
    const outcome = await runOverWs(connect(key), COUNT_QUERY);
    expect(outcome).toEqual({ kind: 'result', data: { contracts: { totalCount: 0 } }, errors: undefined });
  });

  it('refuses a 500-alias query as BAD_USER_INPUT (maxAliases), without touching the database', async () => {
    const client = connect(key);
    expect((await runOverWs(client, '{ __typename }')).kind).toBe('result');
    const before = await server.statements();
    const outcome = await runOverWs(client, queryWithAliases(500));
    expect(await server.statements()).toBe(before);
    if (outcome.kind !== 'errors') throw new Error(`expected errors, got ${JSON.stringify(outcome)}`);
    expect(refusedLimits(outcome.errors)).toContain('maxAliases');
  });

  it('refuses an over-cost query as BAD_USER_INPUT (maxCost) with its cost', async () => {
    const outcome = await runOverWs(connect(key), EXPENSIVE_QUERY);
    if (outcome.kind !== 'errors') throw new Error(`expected errors, got ${JSON.stringify(outcome)}`);
    expect(outcome.errors.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', limit: 'maxCost', cost: 7803, maxCost: 5000 }]);
  });

  it('refuses a 50-deep query as BAD_USER_INPUT (maxDepth)', async () => {
    const outcome = await runOverWs(connect(key), queryOfDepth(50));
    if (outcome.kind !== 'errors') throw new Error(`expected errors, got ${JSON.stringify(outcome)}`);
    expect(refusedLimits(outcome.errors)).toContain('maxDepth');
  });

  it('closes a connection without a key as Unauthorized (4401)', async () => {
    expect(await runOverWs(connect(null), COUNT_QUERY)).toMatchObject({ kind: 'closed', code: 4401 });
  });

  it('closes a connection with an unknown key as Unauthorized (4401)', async () => {
    expect(await runOverWs(connect('gov_not_a_real_key'), COUNT_QUERY)).toMatchObject({ kind: 'closed', code: 4401 });
  });
});
