// The violations list through GraphQL: both kinds mixed, newest first, each filter (kind, run,
// policy, since) and their combination, totalCount, pagination with no duplicate or gap (even while
// new violations arrive), and tenant isolation of the list and of node(id).
import { beforeAll, describe, expect, it } from 'vitest';
import { GetViolationNodeDocument, TransitionRunDocument, UpdateGovernanceSettingsDocument, ViolationsDocument, type InspectionOperation, type RunPhase, type RunStatus, type ViolationFilter, type ViolationsQuery } from '../generated/graphql.js';
import { reportAs } from '../support/inspection.js';
import { dataOf } from '../support/responses.js';
import { useRunWorld } from '../support/run-world.js';
import { createRunAs, mintRunCallers, prepareAgent } from '../support/runs.js';

const agentId = 'agent-listed';
const goal = 'search the web for a summary';

/** What the test knows of each violation it caused. */
interface Expected {
  kind: 'INSPECTION_CONSTRAINT' | 'PHASE_STATUS_INVARIANT';
  runId: string;
  policyId: string;
  what: string;
  createdAt: string;
}

type Listed = ViolationsQuery['violations']['edges'][number]['node'];

const describeListed = (node: Listed) => `${node.kind}|${node.runId}|${node.policyId}|${node.operation ?? `${node.phase}/${node.status}`}`;
const describeExpected = (violation: Expected) => `${violation.kind}|${violation.runId}|${violation.policyId}|${violation.what}`;

/** Violations grouped by commit time, in list order; within one commit the order is the id's, so each group is sorted. */
function byCommitTime<T>(items: readonly T[], createdAt: (item: T) => string, describe: (item: T) => string) {
  const groups: { createdAt: string; violations: string[] }[] = [];
  for (const item of items) {
    if (groups.at(-1)?.createdAt !== createdAt(item)) groups.push({ createdAt: createdAt(item), violations: [] });
    groups.at(-1)!.violations.push(describe(item));
  }
  return groups.map((group) => ({ ...group, violations: group.violations.sort() }));
}

