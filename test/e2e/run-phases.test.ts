// The run phase/status invariant (DOMAIN.md §3) through GraphQL: every allowed pair accepted, forbidden
// pairs refused with enforcement on (nothing written) and recorded as violations in the same commit
// with it off, unknown moves refused, the trace acked on entering EXECUTING, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GetRunDocument,
  GovernanceSettingsDocument,
  TransitionRunDocument,
  UpdateGovernanceSettingsDocument,
  type RunPhase,
  type RunStatus,
} from '../generated/graphql.js';
import { writerTransaction } from '../support/job-rows.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { dataOf } from '../support/responses.js';
import { selectRows } from '../support/rows.js';
import { forwardPath, runInPhase, type ReachablePhase } from '../support/run-phases.js';
import { mintRunCallers, prepareAgent, type RunCallers } from '../support/runs.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const agentId = 'agent-phases';
const goal = 'search the web for a summary';
const nonTerminal: ReachablePhase[] = ['CREATED', 'AUTHORIZED', 'EXECUTING', 'GOVERNANCE_CHECK', 'FINALIZING'];
const failedStatuses: RunStatus[] = ['FAILED', 'FAILED_POLICY', 'CANCELLED', 'RETRY'];

/** The phase each forward move starts from. */
const previousPhase = (phase: ReachablePhase): ReachablePhase => nonTerminal[nonTerminal.indexOf(phase) - 1];

/** A sample of forbidden pairs, one per phase reachable by transitionRun, with what the phase allows. */
const forbiddenPairs: { from: ReachablePhase; phase: RunPhase; status: RunStatus; allowed: RunStatus[] }[] = [
  { from: 'CREATED', phase: 'AUTHORIZED', status: 'RUNNING', allowed: ['QUEUED'] },
  { from: 'AUTHORIZED', phase: 'EXECUTING', status: 'QUEUED', allowed: ['RUNNING'] },
  { from: 'EXECUTING', phase: 'GOVERNANCE_CHECK', status: 'SUCCEEDED', allowed: ['RUNNING'] },
  { from: 'GOVERNANCE_CHECK', phase: 'FINALIZING', status: 'SUCCEEDED', allowed: ['RUNNING'] },
  { from: 'EXECUTING', phase: 'FAILED', status: 'RUNNING', allowed: failedStatuses },
  { from: 'CREATED', phase: 'FAILED', status: 'QUEUED', allowed: failedStatuses },
];

/** Moves no status makes valid: skips, backwards, same phase, to COMPLETED, and anything from a terminal phase. */
const unknownMoves: { why: string; from: ReachablePhase; phase: RunPhase; status: RunStatus; code: string }[] = [
  { why: 'a skip', from: 'CREATED', phase: 'EXECUTING', status: 'RUNNING', code: 'INVALID_TRANSITION' },
  { why: 'a skip', from: 'AUTHORIZED', phase: 'FINALIZING', status: 'RUNNING', code: 'INVALID_TRANSITION' },
  { why: 'a move backwards', from: 'EXECUTING', phase: 'AUTHORIZED', status: 'QUEUED', code: 'INVALID_TRANSITION' },
  { why: 'a move backwards', from: 'FINALIZING', phase: 'CREATED', status: 'QUEUED', code: 'INVALID_TRANSITION' },
  { why: 'the same phase', from: 'CREATED', phase: 'CREATED', status: 'QUEUED', code: 'INVALID_TRANSITION' },
  { why: 'the same phase', from: 'GOVERNANCE_CHECK', phase: 'GOVERNANCE_CHECK', status: 'RUNNING', code: 'INVALID_TRANSITION' },
  { why: 'COMPLETED as a target', from: 'FINALIZING', phase: 'COMPLETED', status: 'SUCCEEDED', code: 'INVALID_TRANSITION' },
  { why: 'COMPLETED as a target', from: 'CREATED', phase: 'COMPLETED', status: 'SUCCEEDED', code: 'INVALID_TRANSITION' },
  { why: 'a terminal phase', from: 'FAILED', phase: 'FAILED', status: 'RETRY', code: 'IMMUTABLE' },
  { why: 'a terminal phase', from: 'FAILED', phase: 'AUTHORIZED', status: 'QUEUED', code: 'IMMUTABLE' },
  { why: 'a terminal phase', from: 'FAILED', phase: 'COMPLETED', status: 'SUCCEEDED', code: 'IMMUTABLE' },
];

