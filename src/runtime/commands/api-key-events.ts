// Runtime step: the outbox event of an API key's revocation. Every instance's delivery ends the
// key's live connections and streams when the event reaches it, before any later event.
import type { NewOutboxEvent } from '../drivers/outbox.js';

/** The type of the revocation event. */
export const API_KEY_REVOKED = 'apikey.revoked';

/** The event announcing that a key of `tenantId` was revoked by `actor`. */
export function apiKeyRevokedEvent(tenantId: string, apiKeyId: string, actor: string): NewOutboxEvent {
  return { tenantId, type: API_KEY_REVOKED, subjectType: 'api_key', subjectId: apiKeyId, actor, payload: { apiKeyId } };
}
