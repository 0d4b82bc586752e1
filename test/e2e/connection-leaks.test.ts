// No connection leaks: 10,000 refused or failing mutations — not found, invalid transitions,
// idempotency mismatches, forbidden, invalid documents and input, and injected database faults — sent
// over HTTP in concurrent batches; afterwards the pool has nothing lent, nobody waiting and no more
// connections than before, and PostgreSQL shows no backend of the server's database busy or left in
// a transaction, and no more backends outside the pool (the LISTEN connection, the test's own
// inspection pool) than before.
import { randomUUID } from 'node:crypto';
import { print, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivateContractDocument, CreateContractDocument, SetAgentBudgetDocument, StartJobDocument } from '../generated/graphql.js';
import { watchConnections, type BackendStates, type ConnectionWatch, type PoolCounts } from '../support/connections.js';
import { approveContractAs, createContractAs } from '../support/contracts.js';
import { proposal } from '../support/fixtures.js';
import { pollUntil } from '../support/job-updates.js';
import { postJson } from '../support/raw-http.js';
import { dataOf, errorCode } from '../support/responses.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../support/test-server.js';
import { whileWritesRefused } from '../support/write-faults.js';

const MUTATIONS = 10_000;
const BATCH = 100;
const BATCHES_IN_FLIGHT = 4;
const FAULTY_TITLE = 'refused by the leak test trigger';

/** One failing mutation: who sends it, what, and the code it must get. */
interface Failing {
  caller: 'admin' | 'viewer';
  document: DocumentNode | string;
  variables: () => Record<string, unknown>;
  code: string;
}

/** The connections of the database once nothing runs. */
interface Settled {
  pool: PoolCounts;
  backends: BackendStates;
  /** Backends that are not the pool's (the delivery listener's). */
  outsidePool: number;
}

describe('connections after 10,000 refused or failing mutations', () => {
  let server: TestServer;
  let watch: ConnectionWatch;

  beforeAll(async () => {
    server = await startTestServer({ limits: { maxBatch: BATCH }, config: { rateLimits: { windowSeconds: 1, operationsPerKey: 0, operationsPerTenant: 0, subscriptionsPerKey: 0, subscriptionsPerTenant: 0 } } });
    watch = await watchConnections(server);
  });
  afterAll(async () => {
    await watch.close();
    await server.close();
  });

  /**
   * Waits (bounded) until nothing is lent or awaited and every backend is idle — and, given the
   * counts before, until the pool has closed what it opened for the load (pg closes an idle
   * connection after 10 s) and the backends outside it (the listener, the test's own inspection
   * pool, which may close some meanwhile) are no more than before; returns the counts.
   */
  async function settled(before?: Settled): Promise<Settled> {
    let last: Settled | null = null;
    await pollUntil('idle connections', async () => {
      const backends = await watch.backends();
      const pool = watch.pool();
      const count = Object.values(backends).reduce((sum, n) => sum + n, 0);
      last = { pool, backends, outsidePool: count - pool.total };
      const quiet = pool.waiting === 0 && pool.idle === pool.total && Object.keys(backends).every((state) => state === 'idle');
      return quiet && (before === undefined || (last.outsidePool <= before.outsidePool && pool.total <= before.pool.total));
    }, 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; last seen ${JSON.stringify(last)}, before ${JSON.stringify(before)}`);
    });
    return last!;
  }

  it('leaves the pool and pg_stat_activity at their idle values', async () => {
    const keys = { admin: await server.key('admin', 'ada'), viewer: await server.key('viewer', 'vic') };
    const contract = await createContractAs(server, keys.admin);
    await approveContractAs(server, await server.key('approver', 'april'), contract.id);
    dataOf(await server.gql(keys.admin, ActivateContractDocument, { id: contract.id, idempotencyKey: 'leak-check', timeoutMinutes: 30 }));
    const kinds: Failing[] = [
      { caller: 'admin', document: StartJobDocument, variables: () => ({ id: randomUUID() }), code: 'NOT_FOUND' },
      { caller: 'admin', document: ActivateContractDocument, variables: () => ({ id: contract.id }), code: 'INVALID_TRANSITION' },
      { caller: 'admin', document: ActivateContractDocument, variables: () => ({ id: contract.id, idempotencyKey: 'leak-check', timeoutMinutes: 31 }), code: 'IDEMPOTENCY_MISMATCH' },
      { caller: 'admin', document: CreateContractDocument, variables: () => ({ input: proposal({ title: FAULTY_TITLE }) }), code: 'INTERNAL' },
      { caller: 'admin', document: SetAgentBudgetDocument, variables: () => ({ agentId: 'agent-leak', limitCents: -1 }), code: 'BAD_USER_INPUT' },
      { caller: 'admin', document: 'mutation { startJob(id: "x") { noSuchField } }', variables: () => ({}), code: 'GRAPHQL_VALIDATION_FAILED' },
      { caller: 'viewer', document: CreateContractDocument, variables: () => ({ input: proposal() }), code: 'FORBIDDEN' },
    ];
    const batches = Array.from({ length: MUTATIONS / BATCH }, (_, index) => {
      const caller = index % 4 === 3 ? 'viewer' : 'admin';
      const ofCaller = kinds.filter((kind) => kind.caller === caller);
      return { caller, operations: Array.from({ length: BATCH }, (__, position) => ofCaller[(index + position) % ofCaller.length]) };
    });
    const before = await settled();

    const codes = new Map<string, number>();
    const unexpected: unknown[] = [];
    await whileWritesRefused(server, { table: 'contracts', event: 'INSERT', when: `NEW.title = '${FAULTY_TITLE}'` }, async () => {
      let next = 0;
      const sender = async () => {
        while (next < batches.length) {
          const { caller, operations } = batches[next++];
          const body = operations.map((kind) => ({ query: typeof kind.document === 'string' ? kind.document : print(kind.document), variables: kind.variables() }));
          const response = await postJson(server.url, keys[caller as Failing['caller']], body);
          const results = response.body as GraphQLResponse<unknown>[];
          expect(response.status).toBeLessThan(500);
          results.forEach((result, position) => {
            const code = errorCode(result) ?? 'none';
            codes.set(code, (codes.get(code) ?? 0) + 1);
            if (code !== operations[position].code) unexpected.push({ expected: operations[position].code, got: result });
          });
        }
      };
      await Promise.all(Array.from({ length: BATCHES_IN_FLIGHT }, sender));
    });

    expect(unexpected.slice(0, 3)).toEqual([]);
    expect([...codes.values()].reduce((sum, n) => sum + n, 0)).toBe(MUTATIONS);
    expect(codes.size).toBe(kinds.length);
    const after = await settled(before);
    expect(after.pool.waiting).toBe(0);
    expect(after.pool.idle).toBe(after.pool.total);
    expect(Object.keys(after.backends)).toEqual(['idle']);
  }, 300_000);
});
