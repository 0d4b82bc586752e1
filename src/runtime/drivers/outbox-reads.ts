// Driver: reads the outbox for delivery — the watermark facts (last id drawn, an xid horizon, the
// oldest running xid), settled events in id order, a subscriber's replay, and retention pruning.
import type { UnitOfWork } from '../unit-of-work.js';

type Reader = Pick<UnitOfWork, 'manager'>;

/** An event as stored. */
export interface StoredEvent {
  id: string;
  tenantId: string;
  type: string;
  subjectType: string;
  subjectId: string;
  actor: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** Which events a subscriber wants. */
export interface EventSelector {
  tenantId: string;
  subjectId?: string | null;
  subjectType?: string | null;
  /** Only events whose payload status is one of these (job status filters). */
  statuses?: string[] | null;
  /** Only events whose payload names this run (violations of one run). */
  runId?: string | null;
}

const EVENT_COLUMNS = `id::text AS "id", tenant_id AS "tenantId", type, subject_type AS "subjectType", subject_id AS "subjectId", actor, payload, created_at AS "createdAt"`;

/** The highest outbox id drawn so far (committed or not); 0 when none. */
export async function lastDrawnEventId(reader: Reader): Promise<bigint> {
  const [row] = await reader.manager.query(`SELECT last_value::text AS last, is_called AS called FROM outbox_events_id_seq`);
  return row.called ? BigInt(row.last) : 0n;
}

/** The oldest running transaction's xid, or the next to complete when none runs (a snapshot's xmin). */
export async function oldestRunningXid(reader: Reader): Promise<bigint> {
  const [row] = await reader.manager.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
  return BigInt(row.xmin);
}

/** An xid assigned now (to this statement's own transaction): every xid assigned earlier is smaller. */
export async function assignXidHorizon(reader: Reader): Promise<bigint> {
  const [row] = await reader.manager.query(`SELECT pg_current_xact_id()::text AS xid`);
  return BigInt(row.xid);
}

/** Events with after < id ≤ upTo, in id order, at most `limit`. */
export async function eventsBetween(reader: Reader, after: bigint, upTo: bigint, limit: number): Promise<StoredEvent[]> {
  return reader.manager.query(`SELECT ${EVENT_COLUMNS} FROM outbox_events WHERE id > $1 AND id <= $2 ORDER BY outbox_events.id LIMIT $3`, [after.toString(), upTo.toString(), limit]);
}

/** A subscriber's events with after < id ≤ upTo, in id order, at most `limit` (tenant always applied). */
export async function selectedEventsBetween(reader: Reader, selector: EventSelector, after: bigint, upTo: bigint, limit: number): Promise<StoredEvent[]> {
  return reader.manager.query(
    `SELECT ${EVENT_COLUMNS} FROM outbox_events
     WHERE tenant_id = $1 AND id > $2 AND id <= $3 AND ($4::text IS NULL OR subject_id = $4) AND ($5::text IS NULL OR subject_type = $5)
       AND ($6::text[] IS NULL OR payload->>'status' = ANY($6)) AND ($7::text IS NULL OR payload->>'runId' = $7)
     ORDER BY outbox_events.id LIMIT $8`,
    [selector.tenantId, after.toString(), upTo.toString(), selector.subjectId ?? null, selector.subjectType ?? null, selector.statuses ?? null, selector.runId ?? null, limit],
  );
}

/** The id through which events may have been pruned. */
export async function prunedThroughId(reader: Reader): Promise<bigint> {
  const [row] = await reader.manager.query(`SELECT pruned_through_id::text AS id FROM outbox_retention`);
  return BigInt(row.id);
}

/** Deletes events created before `olderThan` and moves the retention watermark past them. */
export async function pruneEvents(uow: UnitOfWork, olderThan: Date): Promise<number> {
  const [row] = await uow.manager.query(
    `WITH pruned AS (DELETE FROM outbox_events WHERE created_at < $1 RETURNING id),
     moved AS (UPDATE outbox_retention SET pruned_through_id = GREATEST(pruned_through_id, (SELECT max(id) FROM pruned)) WHERE EXISTS (SELECT 1 FROM pruned) RETURNING 1)
     SELECT count(*)::int AS pruned FROM pruned`,
    [olderThan],
  );
  return row.pruned;
}
