// A run's first life: planned at creation from the manifest and memory, moved phase by phase, its
// trace started on entering EXECUTING, its reconciliation telling what is still missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransitionRunDocument } from '../generated/graphql.js';
import { dataOf } from '../support/responses.js';
import { createRunAs, mintRunCallers, prepareAgent, type RunCallers } from '../support/runs.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('a run from creation to FINALIZING', () => {
  let server: TestServer;
  let callers: RunCallers;
  beforeAll(async () => {
    server = await startTestServer();
    callers = await mintRunCallers(server);
    await prepareAgent(server, callers, 'agent-7');
  });
  afterAll(() => server.close());

  it('is planned, declared, moved forward and reconciled', async () => {
    const run = await createRunAs(server, callers.operator, { agentId: 'agent-7', goal: 'search the web and send a summary report by email', traceId: 'trace-1' });
    expect(run).toMatchObject({ phase: 'CREATED', status: 'QUEUED', traceId: 'trace-1' });
    expect(run.plan.steps.map((step) => step.skill)).toEqual(['send-email', 'summarise', 'web-search']);
    expect(run.plan).toMatchObject({ estimatedCostCents: 75, planner: 'builtin', memorySnippetCount: 0 });
    expect(run.plan.warnings).toEqual(['step 0 (send-email) has side effects']);
    expect(run.expectations.map((e) => `${e.domain}:${e.action}:${e.status}`)).toEqual([
      'incidents:create_incident:PENDING', 'logs:start_trace:PENDING', 'policies:evaluate_policy:PENDING', 'orchestrator:finalize_run:PENDING',
    ]);
    expect(run.reconciliation).toMatchObject({ status: 'INCOMPLETE', staleRun: false, expectationsCount: 4, acksCount: 0 });
    expect(run.reconciliation.missing).toEqual(['incidents:create_incident', 'logs:start_trace', 'orchestrator:finalize_run', 'policies:evaluate_policy']);

    for (const [phase, status] of [['AUTHORIZED', 'QUEUED'], ['EXECUTING', 'RUNNING']] as const) {
      dataOf(await server.gql(callers.operator, TransitionRunDocument, { id: run.id, phase, status }));
    }
    const executing = dataOf(await server.gql(callers.operator, TransitionRunDocument, { id: run.id, phase: 'GOVERNANCE_CHECK', status: 'RUNNING' })).transitionRun;
    expect(executing.acks.map((ack) => `${ack.domain}:${ack.action}:${ack.status}:${ack.resultId}`)).toEqual(['logs:start_trace:SUCCESS:trace-1']);
    // Starting the trace makes completing it expected too.
    expect(executing.reconciliation.missing).toEqual(['incidents:create_incident', 'logs:complete_trace', 'orchestrator:finalize_run', 'policies:evaluate_policy']);
    expect(executing.transitions.map((t) => `${t.fromStatus}>${t.toStatus}`)).toEqual([
      'NONE>CREATED/QUEUED', 'CREATED/QUEUED>AUTHORIZED/QUEUED', 'AUTHORIZED/QUEUED>EXECUTING/RUNNING', 'EXECUTING/RUNNING>GOVERNANCE_CHECK/RUNNING',
    ]);

    server.clock.advance((300 + 60) * 1000);
    expect(await server.runtime.sweepExpectations()).toBe(4);
    const stale = dataOf(await server.gql(callers.operator, TransitionRunDocument, { id: run.id, phase: 'FINALIZING', status: 'RUNNING' })).transitionRun;
    expect(stale.reconciliation).toMatchObject({ status: 'STALE', staleRun: true });
    expect(stale.expectations.filter((e) => e.status === 'MISSING')).toHaveLength(4);
  });
});
