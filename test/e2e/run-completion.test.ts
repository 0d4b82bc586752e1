// Run completion: one atomic commit writes the incident, the policy evaluation, the trace
// completion, the acks, the run's final state and its events; the traced run reconciles clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompleteRunDocument, TransitionRunDocument } from '../generated/graphql.js';
import { dataOf, errorCode } from '../support/responses.js';
import { countRows, selectRows } from '../support/rows.js';
import { createRunAs, mintRunCallers, prepareAgent, type RunCallers } from '../support/runs.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('completeRun', () => {
  let server: TestServer;
  let callers: RunCallers;
  beforeAll(async () => {
    server = await startTestServer();
    callers = await mintRunCallers(server);
    await prepareAgent(server, callers, 'agent-c');
  });
  afterAll(() => server.close());

  it('writes every row once, in one commit, and the traced run reconciles COMPLETE', async () => {
    const run = await createRunAs(server, callers.operator, { agentId: 'agent-c', goal: 'search the web', traceId: 'trace-c' });
    for (const [phase, status] of [['AUTHORIZED', 'QUEUED'], ['EXECUTING', 'RUNNING']] as const) {
      dataOf(await server.gql(callers.operator, TransitionRunDocument, { id: run.id, phase, status }));
    }
    const completion = dataOf(await server.gql(callers.operator, CompleteRunDocument, { id: run.id, input: { status: 'SUCCEEDED', costCents: 4, policiesChecked: 3 } })).completeRun;
    expect(completion.events).toEqual(['run.completed', 'incident.created', 'policy.evaluated', 'lesson.created', 'ack.recorded']);
    expect(completion.run).toMatchObject({ phase: 'COMPLETED', status: 'SUCCEEDED', costCents: 4 });
    expect(completion.incident).toMatchObject({ runId: run.id, outcome: 'SUCCEEDED' });
    expect(completion.policyEvaluation).toMatchObject({ runId: run.id, outcome: 'SUCCEEDED', policiesChecked: 3 });
    expect(completion.run.reconciliation).toMatchObject({ status: 'COMPLETE', isClean: true, missing: [], drift: [], failed: [] });
    expect(completion.run.acks.map((ack) => `${ack.domain}:${ack.action}:${ack.status}`).sort()).toEqual([
      'incidents:create_incident:SUCCESS', 'logs:complete_trace:SUCCESS', 'logs:start_trace:SUCCESS', 'orchestrator:finalize_run:SUCCESS', 'policies:evaluate_policy:SUCCESS',
    ]);
    expect(completion.run.lessons.map((lesson) => lesson.type)).toEqual(['CRITICAL_SUCCESS']);
    for (const table of ['incidents', 'policy_evaluations', 'trace_completions'] as const) {
      expect(await countRows(server, table, { run_id: run.id })).toBe(1);
    }
    const events = await selectRows<{ type: string }>(server, 'outbox_events', { subject_id: run.id });
    expect(events.map((event) => event.type)).toEqual([
      'run.created', 'run.transitioned', 'run.transitioned', 'ack.recorded', // entering EXECUTING with a trace acks start_trace
      'run.completed', 'incident.created', 'policy.evaluated', 'lesson.created', 'ack.recorded', 'ack.recorded', 'ack.recorded', 'ack.recorded',
    ]);

    const again = await server.gql(callers.operator, CompleteRunDocument, { id: run.id, input: { status: 'SUCCEEDED' } });
    expect(errorCode(again)).toBe('IMMUTABLE');
  });
});
