// Truthful rollback of completeRun over GraphQL: a failure after each step, at commit, in a step's own
// write leaves nothing of the attempt — no record, lesson,
// event or run change — only ROLLED_BACK acks naming exactly the actions undone; a retry then succeeds
// and the run reconciles COMPLETE. A connection dropped before COMMIT is retried at once: the run
// completes once, and the server keeps serving.
import { describe, expect, it } from 'vitest';
import { CompleteRunDocument, GetRunDocument, RunCompletionStateDocument } from '../generated/graphql.js';
import { droppedConnectionFault, stepsWithFaults, throwingFault, type ArmedFault } from '../support/completion-faults.js';
import { COMPLETION_EVENTS, completionFootprint } from '../support/completion-rows.js';
import { dataOf } from '../support/responses.js';
import { countRows, selectRows } from '../support/rows.js';
import { runInPhase } from '../support/run-phases.js';
import { useRunWorld } from '../support/run-world.js';
import type { GraphQLResponse } from '../support/test-server.js';
import { whileWritesRefused } from '../support/write-faults.js';

const agentId = 'agent-faults';
const INCIDENT = 'incidents:create_incident';
const POLICY = 'policies:evaluate_policy';
const TRACE = 'logs:complete_trace';
const FINALIZE = 'orchestrator:finalize_run';

const faults = {
  afterIncidents: throwingFault('fault-after-incidents'),
  afterPolicies: throwingFault('fault-after-policies'),
  afterTraces: throwingFault('fault-after-traces'),
  afterLessons: throwingFault('fault-after-lessons'),
  atCommit: throwingFault('fault-at-commit'),
  droppedConnection: droppedConnectionFault('fault-dropped-connection'),
};

