// Key use, remembered in memory: authentication notes which key was used when (no write on the
// request's path); the instance writes the notes in one statement now and then (at most once a
// minute by default), so a key's last use costs nothing per request.
import type { KeyUse } from './drivers/api-keys.js';
import type { Principal } from './request-context.js';

/** The latest use of each key since the last write. */
export class KeyUseLog {
  private readonly latest = new Map<string, KeyUse>();

  /** Notes that the principal's key was used at `at`. */
  note(principal: Principal, at: Date): void {
    this.latest.set(principal.apiKeyId, { tenantId: principal.tenantId, id: principal.apiKeyId, at });
  }

  /** The uses noted since the last call, forgotten here. */
  take(): KeyUse[] {
    const uses = [...this.latest.values()];
    this.latest.clear();
    return uses;
  }
}
