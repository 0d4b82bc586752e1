// Which delivered events a subscriber receives: always its own tenant's, narrowed by subject, type
// and payload status. The same selector drives the live match and the replay query.
import type { EventSelector, StoredEvent } from '../runtime/read-outbox.js';

export type { EventSelector };

/** Whether an event belongs to a subscriber's selection. */
export function selects(selector: EventSelector, event: StoredEvent): boolean {
  if (event.tenantId !== selector.tenantId) return false;
  if (selector.subjectType && event.subjectType !== selector.subjectType) return false;
  if (selector.subjectId && event.subjectId !== selector.subjectId) return false;
  if (selector.types && !selector.types.includes(event.type)) return false;
  if (selector.statuses && !selector.statuses.includes(String(event.payload.status))) return false;
  if (selector.runId && event.payload.runId !== selector.runId) return false;
  return true;
}