describe('violations list', () => {
  const world = useRunWorld([agentId]);
  const caused: Expected[] = [];
  const runs: { first: string; second: string } = { first: '', second: '' };

  const list = async (key: string, filter: ViolationFilter | null, first?: number, after?: string) =>
    dataOf(await world.server.gql(key, ViolationsDocument, { filter, first, after })).violations;

  /** Every page of the list, walked with `after`; checks each page's totalCount and page info. */
  async function walk(key: string, filter: ViolationFilter | null, first: number, between: (page: number) => Promise<void> = async () => {}) {
    const nodes: Listed[] = [];
    let after: string | undefined;
    for (let page = 0; ; page++) {
      const connection = await list(key, filter, first, after);
      expect(connection.edges.length).toBeLessThanOrEqual(first);
      expect(connection.pageInfo.hasPreviousPage).toBe(page > 0);
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
      nodes.push(...connection.edges.map((edge) => edge.node));
      if (!connection.pageInfo.hasNextPage) return { nodes, totalCount: connection.totalCount };
      after = connection.pageInfo.endCursor!;
      await between(page);
    }
  }

  /** Advances the clock, then records the violations one inspection report causes. */
  async function report(runId: string, policyId: string, operations: InspectionOperation[]) {
    world.server.clock.advance(60_000);
    dataOf(await reportAs(world.server, world.operator, runId, policyId, operations));
    const createdAt = world.server.clock.now().toISOString();
    caused.push(...operations.map((what) => ({ kind: 'INSPECTION_CONSTRAINT' as const, runId, policyId, what, createdAt })));
  }

  /** Advances the clock, then makes a forbidden phase/status move (enforcement is off) and records its violation. */
  async function breachPhase(runId: string, policyId: string, phase: RunPhase, status: RunStatus) {
    world.server.clock.advance(60_000);
    dataOf(await world.server.gql(world.operator, TransitionRunDocument, { id: runId, phase, status }));
    caused.push({ kind: 'PHASE_STATUS_INVARIANT', runId, policyId, what: `${phase}/${status}`, createdAt: world.server.clock.now().toISOString() });
  }

  /** Asserts the list answers exactly the caused violations `keep` selects, newest first. */
  async function expectListed(filter: ViolationFilter | null, keep: (violation: Expected) => boolean) {
    const expected = caused.filter(keep).reverse();
    const connection = await list(world.operator, filter, 100);
    const nodes = connection.edges.map((edge) => edge.node);
    expect(connection.totalCount).toBe(expected.length);
    expect(byCommitTime(nodes, (node) => node.createdAt, describeListed)).toEqual(byCommitTime(expected, (violation) => violation.createdAt, describeExpected));
  }

  beforeAll(async () => {
    const { server, admin, operator } = world;
    dataOf(await server.gql(admin, UpdateGovernanceSettingsDocument, { phaseStatusEnforcement: false }));
    runs.first = (await createRunAs(server, operator, { agentId, goal, policyId: 'policy-one' })).id;
    runs.second = (await createRunAs(server, operator, { agentId, goal, policyId: 'policy-two' })).id;
    await breachPhase(runs.first, 'policy-one', 'AUTHORIZED', 'RUNNING');
    await report(runs.first, 'policy-one', ['LOG_PROMPT', 'CAPTURE_PII']);
    await report(runs.second, 'policy-two', ['ACCESS_SECRET']);
    await breachPhase(runs.second, 'policy-two', 'AUTHORIZED', 'RUNNING');
    await report(runs.second, 'policy-one', ['LOG_PROMPT', 'LOG_RESPONSE', 'CAPTURE_PII', 'ACCESS_SECRET']);
    await breachPhase(runs.first, 'policy-one', 'EXECUTING', 'QUEUED');
  });

  it('lists both kinds mixed, newest first, with every field', async () => {
    await expectListed(null, () => true);
    const [newest] = (await list(world.operator, null, 1)).edges;
    expect(newest.node).toMatchObject({
      kind: 'PHASE_STATUS_INVARIANT',
      runId: runs.first,
      policyId: 'policy-one',
      operation: null,
      phase: 'EXECUTING',
      status: 'QUEUED',
      message: 'Phase EXECUTING allows status RUNNING, not QUEUED',
      details: { fromPhase: 'AUTHORIZED', fromStatus: 'RUNNING', allowedStatuses: ['RUNNING'] },
    });
    const inspection = (await list(world.operator, { kind: ['INSPECTION_CONSTRAINT'], runId: runs.second, policyId: 'policy-two' })).edges;
    expect(inspection.map((edge) => edge.node)).toEqual([
      expect.objectContaining({
        kind: 'INSPECTION_CONSTRAINT',
        operation: 'ACCESS_SECRET',
        phase: 'CREATED',
        status: 'QUEUED',
        message: 'ACCESS_SECRET is denied by policy policy-two: allowSecretAccess is false',
        details: { constraintField: 'allowSecretAccess', constraintValue: false },
      }),
    ]);
  });

  const filters: { name: string; filter: () => ViolationFilter; keep: (violation: Expected) => boolean }[] = [
    { name: 'kind INSPECTION_CONSTRAINT', filter: () => ({ kind: ['INSPECTION_CONSTRAINT'] }), keep: (v) => v.kind === 'INSPECTION_CONSTRAINT' },
    { name: 'kind PHASE_STATUS_INVARIANT', filter: () => ({ kind: ['PHASE_STATUS_INVARIANT'] }), keep: (v) => v.kind === 'PHASE_STATUS_INVARIANT' },
    { name: 'both kinds', filter: () => ({ kind: ['PHASE_STATUS_INVARIANT', 'INSPECTION_CONSTRAINT'] }), keep: () => true },
    { name: 'the first run', filter: () => ({ runId: runs.first }), keep: (v) => v.runId === runs.first },
    { name: 'the second run', filter: () => ({ runId: runs.second }), keep: (v) => v.runId === runs.second },
    { name: 'policy-one', filter: () => ({ policyId: 'policy-one' }), keep: (v) => v.policyId === 'policy-one' },
    { name: 'policy-two', filter: () => ({ policyId: 'policy-two' }), keep: (v) => v.policyId === 'policy-two' },
    { name: 'since the third write (inclusive)', filter: () => ({ since: caused[3].createdAt }), keep: (v) => v.createdAt >= caused[3].createdAt },
    { name: 'since just after the third write', filter: () => ({ since: new Date(Date.parse(caused[3].createdAt) + 1).toISOString() }), keep: (v) => v.createdAt > caused[3].createdAt },
    { name: 'since the future', filter: () => ({ since: new Date(Date.parse(caused.at(-1)!.createdAt) + 1).toISOString() }), keep: () => false },
    { name: 'a run that has none', filter: () => ({ runId: 'run_unknown' }), keep: () => false },
    {
      name: 'run, kind, policy and since together',
      filter: () => ({ runId: runs.second, kind: ['INSPECTION_CONSTRAINT'], policyId: 'policy-one', since: caused[0].createdAt }),
      keep: (v) => v.runId === runs.second && v.kind === 'INSPECTION_CONSTRAINT' && v.policyId === 'policy-one',
    },
  ];
  it.each(filters)('filters by $name', async ({ filter, keep }) => {
    await expectListed(filter(), keep);
  });

  it.each([
    { first: 1, filter: null },
    { first: 3, filter: null },
    { first: 4, filter: null },
    { first: 2, filter: { kind: ['INSPECTION_CONSTRAINT'] } },
    { first: 2, filter: { policyId: 'policy-one' } },
  ] as { first: number; filter: ViolationFilter | null }[])('pages of $first with filter $filter cover the list with no duplicate or gap', async ({ first, filter }) => {
    const whole = await list(world.operator, filter, 100);
    const walked = await walk(world.operator, filter, first);
    expect(walked.totalCount).toBe(whole.totalCount);
    expect(walked.nodes.map((node) => node.id)).toEqual(whole.edges.map((edge) => edge.node.id));
    expect(new Set(walked.nodes.map((node) => node.id)).size).toBe(whole.totalCount);
  });

  it('a walk is not disturbed by violations recorded while it is under way', async () => {
    // In a tenant of its own: the violations it adds mid-walk would be the newest the other tests read.
    const { server } = world;
    const walker = await mintRunCallers(server, 'tenant-walk');
    await prepareAgent(server, walker, agentId);
    const { id: runId } = await createRunAs(server, walker.operator, { agentId, goal, policyId: 'policy-one' });
    const reportHere = async (operations: InspectionOperation[]) => {
      server.clock.advance(60_000);
      dataOf(await reportAs(server, walker.operator, runId, 'policy-one', operations));
    };
    await reportHere(['LOG_PROMPT', 'CAPTURE_PII']);
    await reportHere(['LOG_PROMPT', 'LOG_RESPONSE', 'CAPTURE_PII', 'ACCESS_SECRET']);

    const before = await list(walker.operator, null, 100);
    const walked = await walk(walker.operator, null, 3, async (page) => {
      if (page === 0) await reportHere(['LOG_RESPONSE', 'ACCESS_SECRET']);
    });
    expect(before.totalCount).toBe(6);
    expect(walked.nodes.map((node) => node.id)).toEqual(before.edges.map((edge) => edge.node.id));
    expect(walked.totalCount).toBe(before.totalCount + 2);
    expect((await list(walker.operator, null, 100)).totalCount).toBe(before.totalCount + 2);
  });

  it("is isolated per tenant, and node(id) answers a violation only to its owner's tenant", async () => {
    const { server } = world;
    const others = await mintRunCallers(server, 'tenant-b');
    await prepareAgent(server, others, agentId);
    const theirRun = await createRunAs(server, others.operator, { agentId, goal, policyId: 'policy-one' });
    dataOf(await reportAs(server, others.operator, theirRun.id, 'policy-one', ['LOG_PROMPT']));

    const theirs = await list(others.operator, null, 100);
    expect(theirs.totalCount).toBe(1);
    expect(theirs.edges[0].node).toMatchObject({ runId: theirRun.id, operation: 'LOG_PROMPT', policyId: 'policy-one' });
    expect((await list(others.operator, { runId: runs.first })).totalCount).toBe(0);
    expect((await list(others.operator, { policyId: 'policy-two' })).totalCount).toBe(0);
    await expectListed(null, () => true);
    expect((await list(world.operator, { runId: theirRun.id })).totalCount).toBe(0);

    const ours = (await list(world.operator, null, 1)).edges[0].node;
    const viewerHere = await server.key('viewer', 'vera');
    const viewerThere = await server.key('viewer', 'vera', 'tenant-b');
    expect(dataOf(await server.gql(viewerHere, GetViolationNodeDocument, { id: ours.id })).node).toEqual({ id: ours.id, kind: ours.kind, runId: ours.runId, policyId: ours.policyId, operation: ours.operation, message: ours.message });
    expect(dataOf(await server.gql(viewerThere, GetViolationNodeDocument, { id: ours.id })).node).toBeNull();
    expect(dataOf(await server.gql(viewerThere, GetViolationNodeDocument, { id: theirs.edges[0].node.id })).node).toMatchObject({ id: theirs.edges[0].node.id, runId: theirRun.id });
    expect(dataOf(await server.gql(viewerHere, GetViolationNodeDocument, { id: theirs.edges[0].node.id })).node).toBeNull();
  });
});
