// Engine: whether a failed unit of work may run again, and how long to wait first — a pure decision
// over the kind of failure and how far the transaction got (was COMMIT sent?), and a backoff with
// full jitter whose randomness is passed in.

/** What went wrong, as far as retrying cares. */
export type FailureKind = 'serialization' | 'deadlock' | 'connection' | 'other';

/** How far the transaction got: COMMIT not yet sent, or sent (its outcome then rests with the server). */
export type CommitPhase = 'beforeCommit' | 'commitSent';

/**
 * What to do about a failure:
 * - `retry`: the server rolled the transaction back (or never saw COMMIT): run it again;
 * - `unavailable`: the database cannot be reached, and nothing was committed;
 * - `outcomeUnknown`: the connection died after COMMIT was sent: it may have committed, so never run it again blindly;
 * - `fail`: not a transient failure: rethrow it as it is.
 */
export type FailureDecision = 'retry' | 'unavailable' | 'outcomeUnknown' | 'fail';

/** How often and how patiently a unit of work retries. */
export interface RetrySettings {
  /** Attempts in all, the first included (1 = never retry). */
  maxAttempts: number;
  /** The cap of the first retry's wait; each later retry doubles it. */
  baseDelayMs: number;
  /** The most any wait may be. */
  maxDelayMs: number;
}

/** The defaults (README "Database outages"). */
export const defaultRetrySettings: RetrySettings = { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 2_000 };

const TRANSIENT: ReadonlySet<FailureKind> = new Set(['serialization', 'deadlock', 'connection']);

/** The decision for a failure of `kind` in `phase` on attempt `attempt` (1-based) of `maxAttempts`. */
export function decideOnFailure(kind: FailureKind, phase: CommitPhase, attempt: number, maxAttempts: number): FailureDecision {
  if (kind === 'other') return 'fail';
  // The server answered a serialization failure or deadlock itself: the transaction was rolled back, even at COMMIT.
  if (kind === 'connection' && phase === 'commitSent') return 'outcomeUnknown';
  if (TRANSIENT.has(kind) && attempt < maxAttempts) return 'retry';
  return kind === 'connection' ? 'unavailable' : 'fail';
}

/**
 * The wait before retry number `retry` (1-based): exponential backoff with full jitter, a uniform
 * draw in [0, min(maxDelayMs, baseDelayMs × 2^(retry−1))). `random` returns a number in [0, 1).
 */
export function backoffDelayMs(retry: number, settings: Pick<RetrySettings, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
