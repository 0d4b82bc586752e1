// A live connection lasts no longer than the API key it authenticated with: when the key expires (at
// the runtime's clock) its graphql-ws socket is closed and its SSE streams end, as a revoked key's do.
// Node's timers wait at most about 24.8 days, so a longer lifetime is waited out in steps.
import type { GovernanceRuntime } from '../runtime/governance-runtime.js';
import type { Principal } from '../runtime/request-context.js';

const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Calls `expire` once when the principal's key expires (never for a key without expiry); returns how to cancel. */
export function whenKeyExpires(runtime: GovernanceRuntime, principal: Principal, expire: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const left = runtime.keyLifetimeLeftMs(principal);
    if (left === null) return;
    if (left <= 0) return expire();
    timer = setTimeout(arm, Math.min(left, LONGEST_TIMER_MS)).unref();
  };
  arm();
  return () => clearTimeout(timer);
}
