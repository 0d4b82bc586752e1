// What a live feed does when a subscription attempt ends (console/src/live/resume-policy.ts),
// table-driven: resume after a growing, jittered wait; resume at once when cut off for falling
// behind; reload when the position was pruned; sign out when the key is refused; stop otherwise.
import { describe, expect, it } from 'vitest';
import { classifyFailure, retryDelay } from '../../../console/src/live/resume-policy';

const errors = (...codes: string[]) => codes.map((code) => ({ message: code, extensions: { code } }));

describe('classifyFailure', () => {
  it.each([
    { case: 'the server restarting (going away)', failure: { code: 1001, reason: 'Going away' }, outcome: 'retry' },
    { case: 'a dropped connection (abnormal closure)', failure: { code: 1006, reason: '' }, outcome: 'retry' },
    { case: 'a silent connection terminated after a missed pong', failure: { code: 4499, reason: 'Terminated' }, outcome: 'retry' },
    { case: 'the server ending the stream (shutdown)', failure: null, outcome: 'retry' },
    { case: 'a network error before connecting', failure: new Error('connect ECONNREFUSED'), outcome: 'retry' },
    { case: 'the connection refused for its key (4401 Unauthorized)', failure: { code: 4401, reason: 'Unauthorized: a valid API key is required' }, outcome: 'key-refused' },
    { case: 'the connection closed as the key was revoked', failure: { code: 4401, reason: 'Unauthorized: the API key was revoked' }, outcome: 'key-refused' },
    { case: "graphql-ws's own Forbidden (4403)", failure: { code: 4403, reason: 'Forbidden' }, outcome: 'key-refused' },
    { case: 'UNAUTHENTICATED (a revoked key)', failure: errors('UNAUTHENTICATED'), outcome: 'key-refused' },
    { case: 'BAD_USER_INPUT (the position was pruned)', failure: errors('BAD_USER_INPUT'), outcome: 'resume-impossible' },
    { case: 'RATE_LIMITED (cut off for falling behind)', failure: errors('RATE_LIMITED'), outcome: 'retry-now' },
    { case: 'UNAVAILABLE (the server cannot serve now)', failure: errors('UNAVAILABLE'), outcome: 'retry' },
    { case: 'INTERNAL', failure: errors('INTERNAL'), outcome: 'retry' },
    { case: 'FORBIDDEN', failure: errors('FORBIDDEN'), outcome: 'stop' },
    { case: 'a document the server does not accept', failure: errors('GRAPHQL_VALIDATION_FAILED'), outcome: 'stop' },
  ])('$case → $outcome', ({ failure, outcome }) => {
    expect(classifyFailure(failure)).toBe(outcome);
  });
});

describe('retryDelay', () => {
  // [attempt, shortest wait, longest wait]: doubling from 0.5 s, at most 5 s, jittered down to half.
  it.each([
    [0, 250, 500],
    [1, 500, 1000],
    [2, 1000, 2000],
    [3, 2000, 4000],
    [4, 2500, 5000],
    [20, 2500, 5000],
  ])('waits before attempt %i between %i and %i ms', (attempt, shortest, longest) => {
    expect(retryDelay(attempt, 0)).toBe(shortest);
    expect(retryDelay(attempt, 0.999999)).toBe(longest);
  });
});