describe('a run completion that fails', () => {
  const world = useRunWorld([agentId], () => ({
    completionSteps: stepsWithFaults([
      { after: 'incidents', fault: faults.afterIncidents },
      { after: 'policies', fault: faults.afterPolicies },
      { after: 'policies', fault: faults.droppedConnection },
      { after: 'traces', fault: faults.afterTraces },
      { after: 'lessons', fault: faults.afterLessons },
      { after: 'finalize', fault: faults.atCommit },
    ]),
  }));

  /** A run ready to complete; its completion (cost 2 of an estimate of 10) teaches a CRITICAL_SUCCESS lesson. */
  const finalizingRun = (traced: boolean) => runInPhase(world.server, world.operator, 'FINALIZING', { agentId, goal: 'search the web', traceId: traced ? 'trace-faults' : null });
  const completion = (runId: string) => ({ status: 'SUCCEEDED', costCents: 2, policiesChecked: 1, idempotencyKey: `complete-${runId}` }) as const;
  const complete = (runId: string) => world.server.gql(world.operator, CompleteRunDocument, { id: runId, input: completion(runId) });
  const readState = async (runId: string) => dataOf(await world.server.gql(world.operator, RunCompletionStateDocument, { id: runId })).run!;

  /** Fails one completion of a fresh run with `fail`, checks that nothing of it persists and the trail is truthful, then retries. */
  async function expectTruthfulRollback(traced: boolean, fail: (runId: string) => Promise<GraphQLResponse<unknown>>, failedStep: string, undone: string[]) {
    const run = await finalizingRun(traced);
    const before = await completionFootprint(world.server, run.id);

    const failed = await fail(run.id);

    expect(failed.data ?? null).toBeNull();
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors![0].extensions).toEqual({ code: 'INTERNAL', failedStep, rolledBack: undone, requestId: expect.any(String) });
    expect(failed.errors![0].message).toContain(failedStep);
    expect(await completionFootprint(world.server, run.id)).toEqual(before);
    expect(await countRows(world.server, 'idempotency_records', { idempotency_key: completion(run.id).idempotencyKey })).toBe(0);
    const afterFailure = await readState(run.id);
    expect(afterFailure).toMatchObject({ version: run.version, phase: 'FINALIZING', status: 'RUNNING', costCents: null, completedAt: null, incident: null, policyEvaluation: null, lessons: [] });
    const rolledBack = afterFailure.acks.filter((ack) => ack.status === 'ROLLED_BACK');
    expect(rolledBack.map((ack) => `${ack.domain}:${ack.action}`).sort()).toEqual([...undone].sort());
    for (const ack of rolledBack) {
      expect(ack).toMatchObject({ rolledBack: true, resultId: null });
      expect(ack.rollbackReason).toContain(`failed at step "${failedStep}"`);
    }
    // The trail is announced too: an ack.recorded event per ROLLED_BACK ack, with the run unchanged.
    const trail = await selectRows<{ payload: { ack: { status: string; domain: string; action: string }; run: { phase: string; version: number } } }>(world.server, 'outbox_events', { subject_id: run.id, type: 'ack.recorded' });
    const announced = trail.filter((event) => event.payload.ack.status === 'ROLLED_BACK');
    expect(announced.map((event) => `${event.payload.ack.domain}:${event.payload.ack.action}`).sort()).toEqual([...undone].sort());
    for (const event of announced) expect(event.payload.run).toMatchObject({ phase: 'FINALIZING', version: run.version });

    const retried = dataOf(await complete(run.id)).completeRun;
    expect(retried.run).toMatchObject({ phase: 'COMPLETED', status: 'SUCCEEDED', version: run.version + 1 });
    // The earlier ROLLED_BACK acks do not count against the run (an untraced run never starts the trace it is expected to).
    const missing = traced ? [] : ['logs:start_trace'];
    expect(retried.run.reconciliation).toMatchObject({ status: traced ? 'COMPLETE' : 'INCOMPLETE', isClean: traced, missing, drift: [], failed: [] });
    expect(retried.run.acks.filter((ack) => ack.status === 'ROLLED_BACK')).toHaveLength(undone.length);
    expect(retried.run.lessons.map((lesson) => lesson.type)).toEqual(['CRITICAL_SUCCESS']);
    const done = await completionFootprint(world.server, run.id);
    expect([done.incidents, done.policyEvaluations, done.traceCompletions, done.lessons].map((rows) => rows.length)).toEqual([1, 1, traced ? 1 : 0, 1]);
    const events = (done.events as { type: string }[]).map((event) => event.type).filter((type) => (COMPLETION_EVENTS as readonly string[]).includes(type));
    expect([...new Set(events)].sort()).toEqual([...COMPLETION_EVENTS].sort());
  }

  const failingAt = (fault: ArmedFault) => (runId: string) => {
    fault.armFor(runId);
    return complete(runId);
  };

  it.each([
    { where: 'after the incident', fault: faults.afterIncidents, traced: true, undone: [INCIDENT] },
    { where: 'after the policy evaluation', fault: faults.afterPolicies, traced: true, undone: [INCIDENT, POLICY] },
    { where: 'after the trace completion', fault: faults.afterTraces, traced: true, undone: [INCIDENT, POLICY, TRACE] },
    { where: 'after the trace step of an untraced run', fault: faults.afterTraces, traced: false, undone: [INCIDENT, POLICY] },
    { where: 'after the lessons', fault: faults.afterLessons, traced: true, undone: [INCIDENT, POLICY, TRACE] },
    { where: 'after the run is finalized', fault: faults.atCommit, traced: true, undone: [INCIDENT, POLICY, TRACE, FINALIZE] },
    { where: 'after an untraced run is finalized', fault: faults.atCommit, traced: false, undone: [INCIDENT, POLICY, FINALIZE] },
  ])('undoes everything when a step fails $where, and a retry succeeds', async ({ fault, traced, undone }) => {
    await expectTruthfulRollback(traced, failingAt(fault), fault.name, undone);
  });

  it('undoes everything when the commit itself fails (its events refused), and a retry succeeds', async () => {
    // The completion's own events are refused; the trail's (ack.recorded of ROLLED_BACK acks) are not.
    const fault = { table: 'outbox_events', event: 'INSERT', when: "NEW.type = 'run.completed'" } as const;
    const refusingEvents = (runId: string) => whileWritesRefused(world.server, fault, () => complete(runId));
    await expectTruthfulRollback(true, refusingEvents, 'commit', [INCIDENT, POLICY, TRACE, FINALIZE]);
  });

  it('undoes the incident when the policy step’s own write fails, and names the policy step', async () => {
    const refusingEvaluation = (runId: string) => whileWritesRefused(world.server, { table: 'policy_evaluations', event: 'INSERT' }, () => complete(runId));
    await expectTruthfulRollback(true, refusingEvaluation, 'policies', [INCIDENT]);
  });

  it('writes no rollback trail when the first step fails, since nothing was done', async () => {
    const refusingIncident = (runId: string) => whileWritesRefused(world.server, { table: 'incidents', event: 'INSERT' }, () => complete(runId));
    await expectTruthfulRollback(false, refusingIncident, 'incidents', []);
  });

  it('retries a completion whose database connection drops before COMMIT: it completes once, with no rollback trail, and keeps serving', async () => {
    const dropped = await finalizingRun(true);
    const completed = dataOf(await failingAt(faults.droppedConnection)(dropped.id)).completeRun;
    expect(completed.run).toMatchObject({ phase: 'COMPLETED', status: 'SUCCEEDED', version: dropped.version + 1 });
    expect(completed.run.acks.filter((ack) => ack.status === 'ROLLED_BACK')).toEqual([]);
    const done = await completionFootprint(world.server, dropped.id);
    expect([done.incidents, done.policyEvaluations, done.traceCompletions, done.lessons].map((rows) => rows.length)).toEqual([1, 1, 1, 1]);
    expect(await countRows(world.server, 'outbox_events', { subject_id: dropped.id, type: 'run.completed' })).toBe(1);

    // Twice as many concurrent requests as the pool holds: every pooled connection still works.
    const run = await finalizingRun(false);
    const reads = await Promise.all(Array.from({ length: 20 }, () => world.server.gql(world.operator, GetRunDocument, { id: run.id })));
    expect(reads.map((read) => dataOf(read).run?.id)).toEqual(Array(20).fill(run.id));
  });
});
