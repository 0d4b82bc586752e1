// Unit tests of what completing a run means (DOMAIN.md §4): each final status's phase, every
// non-final status refused, terminal runs immutable, every broken rule reported, and the decision.
import { describe, expect, it } from 'vitest';
import { decideCompletion, finalPhaseOf } from '../../src/runtime/engines/run-completion.js';
import { RunPhases, RunStatuses, type RunPhase, type RunStatus } from '../../src/runtime/engines/run-states.js';
import { codeThrownBy, reasonsThrownBy } from '../support/engine-errors.js';

/** The final phase of each status as DOMAIN.md §3/§4 state it (null: not a final status). */
const finalPhases: Record<RunStatus, RunPhase | null> = {
  QUEUED: null,
  RUNNING: null,
  SUCCEEDED: 'COMPLETED',
  FAILED: 'FAILED',
  FAILED_POLICY: 'FAILED',
  CANCELLED: 'FAILED',
  RETRY: 'FAILED',
};
const openPhases = RunPhases.filter((phase) => phase !== 'COMPLETED' && phase !== 'FAILED');

describe('finalPhaseOf', () => {
  it.each(RunStatuses.map((status) => ({ status, phase: finalPhases[status] })))('puts $status in $phase', ({ status, phase }) => {
    expect(finalPhaseOf(status)).toBe(phase);
  });
});

describe('decideCompletion', () => {
  const everyOpenCompletion = openPhases.flatMap((phase) => RunStatuses.map((status) => ({ phase, status, expected: finalPhases[status] ? 'none' : 'BAD_USER_INPUT' })));

  it.each(everyOpenCompletion)('completing a $phase run as $status: $expected', ({ phase, status, expected }) => {
    expect(codeThrownBy(() => decideCompletion(phase, { status }))).toBe(expected);
  });

  it.each((['COMPLETED', 'FAILED'] as const).flatMap((phase) => RunStatuses.map((status) => ({ phase, status }))))('a $phase run is IMMUTABLE, even for $status', ({ phase, status }) => {
    expect(codeThrownBy(() => decideCompletion(phase, { status, costCents: -1 }))).toBe('IMMUTABLE');
  });

  it('decides the phase, status, defaults and a searchable outcome', () => {
    expect(decideCompletion('FINALIZING', { status: 'SUCCEEDED' })).toEqual({ phase: 'COMPLETED', status: 'SUCCEEDED', costCents: 0, policiesChecked: 0, outcome: 'succeeded' });
    expect(decideCompletion('EXECUTING', { status: 'FAILED_POLICY', errorCode: 'PII', errorMessage: 'leaked an email', costCents: 12, policiesChecked: 3 })).toEqual({
      phase: 'FAILED',
      status: 'FAILED_POLICY',
      costCents: 12,
      policiesChecked: 3,
      outcome: 'failed_policy PII: leaked an email',
    });
    expect(decideCompletion('CREATED', { status: 'CANCELLED', errorMessage: 'operator stopped it' }).outcome).toBe('cancelled operator stopped it');
  });

  it('accepts the bounds of every field', () => {
    const input = { status: 'FAILED', costCents: 0, policiesChecked: 0, errorCode: 'E'.repeat(200), errorMessage: 'm'.repeat(4000) } as const;
    expect(codeThrownBy(() => decideCompletion('FINALIZING', input))).toBe('none');
  });

  it('reports every broken rule at once', () => {
    const reasons = reasonsThrownBy(() =>
      decideCompletion('FINALIZING', { status: 'RUNNING', costCents: 1.5, policiesChecked: -1, errorCode: 'E'.repeat(201), errorMessage: 'm'.repeat(4001) }),
    );
    expect(reasons).toHaveLength(5);
    expect(reasons[0]).toContain('not RUNNING');
  });

  it.each([
    { field: 'costCents', input: { costCents: -1 } },
    { field: 'costCents', input: { costCents: 2.5 } },
    { field: 'policiesChecked', input: { policiesChecked: -3 } },
    { field: 'errorCode', input: { errorCode: '   ' } },
    { field: 'errorMessage', input: { errorMessage: 'x'.repeat(4001) } },
  ])('refuses a bad $field alone', ({ field, input }) => {
    expect(reasonsThrownBy(() => decideCompletion('FINALIZING', { status: 'SUCCEEDED', ...input }))).toEqual([expect.stringContaining(field)]);
  });
});
