// completeRun's records over GraphQL: every row once with ids that point at each other, all written by
// the run's own commit; final statuses mapped to phases; non-final statuses refused; completed and
// failed runs immutable; an idempotency key answering with the first completion; roles and tenants.
import { describe, expect, it } from 'vitest';
import { CompleteRunDocument, RunCompletionStateDocument, type CompleteRunInput, type RunStatus } from '../generated/graphql.js';
import { completionFootprint, completionWriters } from '../support/completion-rows.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { dataOf, errorCode } from '../support/responses.js';
import { selectRows } from '../support/rows.js';
import { runInPhase } from '../support/run-phases.js';
import { useRunWorld } from '../support/run-world.js';
import { mintRunCallers, prepareAgent } from '../support/runs.js';

const agentId = 'agent-records';
const goal = 'search the web';

describe('the records of a run completion', () => {
  const world = useRunWorld([agentId]);

  const finalizingRun = (traceId: string | null = null) => runInPhase(world.server, world.operator, 'FINALIZING', { agentId, goal, traceId });
  const complete = (id: string, input: CompleteRunInput, key = world.operator) => world.server.gql(key, CompleteRunDocument, { id, input });
  const expectRefusedUntouched = (runId: string, code: string, input: CompleteRunInput, key = world.operator) =>
    expectRefusedWithoutWrites(world.server, code, () => complete(runId, input, key), () => completionFootprint(world.server, runId));

  it('writes each record once, with ids that point at each other, all in the commit that completes the run', async () => {
    const run = await finalizingRun('trace-records');
    const completion = dataOf(await complete(run.id, { status: 'SUCCEEDED', costCents: 3, policiesChecked: 2 })).completeRun;
    const { incident, policyEvaluation } = completion;

    expect(completion.run).toMatchObject({ id: run.id, version: run.version + 1, phase: 'COMPLETED', status: 'SUCCEEDED', costCents: 3, completedAt: world.server.clock.now().toISOString() });
    expect(completion.run.incident).toEqual({ id: incident.id });
    expect(completion.run.policyEvaluation).toEqual({ id: policyEvaluation.id });
    expect(incident).toMatchObject({ runId: run.id, outcome: 'SUCCEEDED', errorCode: null, errorMessage: null });
    expect(policyEvaluation).toMatchObject({ runId: run.id, outcome: 'SUCCEEDED', policiesChecked: 2 });

    const footprint = await completionFootprint(world.server, run.id);
    expect(footprint.incidents).toMatchObject([{ id: incident.id, run_id: run.id, outcome: 'SUCCEEDED' }]);
    expect(footprint.policyEvaluations).toMatchObject([{ id: policyEvaluation.id, run_id: run.id, policies_checked: 2 }]);
    expect(footprint.traceCompletions).toMatchObject([{ run_id: run.id, trace_id: 'trace-records', outcome: 'SUCCEEDED' }]);
    expect(footprint.lessons).toMatchObject([{ run_id: run.id, agent_id: agentId, type: 'CRITICAL_SUCCESS', status: 'PENDING' }]);
    expect(completion.run.lessons.map((lesson) => lesson.id)).toEqual([(footprint.lessons[0] as { id: string }).id]);

    const resultOf = Object.fromEntries(completion.run.acks.map((ack) => [`${ack.domain}:${ack.action}`, ack.resultId]));
    expect(resultOf).toEqual({
      'logs:start_trace': expect.any(String),
      'incidents:create_incident': incident.id,
      'policies:evaluate_policy': policyEvaluation.id,
      'logs:complete_trace': (footprint.traceCompletions[0] as { id: string }).id,
      'orchestrator:finalize_run': run.id,
    });
    expect(completion.run.acks.every((ack) => ack.status === 'SUCCESS' && !ack.rolledBack && ack.rollbackReason === null)).toBe(true);
    expect(completion.run.expectations.map((expectation) => expectation.status)).toEqual(['ACKED', 'ACKED', 'ACKED', 'ACKED', 'ACKED']);
    expect(completion.run.reconciliation).toMatchObject({ status: 'COMPLETE', isClean: true, expectationsCount: 5, acksCount: 5 });
    expect(completion.run.transitions.at(-1)).toEqual({ fromStatus: 'FINALIZING/RUNNING', toStatus: 'COMPLETED/SUCCEEDED', actor: 'otto' });

    type StoredRunEvent = { type: string; payload: { runId: string; run: { phase: string; version: number }; incident?: { id: string }; policyEvaluation?: { id: string }; lesson?: { id: string }; ack?: { resultId: string } } };
    const events = footprint.events as StoredRunEvent[];
    const published = events.slice(events.findIndex((event) => event.type === 'run.completed'));
    expect(published.map((event) => event.type)).toEqual(['run.completed', 'incident.created', 'policy.evaluated', 'lesson.created', 'ack.recorded', 'ack.recorded', 'ack.recorded', 'ack.recorded']);
    // Every event of the commit carries the run as the commit leaves it.
    for (const event of published) expect(event.payload).toMatchObject({ runId: run.id, run: { phase: 'COMPLETED', status: 'SUCCEEDED', version: run.version + 1 } });
    expect(published[0].payload).toMatchObject({ phase: 'COMPLETED', status: 'SUCCEEDED', version: run.version + 1 });
    expect(published[1].payload.incident?.id).toBe(incident.id);
    expect(published[2].payload.policyEvaluation?.id).toBe(policyEvaluation.id);
    expect(published[3].payload.lesson?.id).toBe(completion.run.lessons[0].id);
    expect(published.slice(4).map((event) => event.payload.ack?.resultId).sort()).toEqual([incident.id, policyEvaluation.id, (footprint.traceCompletions[0] as { id: string }).id, run.id].sort());

    // One transaction wrote all of it: the events become visible to delivery exactly when the run does.
    const writers = await completionWriters(world.server, run.id);
    const [runWriter] = writers.run;
    expect(writers).toEqual({
      run: [runWriter], acks: [runWriter], expectations: [runWriter], events: [runWriter], transition: [runWriter],
      incidents: [runWriter], policy_evaluations: [runWriter], trace_completions: [runWriter], lessons: [runWriter],
    });
  });

  it('records the error of a failed run on its incident and writes no trace completion for an untraced run', async () => {
    const run = await finalizingRun();
    const completion = dataOf(await complete(run.id, { status: 'FAILED', errorCode: 'TOOL_TIMEOUT', errorMessage: 'web search timed out', costCents: 7 })).completeRun;
    expect(completion.incident).toMatchObject({ outcome: 'FAILED', errorCode: 'TOOL_TIMEOUT', errorMessage: 'web search timed out' });
    expect(completion.policyEvaluation).toMatchObject({ outcome: 'FAILED', policiesChecked: 0 });
    expect(completion.run.acks.map((ack) => `${ack.domain}:${ack.action}`).sort()).toEqual(['incidents:create_incident', 'orchestrator:finalize_run', 'policies:evaluate_policy']);
    expect(completion.run.reconciliation).toMatchObject({ status: 'INCOMPLETE', missing: ['logs:start_trace'] });
    expect(await selectRows(world.server, 'trace_completions', { run_id: run.id })).toEqual([]);
    const [stored] = await selectRows(world.server, 'runs', { id: run.id });
    expect(stored).toMatchObject({ phase: 'FAILED', status: 'FAILED', cost_cents: 7, outcome: 'failed TOOL_TIMEOUT: web search timed out' });
  });

  it.each([
    { status: 'SUCCEEDED', phase: 'COMPLETED' },
    { status: 'FAILED', phase: 'FAILED' },
    { status: 'FAILED_POLICY', phase: 'FAILED' },
    { status: 'CANCELLED', phase: 'FAILED' },
    { status: 'RETRY', phase: 'FAILED' },
  ] as const)('completing with $status puts the run in $phase', async ({ status, phase }) => {
    const run = await finalizingRun();
    const completion = dataOf(await complete(run.id, { status })).completeRun;
    expect(completion.run).toMatchObject({ phase, status });
    expect(completion.incident.outcome).toBe(status);
    expect(completion.policyEvaluation.outcome).toBe(status);
    const lessonEvents = completion.run.lessons.length > 0 ? ['lesson.created'] : [];
    expect(completion.events).toEqual(['run.completed', 'incident.created', 'policy.evaluated', ...lessonEvents, 'ack.recorded']);
  });

  it.each(['QUEUED', 'RUNNING'] as const)('refuses %s, which is not a final status, with nothing written', async (status: RunStatus) => {
    const run = await finalizingRun();
    const error = await expectRefusedUntouched(run.id, 'BAD_USER_INPUT', { status });
    expect(error.extensions!.reasons).toEqual([expect.stringContaining(`not ${status}`)]);
  });

  it('names every broken rule of an invalid completion at once', async () => {
    const run = await finalizingRun();
    const error = await expectRefusedUntouched(run.id, 'BAD_USER_INPUT', { status: 'RUNNING', costCents: -1, policiesChecked: -2, errorCode: ' ' });
    expect(error.extensions!.reasons).toHaveLength(4);
  });

  it('refuses to complete a completed run, or a run failed by transitionRun, as IMMUTABLE', async () => {
    const completed = await finalizingRun('trace-immutable');
    dataOf(await complete(completed.id, { status: 'SUCCEEDED' }));
    await expectRefusedUntouched(completed.id, 'IMMUTABLE', { status: 'SUCCEEDED' });
    await expectRefusedUntouched(completed.id, 'IMMUTABLE', { status: 'FAILED', idempotencyKey: 'a-fresh-key' });

    const failed = await runInPhase(world.server, world.operator, 'FAILED', { agentId, goal });
    expect(failed).toMatchObject({ phase: 'FAILED', status: 'FAILED' });
    await expectRefusedUntouched(failed.id, 'IMMUTABLE', { status: 'SUCCEEDED' });
    expect(await selectRows(world.server, 'incidents', { run_id: failed.id })).toEqual([]);
  });

  it('answers a repeated idempotency key with the first completion, and refuses the key for another input', async () => {
    const run = await finalizingRun('trace-idempotent');
    const input = { status: 'SUCCEEDED', costCents: 4, idempotencyKey: 'complete-once' } as const;
    const first = dataOf(await complete(run.id, input)).completeRun;
    const footprint = await completionFootprint(world.server, run.id);

    const repeated = dataOf(await complete(run.id, input)).completeRun;
    expect(repeated).toEqual(first);
    expect(await completionFootprint(world.server, run.id)).toEqual(footprint);

    await expectRefusedUntouched(run.id, 'IDEMPOTENCY_MISMATCH', { ...input, costCents: 5 });
  });

  it('lets only operators and admins complete runs, and hides other tenants’ runs as NOT_FOUND', async () => {
    const { server } = world;
    const run = await finalizingRun();
    for (const role of ['viewer', 'approver'] as const) {
      await expectRefusedUntouched(run.id, 'FORBIDDEN', { status: 'SUCCEEDED' }, await server.key(role, `${role}-records`));
    }
    const other = await mintRunCallers(server, 'tenant-records-other');
    await prepareAgent(server, other, agentId);
    await expectRefusedUntouched(run.id, 'NOT_FOUND', { status: 'SUCCEEDED' }, other.operator);
    expect(errorCode(await complete('run_missing', { status: 'SUCCEEDED' }))).toBe('NOT_FOUND');
    expect(dataOf(await server.gql(other.operator, RunCompletionStateDocument, { id: run.id })).run).toBeNull();

    const byAdmin = dataOf(await complete(run.id, { status: 'CANCELLED' }, world.admin)).completeRun;
    expect(byAdmin.run).toMatchObject({ phase: 'FAILED', status: 'CANCELLED' });
  });
});