describe('run phases and statuses', () => {
  let server: TestServer;
  let strict: RunCallers;
  let lax: RunCallers;
  let viewer: string;

  beforeAll(async () => {
    server = await startTestServer();
    strict = await mintRunCallers(server);
    lax = await mintRunCallers(server, 'lax');
    viewer = await server.key('viewer', 'vic');
    await prepareAgent(server, strict, agentId);
    await prepareAgent(server, lax, agentId);
    dataOf(await server.gql(lax.admin, UpdateGovernanceSettingsDocument, { phaseStatusEnforcement: false }));
  });
  afterAll(() => server.close());

  const placeRun = (callers: RunCallers, phase: ReachablePhase, traceId?: string) => runInPhase(server, callers.operator, phase, { agentId, goal, traceId });
  const transition = (key: string, id: string, phase: RunPhase, status: RunStatus) => server.gql(key, TransitionRunDocument, { id, phase, status });
  /** What a refused move must leave as it was: the run as read back (every table's row count is checked anyway). */
  const runAsRead = (callers: RunCallers, id: string) => async () => dataOf(await server.gql(callers.operator, GetRunDocument, { id })).run;

  async function expectAccepted(callers: RunCallers, from: ReachablePhase, phase: RunPhase, status: RunStatus) {
    const run = await placeRun(callers, from);
    const eventsBefore = await selectRows(server, 'outbox_events', { subject_id: run.id, type: 'run.transitioned' });
    const moved = dataOf(await transition(callers.operator, run.id, phase, status)).transitionRun;
    expect(moved).toMatchObject({ id: run.id, phase, status, version: run.version + 1 });
    expect(moved.transitions.at(-1)).toMatchObject({ fromStatus: `${run.phase}/${run.status}`, toStatus: `${phase}/${status}`, actor: 'otto' });
    expect(await selectRows(server, 'outbox_events', { subject_id: run.id, type: 'run.transitioned' })).toHaveLength(eventsBefore.length + 1);
    return moved;
  }

  describe('every allowed pair is accepted (enforcement on)', () => {
    it.each(forwardPath)('$phase / $status, moving forward one phase', async ({ phase, status }) => {
      const moved = await expectAccepted(strict, previousPhase(phase), phase, status);
      expect(moved.violations).toEqual([]);
    });

    const toFailed = nonTerminal.flatMap((from) => failedStatuses.map((status) => ({ from, status })));
    it.each(toFailed)('FAILED / $status, from $from', async ({ from, status }) => {
      const moved = await expectAccepted(strict, from, 'FAILED', status);
      expect(moved.violations).toEqual([]);
    });
  });

  describe('forbidden pairs', () => {
    it.each(forbiddenPairs)('$phase / $status is refused with enforcement on, naming $allowed, nothing written', async ({ from, phase, status, allowed }) => {
      const run = await placeRun(strict, from);
      const error = await expectRefusedWithoutWrites(server, 'INVARIANT_VIOLATION', () => transition(strict.operator, run.id, phase, status), runAsRead(strict, run.id));
      expect(error.message).toBe(`Phase ${phase} allows status ${allowed.join(' or ')}, not ${status}`);
      expect(error.extensions).toMatchObject({ phase, status, allowedStatuses: allowed });
      expect(await selectRows(server, 'violations', { run_id: run.id })).toEqual([]);
    });

    it.each(forbiddenPairs)('$phase / $status is accepted with enforcement off and recorded as a violation in the same commit', async ({ from, phase, status, allowed }) => {
      const run = await placeRun(lax, from);
      expect(run.violations).toEqual([]);
      const moved = dataOf(await transition(lax.operator, run.id, phase, status)).transitionRun;
      const message = `Phase ${phase} allows status ${allowed.join(' or ')}, not ${status}`;
      expect(moved).toMatchObject({ phase, status });
      expect(moved.violations).toEqual([
        expect.objectContaining({ kind: 'PHASE_STATUS_INVARIANT', runId: run.id, phase, status, message, details: { fromPhase: from, fromStatus: run.status, allowedStatuses: allowed } }),
      ]);
      expect(moved.transitions.at(-1)).toMatchObject({ fromStatus: `${from}/${run.status}`, toStatus: `${phase}/${status}`, reason: `accepted with enforcement off: ${message}` });

      const violationId = moved.violations[0].id;
      const [event] = await selectRows<{ xid: string; payload: { runId: string; kind: string } }>(server, 'outbox_events', { type: 'violation.recorded', subject_id: violationId });
      expect(event.payload).toMatchObject({ runId: run.id, kind: 'PHASE_STATUS_INVARIANT' });
      const runWriter = await writerTransaction(server, 'runs', run.id);
      expect(await writerTransaction(server, 'violations', violationId)).toBe(runWriter);
      expect(String(BigInt(event.xid) % 2n ** 32n)).toBe(runWriter);
    });

    it('a pair refused while enforcement is on is accepted after an admin turns it off', async () => {
      const callers = await mintRunCallers(server, 'switch');
      await prepareAgent(server, callers, agentId);
      expect(dataOf(await server.gql(callers.admin, GovernanceSettingsDocument, {})).governanceSettings.phaseStatusEnforcement).toBe(true);
      const run = await placeRun(callers, 'AUTHORIZED');
      await expectRefusedWithoutWrites(server, 'INVARIANT_VIOLATION', () => transition(callers.operator, run.id, 'EXECUTING', 'QUEUED'), runAsRead(callers, run.id));

      const settings = dataOf(await server.gql(callers.admin, UpdateGovernanceSettingsDocument, { phaseStatusEnforcement: false })).updateGovernanceSettings;
      expect(settings.phaseStatusEnforcement).toBe(false);
      const moved = dataOf(await transition(callers.operator, run.id, 'EXECUTING', 'QUEUED')).transitionRun;
      expect(moved).toMatchObject({ phase: 'EXECUTING', status: 'QUEUED' });
      expect(moved.violations.map((violation) => [violation.kind, violation.phase, violation.status])).toEqual([['PHASE_STATUS_INVARIANT', 'EXECUTING', 'QUEUED']]);
      expect(dataOf(await server.gql(strict.admin, GovernanceSettingsDocument, {})).governanceSettings.phaseStatusEnforcement).toBe(true);
    });
  });

  describe('unknown moves', () => {
    const inBothTenants = unknownMoves.flatMap((move) => [
      { ...move, enforcement: 'on' },
      { ...move, enforcement: 'off' },
    ]);
    it.each(inBothTenants)('$from → $phase / $status ($why) is $code with enforcement $enforcement, nothing written', async ({ from, phase, status, code, enforcement }) => {
      const callers = enforcement === 'on' ? strict : lax;
      const run = await placeRun(callers, from);
      await expectRefusedWithoutWrites(server, code, () => transition(callers.operator, run.id, phase, status), runAsRead(callers, run.id));
    });
  });

  describe('the trace', () => {
    it('is started on entering EXECUTING with a traceId: logs:start_trace acked with the trace as result', async () => {
      const run = await placeRun(strict, 'AUTHORIZED', 'trace-phases-1');
      expect(run.acks).toEqual([]);
      const executing = dataOf(await transition(strict.operator, run.id, 'EXECUTING', 'RUNNING')).transitionRun;
      expect(executing.acks).toEqual([expect.objectContaining({ domain: 'logs', action: 'start_trace', status: 'SUCCESS', resultId: 'trace-phases-1', error: null })]);
      expect(executing.expectations.find((expectation) => expectation.action === 'start_trace')).toMatchObject({ domain: 'logs', status: 'ACKED' });
      expect(executing.reconciliation.missing).not.toContain('logs:start_trace');
    });

    it('is not acked when the run has no traceId', async () => {
      const executing = await placeRun(strict, 'EXECUTING');
      expect(executing.acks).toEqual([]);
      expect(executing.reconciliation.missing).toContain('logs:start_trace');
      expect(await selectRows(server, 'domain_acks', { run_id: executing.id })).toEqual([]);
    });
  });

  describe('roles', () => {
    it('a viewer cannot transition a run (FORBIDDEN, nothing written)', async () => {
      const run = await placeRun(strict, 'CREATED');
      await expectRefusedWithoutWrites(server, 'FORBIDDEN', () => transition(viewer, run.id, 'AUTHORIZED', 'QUEUED'), runAsRead(strict, run.id));
    });

    it('an operator can transition a run', async () => {
      await expectAccepted(strict, 'CREATED', 'AUTHORIZED', 'QUEUED');
    });

    it.each(['viewer', 'operator'] as const)('a %s cannot change governance settings (FORBIDDEN, nothing written)', async (role) => {
      const key = role === 'viewer' ? viewer : strict.operator;
      const settings = async () => ({ settings: dataOf(await server.gql(strict.admin, GovernanceSettingsDocument, {})).governanceSettings });
      await expectRefusedWithoutWrites(server, 'FORBIDDEN', () => server.gql(key, UpdateGovernanceSettingsDocument, { phaseStatusEnforcement: false }), settings);
      expect((await settings()).settings.phaseStatusEnforcement).toBe(true);
    });
  });
});
