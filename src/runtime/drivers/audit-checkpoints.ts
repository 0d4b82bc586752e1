// Driver: audit checkpoints — a tenant's current chain heads, its checkpoints (insert, the latest,
// one by id or position, a page for export) and the per-tenant lock that keeps two sweepers from
// taking the same checkpoint.
import type { CheckpointHead } from '../engines/audit-checkpoint.js';
import type { CheckpointRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { ChainTables } from './audit-chain.js';
import type { Reader } from '../scoped-transactions.js';

const COLUMNS = `id, tenant_id AS "tenantId", seq, taken_at AS "takenAt", object_count AS "objectCount", merkle_root AS "merkleRoot", previous_hash AS "previousHash", hash, heads`;

/** The heads of the tenant's objects that have a chain (of the given ids only, when given). */
export async function loadHeads(reader: Reader, tenantId: string, ids: readonly string[] | null = null): Promise<CheckpointHead[]> {
  const only = ids ? ' AND id = ANY($2)' : '';
  const union = Object.entries(ChainTables)
    .map(([type, table]) => `SELECT '${type}' AS type, id, audit_seq AS seq, audit_head AS hash FROM ${table} WHERE tenant_id = $1 AND audit_seq > 0${only}`)
    .join(' UNION ALL ');
  return reader.manager.query(`${union} ORDER BY id`, ids ? [tenantId, [...ids]] : [tenantId]);
}

/** Takes the tenant's checkpoint lock until commit; false when another transaction holds it. */
export async function tryLockCheckpoints(uow: UnitOfWork, tenantId: string): Promise<boolean> {
  const [row]: { locked: boolean }[] = await uow.manager.query(`SELECT pg_try_advisory_xact_lock(hashtext('audit_checkpoints'), hashtext($1)) AS locked`, [tenantId]);
  return row.locked;
}

/** Whether the tenant exists. */
export async function tenantExists(reader: Reader, tenantId: string): Promise<boolean> {
  const rows: unknown[] = await reader.manager.query(`SELECT 1 FROM tenants WHERE id = $1`, [tenantId]);
  return rows.length === 1;
}

/** Every tenant's id. */
export async function listTenantIds(reader: Reader): Promise<string[]> {
  const rows: { id: string }[] = await reader.manager.query(`SELECT id FROM tenants ORDER BY id`);
  return rows.map((row) => row.id);
}

/** Stores a checkpoint. */
export async function insertCheckpoint(uow: UnitOfWork, checkpoint: CheckpointRecord): Promise<void> {
  await uow.manager.query(
    `INSERT INTO audit_checkpoints (id, tenant_id, seq, taken_at, object_count, merkle_root, previous_hash, hash, heads) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [checkpoint.id, checkpoint.tenantId, checkpoint.seq, checkpoint.takenAt, checkpoint.objectCount, checkpoint.merkleRoot, checkpoint.previousHash, checkpoint.hash, JSON.stringify(checkpoint.heads)],
  );
}

/** The tenant's latest checkpoint, or null. */
export async function latestCheckpoint(reader: Reader, tenantId: string): Promise<CheckpointRecord | null> {
  const rows: CheckpointRecord[] = await reader.manager.query(`SELECT ${COLUMNS} FROM audit_checkpoints WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1`, [tenantId]);
  return rows[0] ?? null;
}

/** One checkpoint of the tenant by id, or null. */
export async function findCheckpoint(reader: Reader, tenantId: string, id: string): Promise<CheckpointRecord | null> {
  const rows: CheckpointRecord[] = await reader.manager.query(`SELECT ${COLUMNS} FROM audit_checkpoints WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  return rows[0] ?? null;
}

/** One checkpoint of the tenant by position, or null. */
export async function findCheckpointAt(reader: Reader, tenantId: string, seq: number): Promise<CheckpointRecord | null> {
  const rows: CheckpointRecord[] = await reader.manager.query(`SELECT ${COLUMNS} FROM audit_checkpoints WHERE tenant_id = $1 AND seq = $2`, [tenantId, seq]);
  return rows[0] ?? null;
}

/** The tenant's checkpoints taken at or after `since` (all when null), oldest first, up to `limit`. */
export async function listCheckpoints(reader: Reader, tenantId: string, since: Date | null, limit: number): Promise<CheckpointRecord[]> {
  return reader.manager.query(`SELECT ${COLUMNS} FROM audit_checkpoints WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR taken_at >= $2) ORDER BY seq LIMIT $3`, [tenantId, since, limit]);
}
