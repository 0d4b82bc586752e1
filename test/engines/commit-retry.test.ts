// Unit tests of the retry decision (failure kind × commit phase × attempt → what to do) and of the
// backoff with full jitter (the random draw is passed in), and of how thrown database errors are classified.
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, decideOnFailure, defaultRetrySettings, type CommitPhase, type FailureDecision, type FailureKind } from '../../src/runtime/engines/commit-retry.js';
import { failureKindOf } from '../../src/runtime/database-failures.js';

const MAX = 3;

/** The table, written out: kind × phase → decision on an early attempt, and on the last one. */
const table: { kind: FailureKind; phase: CommitPhase; early: FailureDecision; last: FailureDecision }[] = [
  { kind: 'serialization', phase: 'beforeCommit', early: 'retry', last: 'fail' },
  { kind: 'serialization', phase: 'commitSent', early: 'retry', last: 'fail' },
  { kind: 'deadlock', phase: 'beforeCommit', early: 'retry', last: 'fail' },
  { kind: 'deadlock', phase: 'commitSent', early: 'retry', last: 'fail' },
  { kind: 'connection', phase: 'beforeCommit', early: 'retry', last: 'unavailable' },
  { kind: 'connection', phase: 'commitSent', early: 'outcomeUnknown', last: 'outcomeUnknown' },
  { kind: 'other', phase: 'beforeCommit', early: 'fail', last: 'fail' },
  { kind: 'other', phase: 'commitSent', early: 'fail', last: 'fail' },
];

describe('the retry decision', () => {
  it.each(table)('$kind in $phase: $early on attempt 1, $last on the last attempt', ({ kind, phase, early, last }) => {
    expect(decideOnFailure(kind, phase, 1, MAX)).toBe(early);
    expect(decideOnFailure(kind, phase, MAX - 1, MAX)).toBe(early);
    expect(decideOnFailure(kind, phase, MAX, MAX)).toBe(last);
  });

  it('never retries with maxAttempts 1', () => {
    const kinds: FailureKind[] = ['serialization', 'deadlock', 'connection', 'other'];
    const decisions = kinds.map((kind) => decideOnFailure(kind, 'beforeCommit', 1, 1));
    expect(decisions).toEqual(['fail', 'fail', 'unavailable', 'fail']);
  });

  it('never retries a connection lost after COMMIT was sent, whatever the attempt', () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) expect(decideOnFailure('connection', 'commitSent', attempt, 5)).toBe('outcomeUnknown');
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
