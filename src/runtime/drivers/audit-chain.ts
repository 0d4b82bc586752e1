// Driver: the audit chain's storage — which table holds each object's head, the statement fragment
// that moves a head (guarded by the head that was read), finding an object and its head, and loading
// objects' chained records (transitions, acks, violations) in chain order.
import { ackEntry, extendChain, transitionEntry, violationEntry, type ChainEntry, type ChainHead, type ChainObject, type ChainObjectType, type Json, type StoredChainRecord } from '../engines/audit-chain.js';
import { ConflictError } from '../errors.js';
import type { ChainedRow } from '../records.js';
import type { Reader } from '../scoped-transactions.js';

/** The table of each kind of chained object (its row holds the head: audit_seq, audit_head). */
export const ChainTables: Record<ChainObjectType, string> = { contract: 'contracts', job: 'jobs', run: 'runs', lesson: 'lessons', incident: 'incidents' };


/** The head a row was read with (the empty chain for a row not yet stored). */
export function headOf(row: ChainedRow): ChainHead {
  return { seq: row.auditSeq ?? 0, hash: row.auditHead ?? null };
}

/**
 * A CTE named `head` that moves the object's head from `from` to `to` and returns the object's id
 * and tenant; it returns no row when the head is no longer `from` (another writer got there first).
 * `first` is the number of the first of the five parameters it uses, in `headParameters` order.
 */
/**
 * Appends records of one run (acks, violations) to its chain after the head `run` was read with
 * (under its row lock): each record's row (`rowOf`) gets its link as `chain_seq` and `hash`; `write`
 * sends the rows as JSON in `$1` and the head's move from `$2` on (a `headCte('run', 2)`) in one
 * statement, and returns how many records it stored. Returns the run's new head; CONFLICT when the
 * head had moved meanwhile.
 */
export async function appendToRunChain<T>(
  run: ChainedRow & { id: string; tenantId: string },
  records: readonly T[],
  entryOf: (record: T) => ChainEntry,
  rowOf: (record: T) => Record<string, unknown>,
  write: (parameters: unknown[]) => Promise<number>,
): Promise<ChainHead> {
  if (records.length === 0) return headOf(run);
  const object = { tenantId: run.tenantId, type: 'run', id: run.id } as const;
  const from = headOf(run);
  const chained = extendChain(object, from, records.map(entryOf));
  const rows = records.map((record, index) => ({ ...rowOf(record), chain_seq: chained.links[index].seq, hash: chained.links[index].hash }));
  assertAppended(object, await write([JSON.stringify(rows), ...headParameters(object, from, chained.head)]), records.length);
  return chained.head;
}

export function headCte(type: ChainObjectType, first: number): string {
  const p = (offset: number) => `$${first + offset}`;
  return `head AS (UPDATE ${ChainTables[type]} SET audit_seq = ${p(0)}, audit_head = ${p(1)} WHERE id = ${p(2)} AND tenant_id = ${p(3)} AND audit_seq = ${p(4)} RETURNING id, tenant_id)`;
}

/** The parameters of `headCte`. */
export function headParameters(object: ChainObject, from: ChainHead, to: ChainHead): unknown[] {
  return [to.seq, to.hash, object.id, object.tenantId, from.seq];
}

/** Throws CONFLICT when a chained write stored fewer records than it meant to (the head had moved). */
export function assertAppended(object: ChainObject, stored: number, expected: number): void {
  if (stored !== expected) throw new ConflictError(`The audit trail of ${object.type} ${object.id} was extended by another writer`);
}

/** The row with its chain head moved to `head`. */
export function withHead<Row extends ChainedRow>(row: Row, head: ChainHead): Row {
  return { ...row, auditSeq: head.seq, auditHead: head.hash };
}

/** The tenant's object with this id (of any chained kind) and its head; null when absent. */
export async function findChainObject(reader: Reader, tenantId: string, id: string): Promise<{ object: ChainObject; head: ChainHead } | null> {
  const union = Object.entries(ChainTables)
    .map(([type, table]) => `SELECT '${type}' AS type, audit_seq, audit_head FROM ${table} WHERE id = $1 AND tenant_id = $2`)
    .join(' UNION ALL ');
  const rows: { type: ChainObjectType; audit_seq: number; audit_head: string | null }[] = await reader.manager.query(union, [id, tenantId]);
  if (rows.length === 0) return null;
  return { object: { tenantId, type: rows[0].type, id }, head: { seq: rows[0].audit_seq, hash: rows[0].audit_head } };
}

interface ChainRow {
  object_id: string;
  kind: StoredChainRecord['kind'];
  record_id: string;
  chain_seq: number | null;
  hash: string | null;
  at: Date;
  fields: Record<string, unknown>;
  snapshot: { [key: string]: Json } | null;
}

/**
 * The chained records of several objects of one tenant, each object's in chain order (records
 * without a position — written before the chain existed — last, by instant, kind and id).
 */
export async function loadChainRecords(reader: Reader, tenantId: string, objectIds: readonly string[]): Promise<Map<string, StoredChainRecord[]>> {
  const rows: ChainRow[] = await reader.manager.query(
    `SELECT * FROM (
       SELECT subject_id AS object_id, 'TRANSITION' AS kind, 0 AS rank, id::text AS record_id, lpad(id::text, 20, '0') AS position, chain_seq, hash, at,
              jsonb_build_object('fromStatus', from_status, 'toStatus', to_status, 'reason', reason, 'actor', actor) AS fields, snapshot
       FROM transitions WHERE tenant_id = $1 AND subject_id = ANY($2)
       UNION ALL
       SELECT run_id, 'VIOLATION', 1, id, id, chain_seq, hash, created_at,
              jsonb_build_object('id', id, 'kind', kind, 'policyId', policy_id, 'operation', operation, 'phase', phase, 'status', status, 'message', message, 'details', details), NULL
       FROM violations WHERE tenant_id = $1 AND run_id = ANY($2)
       UNION ALL
       SELECT run_id, 'ACK', 2, id, id, chain_seq, hash, at,
              jsonb_build_object('id', id, 'domain', domain, 'action', action, 'status', status, 'resultId', result_id, 'error', error, 'rollbackReason', rollback_reason), NULL
       FROM domain_acks WHERE tenant_id = $1 AND run_id = ANY($2)
     ) chained
     ORDER BY object_id, chain_seq NULLS LAST, at, rank, position`,
    [tenantId, [...objectIds]],
  );
  const byObject = new Map<string, StoredChainRecord[]>(objectIds.map((id) => [id, []]));
  for (const row of rows) byObject.get(row.object_id)!.push(storedRecord(row));
  return byObject;
}

function storedRecord(row: ChainRow): StoredChainRecord {
  const at = new Date(row.at);
  const f = row.fields as never;
  const entry =
    row.kind === 'TRANSITION'
      ? transitionEntry({ ...(f as { fromStatus: string; toStatus: string; reason: string; actor: string }), at }, row.snapshot)
      : row.kind === 'ACK'
        ? ackEntry({ ...(f as Parameters<typeof ackEntry>[0]), at })
        : violationEntry({ ...(f as Parameters<typeof violationEntry>[0]), createdAt: at });
  return { ...entry, recordId: row.record_id, seq: row.chain_seq ?? 0, hash: row.hash };
}
