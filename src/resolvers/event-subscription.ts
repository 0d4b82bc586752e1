// Subscriptions' common start: the caller's tenant always applied, `after` parsed, the stream owned by
// the caller's API key (its revocation ends it), and a subject that must exist in the caller's tenant.
import { parseAfter, streamEvents, type EventStream } from '../delivery/event-stream.js';
import type { EventSelector, StoredEvent } from '../runtime/read-outbox.js';
import { NotFoundError } from '../runtime/errors.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** The caller's events matching `selector` (within its tenant), replayed after `after`, then live. */
export function subscribeToEvents(context: GraphQLContext, selector: Omit<EventSelector, 'tenantId'>, after: string | null | undefined): EventStream {
  const { principal } = sessionOf(context).request;
  return streamEvents(context.delivery, { ...selector, tenantId: principal.tenantId }, parseAfter(after), { apiKeyId: principal.apiKeyId });
}

/** Fails at once with NOT_FOUND unless `find` finds the subject in the caller's tenant. */
export async function requireSubject(kind: string, id: string, find: () => Promise<unknown>): Promise<void> {
  if ((await find()) === null) throw new NotFoundError(kind, id);
}
