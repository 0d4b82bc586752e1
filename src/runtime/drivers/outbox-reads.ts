// Driver: reads the outbox for delivery — sequenced events in position order (an event's delivered
// id is its position), a subscriber's replay, the age of what waits for delivery, and pruning.
import { prepared } from '../../database/prepared-statements.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { Reader } from '../scoped-transactions.js';

/** An event as delivered: `id` is its commit-ordered position. */
export interface StoredEvent {
  id: string;
  tenantId: string;
  type: string;
  subjectType: string;
  subjectId: string;
  actor: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  /** The W3C trace context of the command that wrote it (null when untraced). */
  traceContext?: Record<string, string> | null;
}

/** Which events a subscriber wants. */
export interface EventSelector {
  tenantId: string;
  subjectId?: string | null;
  subjectType?: string | null;
  /** Only events of these types. */
  types?: string[] | null;
  /** Only events whose payload status is one of these (job and contract status filters). */
  statuses?: string[] | null;
  /** Only events whose payload names this run (violations of one run). */
  runId?: string | null;
}

const EVENT_COLUMNS = `position::text AS "id", tenant_id AS "tenantId", type, subject_type AS "subjectType", subject_id AS "subjectId", actor, payload, created_at AS "createdAt", trace_context AS "traceContext"`;

/** The highest position given so far (committed); 0 on a fresh database. */
export async function lastSequencedPosition(reader: Reader): Promise<bigint> {
  const [row] = await reader.manager.query(`SELECT last_position::text AS position FROM outbox_sequencer`);
  return BigInt(row.position);
}

/** Sequenced events with after < position, in position order, at most `limit`. */
export async function eventsAfter(reader: Reader, after: bigint, limit: number): Promise<StoredEvent[]> {
  return reader.manager.query(prepared(`SELECT ${EVENT_COLUMNS} FROM outbox_events WHERE position > $1 ORDER BY position LIMIT $2`), [after.toString(), limit]);
}

/** A subscriber's events with after < position ≤ upTo, in position order, at most `limit` (tenant always applied). */
export async function selectedEventsBetween(reader: Reader, selector: EventSelector, after: bigint, upTo: bigint, limit: number): Promise<StoredEvent[]> {
  return reader.manager.query(
    `SELECT ${EVENT_COLUMNS} FROM outbox_events
     WHERE tenant_id = $1 AND position > $2 AND position <= $3 AND ($4::text IS NULL OR subject_id = $4) AND ($5::text IS NULL OR subject_type = $5)
       AND ($6::text[] IS NULL OR payload->>'status' = ANY($6)) AND ($7::text IS NULL OR payload->>'runId' = $7) AND ($8::text[] IS NULL OR type = ANY($8))
     ORDER BY position LIMIT $9`,
    [selector.tenantId, after.toString(), upTo.toString(), selector.subjectId ?? null, selector.subjectType ?? null, selector.statuses ?? null, selector.runId ?? null, selector.types ?? null, limit],
  );
}

/** When the oldest committed event not yet published past `publishedThrough` was written; null when none waits. */
export async function oldestUndeliveredAt(reader: Reader, publishedThrough: bigint): Promise<Date | null> {
  const [row] = await reader.manager.query(
    `SELECT LEAST((SELECT min(created_at) FROM outbox_events WHERE position IS NULL), (SELECT min(created_at) FROM outbox_events WHERE position > $1)) AS "oldest"`,
    [publishedThrough.toString()],
  );
  return row.oldest ?? null;
}

/** The position through which events may have been pruned. */
export async function prunedThroughPosition(reader: Reader): Promise<bigint> {
  const [row] = await reader.manager.query(`SELECT pruned_through_id::text AS position FROM outbox_retention`);
  return BigInt(row.position);
}

/** Deletes delivered events created before `olderThan` and moves the retention watermark past them. */
export async function pruneEvents(uow: UnitOfWork, olderThan: Date): Promise<number> {
  const [row] = await uow.manager.query(
    `WITH pruned AS (DELETE FROM outbox_events WHERE created_at < $1 AND position IS NOT NULL RETURNING position),
     moved AS (UPDATE outbox_retention SET pruned_through_id = GREATEST(pruned_through_id, (SELECT max(position) FROM pruned)) WHERE EXISTS (SELECT 1 FROM pruned) RETURNING 1)
     SELECT count(*)::int AS pruned FROM pruned`,
    [olderThan],
  );
  return row.pruned;
}
