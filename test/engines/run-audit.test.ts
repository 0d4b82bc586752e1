// Unit tests of a run's runtime audit contract (DOMAIN.md §3): the four expectations and their
// deadlines, the shape of a reported ack, and reconciliation — missing, drift, failed, and
// COMPLETE / STALE / INCOMPLETE.
import { describe, expect, it } from 'vitest';
import {
  checkAckReport,
  declareExpectations,
  DEFAULT_RUN_TIMEOUT_SECONDS,
  FINALIZE_GRACE_SECONDS,
  reconcile,
  type AckFact,
  type AckReport,
  type ExpectationFact,
} from '../../src/runtime/engines/run-audit.js';
import { reasonsThrownBy } from '../support/engine-errors.js';

const createdAt = new Date('2026-01-01T00:00:00Z');
const secondsAfterCreation = (seconds: number) => new Date(createdAt.getTime() + seconds * 1000);
const finalizeDeadline = secondsAfterCreation(DEFAULT_RUN_TIMEOUT_SECONDS + FINALIZE_GRACE_SECONDS);

const allFour = ['incidents:create_incident', 'logs:start_trace', 'orchestrator:finalize_run', 'policies:evaluate_policy'];

function expectations(): ExpectationFact[] {
  return declareExpectations(createdAt, DEFAULT_RUN_TIMEOUT_SECONDS).map((declared) => ({ ...declared, status: 'PENDING' }));
}

function ack(key: string, status: AckFact['status'] = 'SUCCESS'): AckFact {
  const [domain, action] = key.split(':');
  return { domain, action, status };
}

const beforeAnyDeadline = secondsAfterCreation(10);

describe('declared expectations', () => {
  it('uses a 300 s run timeout and a 60 s grace by default', () => {
    expect([DEFAULT_RUN_TIMEOUT_SECONDS, FINALIZE_GRACE_SECONDS]).toEqual([300, 60]);
  });

  it('declares the four expectations, due at the timeout, finalize_run at timeout + grace', () => {
    expect(declareExpectations(createdAt, 120)).toEqual([
      { domain: 'incidents', action: 'create_incident', deadline: secondsAfterCreation(120) },
      { domain: 'policies', action: 'evaluate_policy', deadline: secondsAfterCreation(120) },
      { domain: 'logs', action: 'start_trace', deadline: secondsAfterCreation(120) },
      { domain: 'orchestrator', action: 'finalize_run', deadline: secondsAfterCreation(180) },
    ]);
  });
});

