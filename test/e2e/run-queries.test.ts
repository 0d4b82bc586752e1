// Runs across runs end to end: `runs(filter:)` keeps runs by agent, phase, status, reconciliation
// status (as of now) and synthetic flag, beside the older agentId argument; `staleRuns` finds the
// runs that have not ended and were last updated before a threshold, and its statement reads the
// partial index of open runs (EXPLAIN over many ended runs), never every run.
import { describe, expect, it } from 'vitest';
import { CompleteRunDocument, FilterRunsDocument, RecordDomainAckDocument, StaleRunsDocument, TransitionRunDocument, type FilterRunsQueryVariables } from '../generated/graphql.js';
import { staleRunsQuery } from '../../src/runtime/drivers/run-reads.js';
import { dataOf } from '../support/responses.js';
import { useRunWorld } from '../support/run-world.js';
import { createRunAs, mintRunCallers, prepareAgent } from '../support/runs.js';
import type { TestServer } from '../support/test-server.js';

const SEARCH = 'search the web';
const HOUR_MS = 3_600_000;

/** Four runs in a tenant of their own, so no test sees another's: open and done (agent-a), synthetic and cancelled (agent-b). */
interface FourRuns {
  server: TestServer;
  operator: string;
  runs: Record<'open' | 'done' | 'synthetic' | 'cancelled', string>;
}

let tenants = 0;

async function fourRuns(server: TestServer): Promise<FourRuns> {
  tenants += 1;
  const callers = await mintRunCallers(server, `tenant-queries-${tenants}`);
  for (const agentId of ['agent-a', 'agent-b']) await prepareAgent(server, callers, agentId);
  const { operator } = callers;
  const create = async (agentId: string, extra = {}) => (await createRunAs(server, operator, { agentId, goal: SEARCH, ...extra })).id;
  const runs = { open: await create('agent-a'), done: await create('agent-a'), synthetic: await create('agent-b', { isSynthetic: true, syntheticScenarioId: 'scenario-1' }), cancelled: await create('agent-b') };
  dataOf(await server.gql(operator, CompleteRunDocument, { id: runs.done, input: { status: 'SUCCEEDED', costCents: 5 } }));
  dataOf(await server.gql(operator, TransitionRunDocument, { id: runs.cancelled, phase: 'FAILED', status: 'CANCELLED' }));
  return { server, operator, runs };
}

async function idsOf(world: Pick<FourRuns, 'server' | 'operator'>, variables: FilterRunsQueryVariables) {
  const { runs } = dataOf(await world.server.gql(world.operator, FilterRunsDocument, variables));
  expect(runs.totalCount).toBe(runs.nodes.length);
  return runs.nodes.map((run) => run.id).sort();
}

async function staleIdsOf(world: Pick<FourRuns, 'server' | 'operator'>, olderThanMinutes: number) {
  const { staleRuns } = dataOf(await world.server.gql(world.operator, StaleRunsDocument, { olderThanMinutes }));
  return staleRuns.nodes.map((run) => run.id).sort();
}

const sorted = (...ids: string[]) => [...ids].sort();

