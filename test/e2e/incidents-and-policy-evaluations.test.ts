// Incidents and policy evaluations with the seed's fields, end to end: a completion derives an
// incident's severity, category, title and status (a clean success is resolved by its completion)
// and a policy evaluation's outcome, confidence and the violations it read (later ones are not among
// them); resolveIncident resolves an open incident once, in one commit with its transition and the
// incident.resolved event on the run's stream, and refuses repeats, bad input, unknown or foreign
// incidents and callers without the operate permission, writing nothing.
import { print } from 'graphql';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CompleteRunWithRecordsDocument,
  type CompleteRunWithRecordsMutation,
  IncidentResolutionsDocument,
  ResolveIncidentDocument,
  RunRecordsDocument,
  TransitionRunDocument,
  UpdateGovernanceSettingsDocument,
  type CompleteRunInput,
  type IncidentResolutionsSubscription,
} from '../generated/graphql.js';
import { configurePolicy, policyAllowing, reportAs } from '../support/inspection.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { dataOf } from '../support/responses.js';
import { selectRows } from '../support/rows.js';
import { useRunWorld, type RunWorld } from '../support/run-world.js';
import { createRunAs, mintRunCallers, prepareAgent } from '../support/runs.js';
import { record } from '../support/subscriptions.js';
import { wsClient } from '../support/ws-client.js';

const AGENT = 'agent-incidents';
type Resolution = IncidentResolutionsSubscription['runEvents'];

async function completed(world: RunWorld, input: Parameters<typeof createRunAs>[2], completion: CompleteRunInput, before?: (runId: string) => Promise<void>) {
  const run = await createRunAs(world.server, world.operator, input);
  await before?.(run.id);
  const records = dataOf(await world.server.gql(world.operator, CompleteRunWithRecordsDocument, { id: run.id, input: { costCents: 1, ...completion } })).completeRun;
  return { runId: run.id, ...records };
}

function recordsOf(world: RunWorld, id: string) {
  return world.server.gql(world.operator, RunRecordsDocument, { id }).then((response) => dataOf(response).run!);
}

