// A run's runtime audit contract over GraphQL: the four expectations declared at creation with
// deadlines from the run's timeout, reconciliation INCOMPLETE then STALE as the deadline sweeper marks
// them MISSING on an advanced clock, and concurrent sweepers each marking an expectation only once.
import { describe, expect, it } from 'vitest';
import { GetRunDocument } from '../generated/graphql.js';
import { dataOf } from '../support/responses.js';
import { countRows } from '../support/rows.js';
import { useRunWorld } from '../support/run-world.js';
import { createRunAs } from '../support/runs.js';

const TIMEOUT_SECONDS = 120;
const GRACE_SECONDS = 60;
const EVERY_EXPECTATION = ['incidents:create_incident', 'logs:start_trace', 'orchestrator:finalize_run', 'policies:evaluate_policy'];

describe('the runtime audit contract of a run', () => {
  const world = useRunWorld(['agent-audit', 'agent-swept']);

  const readRun = async (id: string) => dataOf(await world.server.gql(world.operator, GetRunDocument, { id })).run!;
  /** Moves the clock to `seconds` after `from`. */
  const advanceTo = (from: Date, seconds: number) => world.server.clock.advance(from.getTime() + seconds * 1000 - world.server.clock.now().getTime());

  it('declares four expectations due at the timeout, all missing, then marks them MISSING and the run STALE as deadlines pass', async () => {
    const run = await createRunAs(world.server, world.operator, { agentId: 'agent-audit', goal: 'search the web', traceId: 'trace-1', timeoutSeconds: TIMEOUT_SECONDS });
    const createdAt = new Date(run.createdAt);
    const dueAfter = Object.fromEntries(run.expectations.map((e) => [`${e.domain}:${e.action}`, (new Date(e.deadline).getTime() - createdAt.getTime()) / 1000]));
    expect(dueAfter).toEqual({
      'incidents:create_incident': TIMEOUT_SECONDS,
      'policies:evaluate_policy': TIMEOUT_SECONDS,
      'logs:start_trace': TIMEOUT_SECONDS,
      'orchestrator:finalize_run': TIMEOUT_SECONDS + GRACE_SECONDS,
    });
    expect(run.expectations.every((e) => e.status === 'PENDING' && e.ackedAt === null)).toBe(true);
    expect(run.acks).toEqual([]);
    const { missing, drift, failed, ...verdict } = run.reconciliation;
    expect({ missing, drift, failed }).toEqual({ missing: EVERY_EXPECTATION, drift: [], failed: [] });
    expect(verdict).toEqual({ status: 'INCOMPLETE', staleRun: false, isClean: false, expectationsCount: 4, acksCount: 0 });
    const statuses = async () => Object.fromEntries((await readRun(run.id)).expectations.map((e) => [e.action, e.status]));

    advanceTo(createdAt, TIMEOUT_SECONDS - 1);
    expect(await world.server.runtime.sweepExpectations()).toBe(0);
    expect(Object.values(await statuses())).toEqual(['PENDING', 'PENDING', 'PENDING', 'PENDING']);

    advanceTo(createdAt, TIMEOUT_SECONDS + 1);
    expect(await world.server.runtime.sweepExpectations()).toBe(3);
    expect(await statuses()).toEqual({ create_incident: 'MISSING', evaluate_policy: 'MISSING', start_trace: 'MISSING', finalize_run: 'PENDING' });
    expect((await readRun(run.id)).reconciliation).toMatchObject({ status: 'INCOMPLETE', staleRun: false, missing: EVERY_EXPECTATION });

    advanceTo(createdAt, TIMEOUT_SECONDS + GRACE_SECONDS + 1);
    expect(await world.server.runtime.sweepExpectations()).toBe(1);
    const stale = await readRun(run.id);
    expect(stale.expectations.map((e) => e.status)).toEqual(['MISSING', 'MISSING', 'MISSING', 'MISSING']);
    expect(stale.reconciliation).toMatchObject({ status: 'STALE', staleRun: true, isClean: false, missing: EVERY_EXPECTATION });
    expect(await world.server.runtime.sweepExpectations()).toBe(0);
  });

  it('lets two sweepers run at once without marking any expectation twice', async () => {
    const runs = 60;
    for (let batch = 0; batch < runs / 10; batch += 1) {
      await Promise.all(Array.from({ length: 10 }, () => createRunAs(world.server, world.operator, { agentId: 'agent-swept', goal: 'search the web', timeoutSeconds: 1 })));
    }
    world.server.clock.advance((1 + GRACE_SECONDS + 1) * 1000);
    const overdue = await countRows(world.server, 'audit_expectations', { status: 'PENDING' });
    expect(overdue).toBe(runs * 4);
    const missingBefore = await countRows(world.server, 'audit_expectations', { status: 'MISSING' });

    const [first, second] = await Promise.all([world.server.runtime.sweepExpectations(), world.server.runtime.sweepExpectations()]);
    expect(first + second).toBe(overdue);
    expect(await countRows(world.server, 'audit_expectations', { status: 'PENDING' })).toBe(0);
    expect(await countRows(world.server, 'audit_expectations', { status: 'MISSING' })).toBe(missingBefore + overdue);
    expect(await world.server.runtime.sweepExpectations()).toBe(0);
  });
});
