// Authenticated API keys, remembered by this instance for a short time (API_KEY_CACHE_TTL_MS), so
// that a caller's requests do not each look their key up again. An entry lives at most the TTL and
// never past the key's own expiry; a revocation — made here, or announced by the apikey.revoked
// event from any instance — forgets the key at once, and the TTL bounds the rest (a lost event).
// Unknown keys are never remembered, so a key minted a moment ago works at once. TTL 0: off.
import type { Principal } from './request-context.js';

interface Entry {
  principal: Principal;
  /** The earlier of the key's expiry and the end of the TTL, in epoch ms. */
  until: number;
}

/** The remembered keys of one instance, by key hash. */
export class ApiKeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity = 10_000,
  ) {}

  /** The principal of a remembered, still valid key; null when it must be looked up. */
  get(keyHash: string, now: Date): Principal | null {
    const entry = this.entries.get(keyHash);
    if (!entry) return null;
    if (entry.until > now.getTime()) return entry.principal;
    this.entries.delete(keyHash);
    return null;
  }

  /** Remembers a key just found live in the database. */
  remember(keyHash: string, principal: Principal, now: Date): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    const until = Math.min(now.getTime() + this.ttlMs, principal.keyExpiresAt?.getTime() ?? Number.POSITIVE_INFINITY);
    this.entries.set(keyHash, { principal, until });
  }

  /** Forgets a revoked key. */
  forget(apiKeyId: string): void {
    for (const [keyHash, entry] of this.entries) if (entry.principal.apiKeyId === apiKeyId) this.entries.delete(keyHash);
  }
}
