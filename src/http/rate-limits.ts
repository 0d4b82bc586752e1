// Rate limits per API key and per tenant, kept by each instance in memory (README "Rate limits"):
// operations per window (rate-limiter-flexible's fixed windows) on every transport, and
// subscriptions running at once. A refusal is RATE_LIMITED with `retryAfter` (seconds), so one
// tenant's automation cannot starve another's. Checked after authentication, with no database call.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { GovernanceError } from '../runtime/errors.js';
import type { Principal } from '../runtime/request-context.js';

/** The limits (0: that limit is off). */
export interface RateLimits {
  /** The window operations are counted in, in seconds. */
  windowSeconds: number;
  operationsPerKey: number;
  operationsPerTenant: number;
  subscriptionsPerKey: number;
  subscriptionsPerTenant: number;
}

/** Which limit refused (`extensions.limit`, and the label of the refusals metric); the last is a
 * graphql-ws connection's own (WS_MAX_SUBSCRIPTIONS). */
export type RateLimitName = 'operationsPerKey' | 'operationsPerTenant' | 'subscriptionsPerKey' | 'subscriptionsPerTenant' | 'maxOperationsPerConnection';

/** A refusal: RATE_LIMITED with the limit and when to retry (whole seconds, at least 1). */
export class RateLimitedError extends GovernanceError {
  readonly retryAfter: number;

  constructor(limit: RateLimitName, allowed: number, retryAfter: number, message: string) {
    super('RATE_LIMITED', message, { limit, allowed, retryAfter });
    this.retryAfter = retryAfter;
  }
}

/** Frees a subscription's place; calling it again does nothing. */
export type Release = () => void;

/** The limiter of one instance. */
export interface RateLimiter {
  /** Counts one operation of the principal; throws {@link RateLimitedError} over its key's or tenant's limit. */
  admitOperation(principal: Principal): Promise<void>;
  /** Takes a place for one subscription; throws {@link RateLimitedError} when its key or tenant has none left. */
  holdSubscription(principal: Principal): Release;
}

/** Makes the limiter; `onRefusal` counts each refusal (metrics). */
export function makeRateLimiter(limits: RateLimits, onRefusal: (limit: RateLimitName) => void = () => {}): RateLimiter {
  const windows = [
    { name: 'operationsPerKey', allowed: limits.operationsPerKey, keyOf: (principal: Principal) => principal.apiKeyId },
    { name: 'operationsPerTenant', allowed: limits.operationsPerTenant, keyOf: (principal: Principal) => principal.tenantId },
  ] as const;
  const counters = windows
    .filter((window) => window.allowed > 0)
    .map((window) => ({ ...window, limiter: new RateLimiterMemory({ keyPrefix: window.name, points: window.allowed, duration: limits.windowSeconds }) }));
  const byKey = new RunningCounts('subscriptionsPerKey', limits.subscriptionsPerKey);
  const byTenant = new RunningCounts('subscriptionsPerTenant', limits.subscriptionsPerTenant);
  const refuse = (error: RateLimitedError): never => {
    onRefusal(error.extensions.limit as RateLimitName);
    throw error;
  };
  return {
    admitOperation: async (principal) => {
      // The key's window first: a key over its own limit does not use up its tenant's.
      for (const { name, allowed, keyOf, limiter } of counters) {
        try {
          await limiter.consume(keyOf(principal));
        } catch (thrown) {
          if (!(thrown instanceof RateLimiterRes)) throw thrown;
          const per = name === 'operationsPerKey' ? 'API key' : 'tenant';
          refuse(new RateLimitedError(name, allowed, Math.max(1, Math.ceil(thrown.msBeforeNext / 1000)), `Rate limited: this ${per} may run ${allowed} operations per ${limits.windowSeconds} s`));
        }
      }
    },
    holdSubscription: (principal) => {
      const key = byKey.take(principal.apiKeyId) ?? refuse(byKey.refusal('API key'));
      const tenant = byTenant.take(principal.tenantId);
      if (!tenant) {
        key();
        return refuse(byTenant.refusal('tenant'));
      }
      return () => {
        key();
        tenant();
      };
    },
  };
}

/** Places held per owner (a key or a tenant), up to `allowed` each (0: unlimited). */
class RunningCounts {
  private readonly held = new Map<string, number>();

  constructor(
    private readonly name: RateLimitName,
    private readonly allowed: number,
  ) {}

  /** Takes a place for `owner`; its release, or null when it has none left. */
  take(owner: string): Release | null {
    const count = this.held.get(owner) ?? 0;
    if (this.allowed > 0 && count >= this.allowed) return null;
    this.held.set(owner, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(owner) ?? 1) - 1;
      if (left === 0) this.held.delete(owner);
      else this.held.set(owner, left);
    };
  }

  /** The refusal when an owner has no place left: retry once one of its subscriptions has ended. */
  refusal(owner: string): RateLimitedError {
    return new RateLimitedError(this.name, this.allowed, 1, `Rate limited: this ${owner} may run ${this.allowed} subscriptions at once`);
  }
}
