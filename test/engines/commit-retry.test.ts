// Unit tests of the retry decision (failure kind × commit phase × attempt → what to do) and of the
// backoff with full jitter (the random draw is passed in), and of how thrown database errors are classified.
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, decideOnFailure, defaultRetrySettings, type CommitPhase, type FailureDecision, type FailureKind } from '../../src/runtime/engines/commit-retry.js';
import { failureKindOf } from '../../src/runtime/database-failures.js';

const MAX = 3;

/** The table, written out: kind × phase × keyed → decision on an early attempt, and on the last one. */
const table: { kind: FailureKind; phase: CommitPhase; keyed: boolean; early: FailureDecision; last: FailureDecision }[] = [
  ...[false, true].flatMap((keyed) => [
    { kind: 'serialization' as const, phase: 'beforeCommit' as const, keyed, early: 'retry' as const, last: 'fail' as const },
    { kind: 'serialization' as const, phase: 'commitSent' as const, keyed, early: 'retry' as const, last: 'fail' as const },
    { kind: 'deadlock' as const, phase: 'beforeCommit' as const, keyed, early: 'retry' as const, last: 'fail' as const },
    { kind: 'deadlock' as const, phase: 'commitSent' as const, keyed, early: 'retry' as const, last: 'fail' as const },
    { kind: 'connection' as const, phase: 'beforeCommit' as const, keyed, early: 'retry' as const, last: 'unavailable' as const },
    { kind: 'other' as const, phase: 'beforeCommit' as const, keyed, early: 'fail' as const, last: 'fail' as const },
    { kind: 'other' as const, phase: 'commitSent' as const, keyed, early: 'fail' as const, last: 'fail' as const },
  ]),
  { kind: 'connection', phase: 'commitSent', keyed: false, early: 'outcomeUnknown', last: 'outcomeUnknown' },
  { kind: 'connection', phase: 'commitSent', keyed: true, early: 'retry', last: 'outcomeUnknown' },
];

const failed = (kind: FailureKind, phase: CommitPhase, attempt: number, maxAttempts: number, keyed = false, earlierOutcomeUnknown = false) =>
  decideOnFailure({ kind, phase, attempt, maxAttempts, keyed, earlierOutcomeUnknown });

describe('the retry decision', () => {
  it.each(table)('$kind in $phase (keyed: $keyed): $early on attempt 1, $last on the last attempt', ({ kind, phase, keyed, early, last }) => {
    expect(failed(kind, phase, 1, MAX, keyed)).toBe(early);
    expect(failed(kind, phase, MAX - 1, MAX, keyed)).toBe(early);
    expect(failed(kind, phase, MAX, MAX, keyed)).toBe(last);
  });

  it('never retries with maxAttempts 1', () => {
    const kinds: FailureKind[] = ['serialization', 'deadlock', 'connection', 'other'];
    expect(kinds.map((kind) => failed(kind, 'beforeCommit', 1, 1, true))).toEqual(['fail', 'fail', 'unavailable', 'fail']);
  });

  it('never runs an unkeyed command again after a connection lost with COMMIT sent, whatever the attempt', () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) expect(failed('connection', 'commitSent', attempt, 5)).toBe('outcomeUnknown');
  });

  it('keeps an unknown outcome unknown: a keyed rerun that then finds no database does not claim nothing was committed', () => {
    expect(failed('connection', 'beforeCommit', 2, MAX, true, true)).toBe('retry');
    expect(failed('connection', 'beforeCommit', MAX, MAX, true, true)).toBe('outcomeUnknown');
    expect(failed('other', 'beforeCommit', MAX, MAX, true, true)).toBe('fail');
  });
});

describe('the backoff', () => {
  const settings = { baseDelayMs: 50, maxDelayMs: 1000 };

  it.each([
    { retry: 1, random: 0, delay: 0 },
    { retry: 1, random: 0.5, delay: 25 },
    { retry: 1, random: 0.999999, delay: 49 },
    { retry: 2, random: 0.5, delay: 50 },
    { retry: 3, random: 0.5, delay: 100 },
    { retry: 5, random: 0.5, delay: 400 },
    { retry: 6, random: 0.5, delay: 500 },
    { retry: 7, random: 0.5, delay: 500 },
    { retry: 30, random: 0.999999, delay: 999 },
  ])('retry $retry with a draw of $random waits $delay ms', ({ retry, random, delay }) => {
    expect(backoffDelayMs(retry, settings, () => random)).toBe(delay);
  });

  it('draws once per wait, within [0, cap)', () => {
    const draws: number[] = [];
    const random = () => {
      draws.push(draws.length);
      return 0.75;
    };
    expect([1, 2, 3].map((retry) => backoffDelayMs(retry, settings, random))).toEqual([37, 75, 150]);
    expect(draws).toHaveLength(3);
  });

  it('has bounded defaults', () => {
    expect(defaultRetrySettings.maxAttempts).toBeGreaterThan(1);
    expect(defaultRetrySettings.maxDelayMs).toBeGreaterThanOrEqual(defaultRetrySettings.baseDelayMs);
  });
});

describe('classifying thrown database errors', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it.each([
    { name: 'a serialization failure', thrown: withCode('40001'), kind: 'serialization' },
    { name: 'a wrapped deadlock (TypeORM QueryFailedError)', thrown: Object.assign(new Error('deadlock detected'), { driverError: { code: '40P01' } }), kind: 'deadlock' },
    { name: 'a refused connection', thrown: withCode('ECONNREFUSED'), kind: 'connection' },
    { name: 'every address refused (AggregateError)', thrown: new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), kind: 'connection' },
    { name: 'an administrator shutdown', thrown: withCode('57P01', 'terminating connection due to administrator command'), kind: 'connection' },
    { name: 'a database starting up', thrown: withCode('57P03', 'the database system is starting up'), kind: 'connection' },
    { name: 'a connection exception (class 08)', thrown: withCode('08006'), kind: 'connection' },
    { name: 'a connection that ended', thrown: new Error('Connection terminated unexpectedly'), kind: 'connection' },
    { name: 'a client no longer queryable', thrown: new Error('Client has encountered a connection error and is not queryable'), kind: 'connection' },
    { name: 'a trigger raising', thrown: withCode('P0001', 'Connection terminated by a trigger'), kind: 'other' },
    { name: 'a unique violation', thrown: withCode('23505'), kind: 'other' },
    { name: 'a plain error', thrown: new Error('boom'), kind: 'other' },
    { name: 'a non-error', thrown: 'string', kind: 'other' },
    { name: 'null', thrown: null, kind: 'other' },
  ])('$name is $kind', ({ thrown, kind }) => {
    expect(failureKindOf(thrown)).toBe(kind);
  });
});