describe('reconciliation', () => {
  it('lists all four as missing for a fresh run: INCOMPLETE', () => {
    expect(reconcile(expectations(), [], beforeAnyDeadline)).toEqual({
      status: 'INCOMPLETE',
      missing: allFour,
      drift: [],
      failed: [],
      staleRun: false,
      isClean: false,
      expectationsCount: 4,
      acksCount: 0,
    });
  });

  it('is COMPLETE when every expectation is acked with success and nothing else was', () => {
    expect(reconcile(expectations(), allFour.map((key) => ack(key)), finalizeDeadline)).toEqual({
      status: 'COMPLETE',
      missing: [],
      drift: [],
      failed: [],
      staleRun: false,
      isClean: true,
      expectationsCount: 4,
      acksCount: 4,
    });
  });

  it('reports an ack nobody expected as drift', () => {
    const result = reconcile(expectations(), [...allFour.map((key) => ack(key)), ack('billing:charge')], beforeAnyDeadline);
    expect(result).toMatchObject({ status: 'INCOMPLETE', missing: [], drift: ['billing:charge'], failed: [], isClean: false, acksCount: 5 });
  });

  it('reports an expectation acked with FAILED as failed (and not missing), once however often', () => {
    const acks = [...allFour.map((key) => ack(key, key === 'policies:evaluate_policy' ? 'FAILED' : 'SUCCESS')), ack('policies:evaluate_policy', 'FAILED')];
    expect(reconcile(expectations(), acks, beforeAnyDeadline)).toMatchObject({ status: 'INCOMPLETE', missing: [], failed: ['policies:evaluate_policy'], isClean: false });
  });

  it('does not count ROLLED_BACK acks: the action is missing again', () => {
    const acks = allFour.map((key) => ack(key, key === 'logs:start_trace' ? 'ROLLED_BACK' : 'SUCCESS'));
    expect(reconcile(expectations(), acks, beforeAnyDeadline)).toMatchObject({ status: 'INCOMPLETE', missing: ['logs:start_trace'], drift: [], acksCount: 4 });
  });

  it('does not report a rolled-back unexpected ack as drift', () => {
    const acks = [...allFour.map((key) => ack(key)), ack('billing:charge', 'ROLLED_BACK')];
    expect(reconcile(expectations(), acks, beforeAnyDeadline)).toMatchObject({ status: 'COMPLETE', drift: [], isClean: true });
  });

  it('is STALE from the finalize_run deadline on while finalize_run is unacked', () => {
    const justBefore = new Date(finalizeDeadline.getTime() - 1);
    expect(reconcile(expectations(), [], justBefore)).toMatchObject({ status: 'INCOMPLETE', staleRun: false });
    expect(reconcile(expectations(), [], finalizeDeadline)).toMatchObject({ status: 'STALE', staleRun: true, missing: allFour });
  });

  it('is not STALE past the deadline when finalize_run was acked, even if other actions are missing', () => {
    expect(reconcile(expectations(), [ack('orchestrator:finalize_run')], secondsAfterCreation(10_000))).toMatchObject({ status: 'INCOMPLETE', staleRun: false });
  });

  it('is STALE again when the finalize_run ack was rolled back', () => {
    expect(reconcile(expectations(), [ack('orchestrator:finalize_run', 'ROLLED_BACK')], finalizeDeadline)).toMatchObject({ status: 'STALE', staleRun: true });
  });

  it('is not STALE past the other deadlines when only they have passed', () => {
    expect(reconcile(expectations(), [], secondsAfterCreation(DEFAULT_RUN_TIMEOUT_SECONDS))).toMatchObject({ status: 'INCOMPLETE', staleRun: false });
  });

  it('is never STALE for a run without a finalize_run expectation', () => {
    const withoutLiveness = expectations().filter((expectation) => expectation.action !== 'finalize_run');
    expect(reconcile(withoutLiveness, [], secondsAfterCreation(10_000))).toMatchObject({ status: 'INCOMPLETE', staleRun: false, expectationsCount: 3 });
  });
});

describe('a reported ack', () => {
  it('is kept as reported, absent fields null', () => {
    expect(checkAckReport({ domain: 'incidents', action: 'create_incident', status: 'SUCCESS', resultId: 'inc_1' })).toEqual({ domain: 'incidents', action: 'create_incident', status: 'SUCCESS', resultId: 'inc_1', error: null });
    expect(checkAckReport({ domain: 'billing.v2', action: 'charge-card', status: 'FAILED', error: 'card declined' })).toEqual({ domain: 'billing.v2', action: 'charge-card', status: 'FAILED', resultId: null, error: 'card declined' });
  });

  it.each<{ why: string; report: AckReport; reason: string }>([
    { why: 'a blank domain', report: { domain: ' ', action: 'a', status: 'SUCCESS' }, reason: 'domain must be 1..100 letters, digits, "_", "." or "-"' },
    { why: 'an action with spaces', report: { domain: 'd', action: 'do it', status: 'SUCCESS' }, reason: 'action must be 1..100 letters, digits, "_", "." or "-"' },
    { why: 'ROLLED_BACK, which only an undone completion writes', report: { domain: 'd', action: 'a', status: 'ROLLED_BACK' as 'SUCCESS' }, reason: 'status must be SUCCESS or FAILED' },
    { why: 'a blank result id', report: { domain: 'd', action: 'a', status: 'SUCCESS', resultId: '' }, reason: 'resultId must be 1..200 characters and not blank' },
    { why: 'a FAILED ack without an error', report: { domain: 'd', action: 'a', status: 'FAILED' }, reason: 'a FAILED ack must say its error' },
    { why: 'a FAILED ack with a blank error', report: { domain: 'd', action: 'a', status: 'FAILED', error: '  ' }, reason: 'a FAILED ack must say its error' },
    { why: 'a SUCCESS ack with an error', report: { domain: 'd', action: 'a', status: 'SUCCESS', error: 'oops' }, reason: 'only a FAILED ack has an error' },
    { why: 'an error over 4000 characters', report: { domain: 'd', action: 'a', status: 'FAILED', error: 'x'.repeat(4001) }, reason: 'error must be at most 4000 characters' },
  ])('refuses $why', ({ report, reason }) => {
    expect(reasonsThrownBy(() => checkAckReport(report))).toEqual([reason]);
  });
});