describe('incidents and policy evaluations', () => {
  const world = useRunWorld([AGENT]);
  const clients: ReturnType<typeof wsClient>[] = [];
  afterAll(() => Promise.all(clients.map((client) => client.dispose())));

  it('resolves a clean success at completion, with no violation read and the policies checked as confidence', async () => {
    const { incident, policyEvaluation } = await completed(world, { agentId: AGENT, goal: 'search the web' }, { status: 'SUCCEEDED', policiesChecked: 4 });
    expect(incident).toMatchObject({ outcome: 'SUCCEEDED', severity: 'LOW', category: 'RUN_SUCCEEDED', title: 'Run succeeded', status: 'RESOLVED', resolution: 'The run succeeded with no violations.', resolvedBy: 'otto' });
    expect(incident.resolvedAt).toBe(incident.createdAt);
    expect(policyEvaluation).toMatchObject({ outcome: 'SUCCEEDED', policyOutcome: 'NO_VIOLATION', confidence: 0.8, violationIds: [], violationCount: 0, violations: [] });

    const unchecked = await completed(world, { agentId: AGENT, goal: 'search the web' }, { status: 'FAILED', errorCode: 'TIMEOUT' });
    expect(unchecked.incident).toMatchObject({ severity: 'HIGH', category: 'EXECUTION_FAILURE', title: 'Run failed (TIMEOUT)', status: 'OPEN', resolution: null, resolvedBy: null, resolvedAt: null });
    expect(unchecked.policyEvaluation).toMatchObject({ policyOutcome: 'NOT_APPLICABLE', confidence: 0 });
  });

  it("reads the run's violations at evaluation time: a denied inspection is a VIOLATION, and later violations are not among those read", async () => {
    await configurePolicy(world.server, world.admin, policyAllowing('no-prompts', ['LOG_RESPONSE']));
    const { runId, incident, policyEvaluation } = await completed(world, { agentId: AGENT, goal: 'search the web', policyId: 'no-prompts' }, { status: 'FAILED_POLICY', errorCode: 'PII', policiesChecked: 1 }, async (id) => {
      dataOf(await reportAs(world.server, world.operator, id, 'no-prompts', ['LOG_PROMPT', 'CAPTURE_PII', 'LOG_RESPONSE']));
    });
    expect(incident).toMatchObject({ severity: 'CRITICAL', category: 'POLICY_VIOLATION', title: 'Run failed a policy (PII, 2 violations)', status: 'OPEN' });
    expect(policyEvaluation).toMatchObject({ policyOutcome: 'VIOLATION', confidence: 1, violationCount: 2 });
    expect(policyEvaluation.violations.map((violation) => violation.operation).sort()).toEqual(['CAPTURE_PII', 'LOG_PROMPT']);
    expect(policyEvaluation.violationIds).toEqual(policyEvaluation.violations.map((violation) => violation.id));

    dataOf(await reportAs(world.server, world.operator, runId, 'no-prompts', ['ACCESS_SECRET']));
    const read = await recordsOf(world, runId);
    expect(read.violations).toHaveLength(3);
    expect(read.policyEvaluation).toEqual(policyEvaluation);
  });

  it("reads the violations a writer committed while the completion waited for the run's lock", async () => {
    const { server } = world;
    await configurePolicy(server, world.admin, policyAllowing('no-secrets', ['LOG_PROMPT', 'LOG_RESPONSE']));
    const run = await createRunAs(server, world.operator, { agentId: AGENT, goal: 'search the web', policyId: 'no-secrets' });
    const holder = new pg.Client({ connectionString: server.database.url });
    await holder.connect();
    const waitingOnLocks = async (count: number) => {
      for (;;) {
        const [row] = await server.database.dataSource.query(`SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (row.count >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    let report: ReturnType<typeof reportAs>;
    let completion: Promise<unknown>;
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT id FROM runs WHERE id = $1 FOR UPDATE`, [run.id]);
      // The inspection queues first for the run's lock, the completion second: PostgreSQL grants
      // them in that order, so the completion's lock returns after the violation's commit.
      report = reportAs(server, world.operator, run.id, 'no-secrets', ['ACCESS_SECRET']);
      await waitingOnLocks(1);
      completion = server.gql(world.operator, CompleteRunWithRecordsDocument, { id: run.id, input: { costCents: 1, status: 'FAILED_POLICY', errorCode: 'SECRET', policiesChecked: 1 } });
      await waitingOnLocks(2);
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }
    dataOf(await report!);
    const { policyEvaluation, incident } = dataOf(await (completion! as ReturnType<typeof server.gql<CompleteRunWithRecordsMutation, unknown>>)).completeRun;
    expect(policyEvaluation).toMatchObject({ policyOutcome: 'VIOLATION', violationCount: 1, violations: [{ operation: 'ACCESS_SECRET' }] });
    expect(incident).toMatchObject({ title: 'Run failed a policy (SECRET, 1 violation)' });
  });

  it('makes breaches recorded under enforcement off ADVISORY, and a success with violations an open policy matter', async () => {
    dataOf(await world.server.gql(world.admin, UpdateGovernanceSettingsDocument, { phaseStatusEnforcement: false }));
    try {
      const { incident, policyEvaluation } = await completed(world, { agentId: AGENT, goal: 'search the web' }, { status: 'SUCCEEDED', policiesChecked: 2 }, async (id) => {
        dataOf(await world.server.gql(world.operator, TransitionRunDocument, { id, phase: 'AUTHORIZED', status: 'RUNNING' }));
      });
      expect(incident).toMatchObject({ severity: 'MEDIUM', category: 'POLICY_VIOLATION', title: 'Run succeeded (1 violation)', status: 'OPEN' });
      expect(policyEvaluation).toMatchObject({ policyOutcome: 'ADVISORY', confidence: 1, violationCount: 1, violations: [{ kind: 'PHASE_STATUS_INVARIANT' }] });
    } finally {
      dataOf(await world.server.gql(world.admin, UpdateGovernanceSettingsDocument, { phaseStatusEnforcement: true }));
    }
  });

  it('resolves an open incident once, with its transition and the incident.resolved event on the run stream', async () => {
    const { runId, incident } = await completed(world, { agentId: AGENT, goal: 'search the web' }, { status: 'FAILED', errorCode: 'CRASH' });
    const client = wsClient(world.server.url, await world.server.key('viewer', 'vera'));
    clients.push(client);
    const resolutions = record(client, print(IncidentResolutionsDocument), { after: '0' }, (data) => data.runEvents as Resolution);

    const resolved = dataOf(await world.server.gql(world.operator, ResolveIncidentDocument, { id: incident.id, input: { resolution: '  restarted the worker ' } })).resolveIncident;
    expect(resolved).toMatchObject({ id: incident.id, runId, status: 'RESOLVED', resolution: 'restarted the worker', resolvedBy: 'otto', severity: 'HIGH', title: 'Run failed (CRASH)' });
    expect(resolved.resolvedAt).toEqual(expect.any(String));
    expect((await recordsOf(world, runId)).incident).toEqual(resolved);

    const [event] = await resolutions.until((seen) => seen.some((seenEvent) => seenEvent.incident?.id === incident.id));
    expect(event).toMatchObject({ type: 'incident.resolved', actor: 'otto', run: { id: runId, status: 'FAILED' }, incident: { id: incident.id, status: 'RESOLVED', resolution: 'restarted the worker', resolvedBy: 'otto' } });
    const transitions = await selectRows(world.server, 'transitions', { subject_id: incident.id });
    expect(transitions).toMatchObject([{ subject_type: 'incident', from_status: 'OPEN', to_status: 'RESOLVED', reason: 'restarted the worker', actor: 'otto' }]);
    const writers = await world.server.database.dataSource.query(
      // An event's row is rewritten by the sequencer (its position); `xid` keeps the transaction that wrote it.
      `SELECT DISTINCT writer FROM (SELECT xmin::text AS writer FROM incidents WHERE id = $1 UNION ALL SELECT xmin::text FROM transitions WHERE subject_id = $1
        UNION ALL SELECT (xid::text::numeric % 4294967296)::text FROM outbox_events WHERE type = 'incident.resolved' AND subject_id = $2) AS written`,
      [incident.id, runId],
    );
    expect(writers).toHaveLength(1);

    const incidentRows = () => selectRows(world.server, 'incidents', { id: incident.id });
    const again = await expectRefusedWithoutWrites(world.server, 'IMMUTABLE', () => world.server.gql(world.admin, ResolveIncidentDocument, { id: incident.id, input: { resolution: 'again' } }), incidentRows);
    expect(again.message).toMatch(/Incident is RESOLVED/);
  });

  it('refuses blank resolutions, unknown and foreign incidents, viewers and approvers, writing nothing', async () => {
    const { incident } = await completed(world, { agentId: AGENT, goal: 'search the web' }, { status: 'CANCELLED' });
    const incidentRows = () => selectRows(world.server, 'incidents', { id: incident.id });
    const resolve = (key: string, id: string, resolution = 'done') => () => world.server.gql(key, ResolveIncidentDocument, { id, input: { resolution } });
    const blank = await expectRefusedWithoutWrites(world.server, 'BAD_USER_INPUT', resolve(world.operator, incident.id, '   '), incidentRows);
    expect(blank.extensions?.reasons).toEqual(['resolution must be 1..4000 characters']);
    await expectRefusedWithoutWrites(world.server, 'NOT_FOUND', resolve(world.operator, 'inc_missing'), incidentRows);
    await expectRefusedWithoutWrites(world.server, 'FORBIDDEN', resolve(await world.server.key('viewer', 'vera'), incident.id), incidentRows);
    await expectRefusedWithoutWrites(world.server, 'FORBIDDEN', resolve(await world.server.key('approver', 'april'), incident.id), incidentRows);
    const other = await mintRunCallers(world.server, 'tenant-incidents');
    await prepareAgent(world.server, other, 'agent-other');
    await expectRefusedWithoutWrites(world.server, 'NOT_FOUND', resolve(other.operator, incident.id), incidentRows);
    expect((await incidentRows())[0]).toMatchObject({ status: 'OPEN', resolution: null });
  });
});
