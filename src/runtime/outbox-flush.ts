// Outbox flush: writes a command's events in one statement just before its commit, and (when asked)
// wakes the sequencer with a NOTIFY that PostgreSQL delivers only if the commit happens. The rows have
// no position yet: the sequencer gives them one once they are committed (commit order).
import { prepared } from '../database/prepared-statements.js';
import type { EntityManager } from 'typeorm';
import { activeTraceCarrier } from '../telemetry/spans.js';

/** The channel the sequencer LISTENs on; the payload is the highest event id written. */
export const OUTBOX_CHANNEL = 'outbox_events';

/** What kind of object an event is about. */
export type SubjectType = 'contract' | 'job' | 'run' | 'violation' | 'api_key' | 'incident' | 'lesson';

/** One event to append. */
export interface NewOutboxEvent {
  tenantId: string;
  type: string;
  subjectType: SubjectType;
  subjectId: string;
  actor: string;
  payload: Record<string, unknown>;
}

/** Inserts the events in order (ids ascending) and, with `notify`, notifies, in one statement. */
export async function flushOutbox(manager: EntityManager, events: readonly NewOutboxEvent[], now: Date, notify = true): Promise<void> {
  // The unit of work's span is active here: delivering these events links back to it.
  const traceContext = activeTraceCarrier();
  const rows = events.map((event) => ({
    tenant_id: event.tenantId,
    type: event.type,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    actor: event.actor,
    payload: event.payload,
  }));
  await manager.query(
    prepared(`WITH inserted AS (
       INSERT INTO outbox_events (id, tenant_id, type, subject_type, subject_id, actor, payload, created_at, trace_context)
       SELECT nextval('outbox_events_id_seq'), e.tenant_id, e.type, e.subject_type, e.subject_id, e.actor, e.payload, $2, $3::jsonb
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (tenant_id text, type text, subject_type text, subject_id text, actor text, payload jsonb))
         WITH ORDINALITY AS e(tenant_id, type, subject_type, subject_id, actor, payload, ord)
       ORDER BY e.ord
       RETURNING id)
     SELECT ${notify ? `pg_notify('${OUTBOX_CHANNEL}', max(id)::text)` : 'count(*)'} FROM inserted`),
    [JSON.stringify(rows), now, traceContext && JSON.stringify(traceContext)],
  );
}
