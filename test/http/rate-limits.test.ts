// The rate limiter alone: which limit refuses which principal, a limit of 0 is off, a key refused by
// its own limit does not use up its tenant's, refusals are counted, and a subscription's place is
// freed once however often it is released. Windows are an hour long, so nothing depends on timing.
import { describe, expect, it } from 'vitest';
import { makeRateLimiter, RateLimitedError, type RateLimitName, type RateLimits } from '../../src/http/rate-limits.js';
import type { Principal } from '../../src/runtime/request-context.js';

const HOUR = 3600;
const OFF: RateLimits = { windowSeconds: HOUR, operationsPerKey: 0, operationsPerTenant: 0, subscriptionsPerKey: 0, subscriptionsPerTenant: 0 };

function principal(apiKeyId: string, tenantId: string): Principal {
  return { apiKeyId, tenantId, name: apiKeyId, role: 'viewer', keyExpiresAt: null };
}

/** The limit that refused, or 'admitted'. */
async function operation(limiter: ReturnType<typeof makeRateLimiter>, who: Principal): Promise<RateLimitName | 'admitted'> {
  try {
    await limiter.admitOperation(who);
    return 'admitted';
  } catch (error) {
    if (error instanceof RateLimitedError) return error.extensions.limit as RateLimitName;
    throw error;
  }
}

function subscription(limiter: ReturnType<typeof makeRateLimiter>, who: Principal): RateLimitName | (() => void) {
  try {
    return limiter.holdSubscription(who);
  } catch (error) {
    if (error instanceof RateLimitedError) return error.extensions.limit as RateLimitName;
    throw error;
  }
}

const a1 = principal('key-a1', 'tenant-a');
const a2 = principal('key-a2', 'tenant-a');
const a3 = principal('key-a3', 'tenant-a');
const a4 = principal('key-a4', 'tenant-a');
const b1 = principal('key-b1', 'tenant-b');

describe('operations per window', () => {
  it.each([
    { name: 'all off', limits: {}, sequence: [a1, a1, a1, a1], expected: ['admitted', 'admitted', 'admitted', 'admitted'] },
    { name: 'per key', limits: { operationsPerKey: 2 }, sequence: [a1, a1, a1, a2, b1], expected: ['admitted', 'admitted', 'operationsPerKey', 'admitted', 'admitted'] },
    { name: 'per tenant', limits: { operationsPerTenant: 2 }, sequence: [a1, a2, a2, b1, b1], expected: ['admitted', 'admitted', 'operationsPerTenant', 'admitted', 'admitted'] },
    { name: 'a key refused by its own limit leaves its tenant’s', limits: { operationsPerKey: 1, operationsPerTenant: 3 }, sequence: [a1, a1, a1, a2, a3, a4], expected: ['admitted', 'operationsPerKey', 'operationsPerKey', 'admitted', 'admitted', 'operationsPerTenant'] },
  ] as const)('$name', async ({ limits, sequence, expected }) => {
    const refusals: RateLimitName[] = [];
    const limiter = makeRateLimiter({ ...OFF, ...limits }, (limit) => refusals.push(limit));
    const outcomes = [];
    for (const who of sequence) outcomes.push(await operation(limiter, who));
    expect(outcomes).toEqual(expected);
    expect(refusals).toEqual(expected.filter((outcome) => outcome !== 'admitted'));
  });

  it('tells when to retry, in whole seconds within the window', async () => {
    const limiter = makeRateLimiter({ ...OFF, operationsPerKey: 1 });
    await limiter.admitOperation(a1);
    const refusal = await limiter.admitOperation(a1).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RateLimitedError);
    expect((refusal as RateLimitedError).extensions).toEqual({ code: 'RATE_LIMITED', limit: 'operationsPerKey', allowed: 1, retryAfter: expect.toSatisfy((seconds: number) => Number.isInteger(seconds) && seconds >= 1 && seconds <= HOUR) });
  });
});

describe('subscriptions at once', () => {
  it('refuses over the key and tenant limits, and frees a place once however often it is released', () => {
    const limiter = makeRateLimiter({ ...OFF, subscriptionsPerKey: 1, subscriptionsPerTenant: 2 });
    const first = subscription(limiter, a1);
    expect(typeof first).toBe('function');
    expect(subscription(limiter, a1)).toBe('subscriptionsPerKey');
    expect(typeof subscription(limiter, a2)).toBe('function');
    expect(subscription(limiter, a3)).toBe('subscriptionsPerTenant');
    expect(typeof subscription(limiter, b1)).toBe('function');

    (first as () => void)();
    (first as () => void)();
    expect(typeof subscription(limiter, a3)).toBe('function');
    expect(subscription(limiter, a4)).toBe('subscriptionsPerTenant');
  });

  it('does not keep a key’s place when its tenant refuses', () => {
    const limiter = makeRateLimiter({ ...OFF, subscriptionsPerKey: 1, subscriptionsPerTenant: 1 });
    const held = subscription(limiter, a1);
    expect(subscription(limiter, a2)).toBe('subscriptionsPerTenant');
    (held as () => void)();
    expect(typeof subscription(limiter, a2)).toBe('function');
  });
});
