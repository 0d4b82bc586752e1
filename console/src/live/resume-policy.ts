// How a live feed reacts when a subscription attempt ends: wait and resume (growing waits with
// jitter, so clients spread out after a restart), resume at once, reload the view, or stop.
// Pure: no timers, no network; the randomness is passed in.
import type { ServerError } from '../graphql/refusals';

/** The server closes a connection whose API key it does not accept (or has just revoked) with 4401
 * (graphql-ws's Unauthorized); 4403 is graphql-ws's own Forbidden for a refused connection. */
export const KEY_REFUSED_CLOSE_CODES: readonly number[] = [4401, 4403];

/** Whether a closed connection says its key is refused. */
export function isKeyRefusal(closed: unknown): boolean {
  const code = (closed as { code?: unknown } | null)?.code;
  return typeof code === 'number' && KEY_REFUSED_CLOSE_CODES.includes(code);
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 5_000;

/** How long to wait before reconnecting attempt `attempt` (0-based); `random` in [0, 1). */
export function retryDelay(attempt: number, random: number): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random / 2));
}

/** What to do after an attempt ended. */
export type FailureOutcome = 'retry' | 'retry-now' | 'resume-impossible' | 'key-refused' | 'stop';

/** Classifies what ended an attempt: a closed socket, GraphQL errors, the server ending the stream (null), or anything else thrown. */
export function classifyFailure(failure: unknown): FailureOutcome {
  if (Array.isArray(failure)) {
    const codes = (failure as ServerError[]).map((error) => error.extensions?.code);
    if (codes.includes('UNAUTHENTICATED')) return 'key-refused';
    // `after` is the only argument a person does not choose: refused, it was pruned by retention.
    if (codes.includes('BAD_USER_INPUT')) return 'resume-impossible';
    // Cut off for falling behind: the feed resumes from the last event it took, at once.
    if (codes.includes('RATE_LIMITED')) return 'retry-now';
    if (codes.some((code) => code === 'FORBIDDEN' || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED')) return 'stop';
    return 'retry';
  }
  return isKeyRefusal(failure) ? 'key-refused' : 'retry';
}
