// Concurrent completeRun over GraphQL on real PostgreSQL: of 20 racing completions of one run exactly
// one completes it (one incident, evaluation, trace completion, lesson, event each) and the rest are
// IMMUTABLE with nothing undone; 20 racing requests with one idempotency key all get the same answer.
import { describe, expect, it } from 'vitest';
import { CompleteRunDocument, type CompleteRunInput } from '../generated/graphql.js';
import { COMPLETION_ACTIONS, completionFootprint } from '../support/completion-rows.js';
import { soleWinnerOf } from '../support/races.js';
import { dataOf } from '../support/responses.js';
import { countRowsPer } from '../support/rows.js';
import { runInPhase } from '../support/run-phases.js';
import { useRunWorld } from '../support/run-world.js';

const agentId = 'agent-race';
const RACERS = 20;

describe('concurrent completions of one run', () => {
  const world = useRunWorld([agentId]);

  const tracedRun = (traceId: string) => runInPhase(world.server, world.operator, 'FINALIZING', { agentId, goal: 'search the web', traceId });
  const race = (runId: string, inputOf: (racer: number) => CompleteRunInput) =>
    Promise.all(Array.from({ length: RACERS }, (_, racer) => world.server.gql(world.operator, CompleteRunDocument, { id: runId, input: inputOf(racer) })));

  /** Every record and event of the completion exists exactly once, and no ack was rolled back. */
  async function expectCompletedOnce(runId: string) {
    const footprint = await completionFootprint(world.server, runId);
    expect([footprint.incidents, footprint.policyEvaluations, footprint.traceCompletions, footprint.lessons].map((rows) => rows.length)).toEqual([1, 1, 1, 1]);
    const eventTypes = (footprint.events as { type: string }[]).map((event) => event.type);
    expect(eventTypes.filter((type) => type === 'run.completed' || type === 'incident.created' || type === 'policy.evaluated').sort()).toEqual(['incident.created', 'policy.evaluated', 'run.completed']);
    expect(await countRowsPer(world.server, 'domain_acks', 'status', { run_id: runId })).toEqual({ SUCCESS: COMPLETION_ACTIONS.length + 1 });
    expect((footprint.transitions as { from_status: string }[]).filter((transition) => transition.from_status === 'FINALIZING/RUNNING')).toHaveLength(1);
    return footprint;
  }

  it('lets exactly one of 20 completions win; the others are IMMUTABLE', async () => {
    const run = await tracedRun('trace-race');
    // Each racer's completion teaches one lesson: CRITICAL_SUCCESS (cost ≤ 4 of 10) or FAILURE.
    const statusOf = (racer: number) => (racer % 2 === 0 ? 'SUCCEEDED' : 'FAILED_POLICY');
    const costOf = (racer: number) => racer % 5;
    const responses = await race(run.id, (racer) => ({ status: statusOf(racer), costCents: costOf(racer), errorCode: `E${racer}` }));

    const winner = soleWinnerOf(responses, ['IMMUTABLE']).completeRun;
    const winningRacer = responses.findIndex((response) => response.errors === undefined);
    expect(winner.run).toMatchObject({ status: statusOf(winningRacer), costCents: costOf(winningRacer), version: run.version + 1 });
    expect(winner.incident).toMatchObject({ errorCode: `E${winningRacer}` });
    const footprint = await expectCompletedOnce(run.id);
    expect(footprint.run).toMatchObject([{ status: statusOf(winningRacer), cost_cents: costOf(winningRacer), version: run.version + 1 }]);
    expect(footprint.incidents).toMatchObject([{ id: winner.incident.id, error_code: `E${winningRacer}` }]);
  });

  it('answers 20 concurrent completions with one idempotency key with one and the same completion', async () => {
    const run = await tracedRun('trace-keyed-race');
    const responses = await race(run.id, () => ({ status: 'SUCCEEDED', costCents: 1, idempotencyKey: `race-${run.id}` }));

    const answers = responses.map((response) => dataOf(response).completeRun);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0].run).toMatchObject({ phase: 'COMPLETED', status: 'SUCCEEDED', version: run.version + 1 });
    const footprint = await expectCompletedOnce(run.id);
    expect(footprint.incidents).toMatchObject([{ id: answers[0].incident.id }]);
  });
});
