// When a live connection's key expires: at its expiry on the runtime's clock, also beyond the ~24.8
// days a Node timer can wait (a longer timeout would fire at once), never for a key without expiry,
// and not after the connection cancelled it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenKeyExpires } from '../../src/http/key-expiry.js';
import type { GovernanceRuntime } from '../../src/runtime/governance-runtime.js';
import type { Principal } from '../../src/runtime/request-context.js';

const DAY_MS = 86_400_000;

/** A runtime whose clock is the fake timers' clock. */
const runtime = { keyLifetimeLeftMs: (principal: Principal) => (principal.keyExpiresAt === null ? null : principal.keyExpiresAt.getTime() - Date.now()) } as GovernanceRuntime;
const keyExpiringIn = (ms: number | null): Principal => ({ tenantId: 't', name: 'eve', role: 'viewer', apiKeyId: 'key_1', keyExpiresAt: ms === null ? null : new Date(Date.now() + ms) });

describe('whenKeyExpires', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it.each([
    { lifetime: 1_000, expiresAfter: 1_000 },
    { lifetime: 30 * DAY_MS, expiresAfter: 30 * DAY_MS },
    { lifetime: 400 * DAY_MS, expiresAfter: 400 * DAY_MS },
  ])('expires a key living $lifetime ms exactly then', ({ lifetime, expiresAfter }) => {
    const expire = vi.fn();
    whenKeyExpires(runtime, keyExpiringIn(lifetime), expire);
    vi.advanceTimersByTime(expiresAfter - 1);
    expect(expire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expire).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500 * DAY_MS);
    expect(expire).toHaveBeenCalledTimes(1);
  });

  it('never expires a key without expiry, and not once cancelled', () => {
    const never = vi.fn();
    const cancelled = vi.fn();
    whenKeyExpires(runtime, keyExpiringIn(null), never);
    whenKeyExpires(runtime, keyExpiringIn(1_000), cancelled)();
    vi.advanceTimersByTime(500 * DAY_MS);
    expect(never).not.toHaveBeenCalled();
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('expires at once a key already expired when the connection opens', () => {
    const expire = vi.fn();
    whenKeyExpires(runtime, keyExpiringIn(0), expire);
    expect(expire).toHaveBeenCalledTimes(1);
  });
});
