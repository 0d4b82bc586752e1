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
 * - `outcomeUnknown`: the connection died after COMMIT was sent: it may have committed, so it is never run again
 *   blindly (only a keyed command is, since its idempotency record answers for the first commit);
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

/** What the decision looks at. */
export interface FailedAttempt {
  kind: FailureKind;
  phase: CommitPhase;
  /** This attempt, 1-based. */
  attempt: number;
  maxAttempts: number;
  /** The transaction claimed an idempotency key: a rerun's claim finds the record a commit left and replays it. */
  keyed: boolean;
  /** An earlier attempt lost its connection after COMMIT was sent (it may have committed). */
  earlierOutcomeUnknown: boolean;
}

/** The decision for a failed attempt. */
export function decideOnFailure({ kind, phase, attempt, maxAttempts, keyed, earlierOutcomeUnknown }: FailedAttempt): FailureDecision {
  if (kind === 'other') return 'fail';
  const attemptsLeft = attempt < maxAttempts;
  // The server answered a serialization failure or deadlock itself: the transaction was rolled back, even at COMMIT.
  if (kind !== 'connection') return attemptsLeft ? 'retry' : 'fail';
  // After COMMIT was sent only a keyed command runs again: its idempotency record tells whether the first commit took.
  if (phase === 'commitSent') return keyed && attemptsLeft ? 'retry' : 'outcomeUnknown';
  if (attemptsLeft) return 'retry';
  return earlierOutcomeUnknown ? 'outcomeUnknown' : 'unavailable';
}

/**
 * The wait before retry number `retry` (1-based): exponential backoff with full jitter, a uniform
 * draw in [0, min(maxDelayMs, baseDelayMs × 2^(retry−1))). `random` returns a number in [0, 1).
 */
export function backoffDelayMs(retry: number, settings: Pick<RetrySettings, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