describe('runs across runs', () => {
  const shared = useRunWorld();

  it('filters by agent, phase, status and synthetic flag, alone and together', async () => {
    const world = await fourRuns(shared.server);
    const { runs } = world;

    expect(await idsOf(world, {})).toEqual(sorted(...Object.values(runs)));
    expect(await idsOf(world, { filter: { agentId: 'agent-a' } })).toEqual(sorted(runs.open, runs.done));
    expect(await idsOf(world, { agentId: 'agent-b' })).toEqual(sorted(runs.synthetic, runs.cancelled));
    expect(await idsOf(world, { filter: { phase: ['CREATED'] } })).toEqual(sorted(runs.open, runs.synthetic));
    expect(await idsOf(world, { filter: { phase: ['COMPLETED', 'FAILED'] } })).toEqual(sorted(runs.done, runs.cancelled));
    expect(await idsOf(world, { filter: { status: ['CANCELLED'] } })).toEqual([runs.cancelled]);
    expect(await idsOf(world, { filter: { isSynthetic: true } })).toEqual([runs.synthetic]);
    expect(await idsOf(world, { filter: { isSynthetic: false } })).toEqual(sorted(runs.open, runs.done, runs.cancelled));
    expect(await idsOf(world, { filter: { phase: ['CREATED'], isSynthetic: false } })).toEqual([runs.open]);
    expect(await idsOf(world, { agentId: 'agent-b', filter: { status: ['QUEUED'] } })).toEqual([runs.synthetic]);
    expect(await idsOf(world, { filter: { phase: [], status: [] } })).toEqual(sorted(...Object.values(runs)));
  });

  it('pages a filtered list with the filtered total', async () => {
    const world = await fourRuns(shared.server);
    const { runs } = world;
    const first = dataOf(await world.server.gql(world.operator, FilterRunsDocument, { filter: { isSynthetic: false }, first: 2 })).runs;
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = dataOf(await world.server.gql(world.operator, FilterRunsDocument, { filter: { isSynthetic: false }, first: 2, after: first.pageInfo.endCursor })).runs;
    expect(rest).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
    expect(sorted(...[...first.nodes, ...rest.nodes].map((run) => run.id))).toEqual(sorted(runs.open, runs.done, runs.cancelled));
  });

  it('filters by reconciliation status as each run reconciles now, a FAILED ack and an overdue finalize_run included', async () => {
    const world = await fourRuns(shared.server);
    const { runs } = world;
    dataOf(await world.server.gql(world.operator, RecordDomainAckDocument, { runId: runs.done, input: { domain: 'payments', action: 'charge', status: 'FAILED', error: 'declined' } }));
    world.server.clock.advance(2 * HOUR_MS);
    const everyRun = dataOf(await world.server.gql(world.operator, FilterRunsDocument, {})).runs.nodes;
    const byStatus = { COMPLETE: [] as string[], INCOMPLETE: [] as string[], STALE: [] as string[] };
    for (const run of everyRun) byStatus[run.reconciliation.status].push(run.id);
    // The open runs' finalize_run is overdue; the completed run has a failed ack.
    expect(byStatus.STALE).toEqual(expect.arrayContaining([runs.open, runs.synthetic]));
    expect(byStatus.COMPLETE).not.toContain(runs.done);
    for (const [status, ids] of Object.entries(byStatus)) {
      expect(await idsOf(world, { filter: { reconciliationStatus: [status as keyof typeof byStatus] } })).toEqual(ids.sort());
    }
    expect(await idsOf(world, { filter: { reconciliationStatus: ['STALE'], isSynthetic: true } })).toEqual([runs.synthetic]);
  });

  it('scans for stale runs: not ended, idle longer than the threshold; a move makes a run fresh again', async () => {
    const world = await fourRuns(shared.server);
    const { runs } = world;
    world.server.clock.advance(2 * HOUR_MS);
    expect(await staleIdsOf(world, 60)).toEqual(sorted(runs.open, runs.synthetic));
    expect(await staleIdsOf(world, 121)).toEqual([]);
    dataOf(await world.server.gql(world.operator, TransitionRunDocument, { id: runs.open, phase: 'AUTHORIZED', status: 'QUEUED' }));
    expect(await staleIdsOf(world, 60)).toEqual([runs.synthetic]);
    const page = dataOf(await world.server.gql(world.operator, StaleRunsDocument, { olderThanMinutes: 1, first: 1 })).staleRuns;
    expect(page).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false }, nodes: [{ id: runs.synthetic }] });
  });

  it('refuses a threshold out of range, and a blank agent filter, as bad input', async () => {
    const world = shared;
    for (const olderThanMinutes of [0, -5, 525_601]) {
      expect((await world.server.gql(world.operator, StaleRunsDocument, { olderThanMinutes })).errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', reasons: ['olderThanMinutes must be an integer in 1..525600'] },
      });
    }
    expect((await world.server.gql(world.operator, FilterRunsDocument, { filter: { agentId: ' ' } })).errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', reasons: ['agentId must be 1..200 characters and not blank'] },
    });
  });

  it("keeps tenants apart: another tenant's scan and filters see none of these runs", async () => {
    const world = await fourRuns(shared.server);
    world.server.clock.advance(2 * HOUR_MS);
    expect(await staleIdsOf(world, 1)).toEqual(sorted(world.runs.open, world.runs.synthetic));
    const other = await mintRunCallers(world.server, 'tenant-other-queries');
    expect(dataOf(await world.server.gql(other.operator, StaleRunsDocument, { olderThanMinutes: 1 })).staleRuns.totalCount).toBe(0);
    expect(dataOf(await world.server.gql(other.operator, FilterRunsDocument, { filter: { isSynthetic: true } })).runs.totalCount).toBe(0);
  });

  it('reads stale runs through the partial index of open runs, not every run', async () => {
    const tenantId = 'tenant-stale-plan';
    await mintRunCallers(shared.server, tenantId);
    const database = shared.server.database.dataSource;
    const columns = 'id, tenant_id, version, agent_id, goal, phase, status, plan, timeout_seconds, created_by, created_at, updated_at';
    // 20 000 ended runs and 20 open ones, all idle for a day.
    await database.query(
      `INSERT INTO runs (${columns}, completed_at)
       SELECT 'run_plan_' || n, $1, 2, 'agent-plan', 'search', 'COMPLETED', 'SUCCEEDED', '{"steps": []}', 300, 'test', $2, $2, $2 FROM generate_series(1, 20000) AS n`,
      [tenantId, new Date('2025-12-01T00:00:00Z')],
    );
    await database.query(
      `INSERT INTO runs (${columns}) SELECT 'run_open_' || n, $1, 1, 'agent-plan', 'search', 'EXECUTING', 'RUNNING', '{"steps": []}', 300, 'test', $2, $2 FROM generate_series(1, 20) AS n`,
      [tenantId, new Date('2025-12-01T00:00:00Z')],
    );
    await database.query('ANALYZE runs');
    const [sql, parameters] = staleRunsQuery(database, tenantId, new Date('2025-12-31T00:00:00Z')).select('r.id').getQueryAndParameters();
    const [{ 'QUERY PLAN': plan }] = await database.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
    const text = JSON.stringify(plan);
    expect(text).toContain('"Index Name":"runs_open_by_update"');
    expect(text).not.toContain('Seq Scan');
    expect((await database.query(`${sql}`, parameters)).length).toBe(20);
  });
});
