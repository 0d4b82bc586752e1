// Driver: tenants and API keys. Keys are looked up by their SHA-256 hash; the clear key is never stored.
import { ApiKeyEntity, TenantEntity } from '../../entities/index.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { insertRows } from './plain-rows.js';

/** An API key row without its hash. */
export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  principal: string;
  role: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Creates the tenant unless it exists; true when this call created it. */
export async function ensureTenant(uow: UnitOfWork, tenantId: string): Promise<boolean> {
  const rows: unknown[] = await uow.manager.query(
    `INSERT INTO tenants (id, created_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [tenantId, uow.now],
  );
  return rows.length === 1;
}

/** Stores a new key by its hash. */
export async function insertApiKey(uow: UnitOfWork, key: ApiKeyRecord & { keyHash: string }): Promise<void> {
  await insertRows(uow, ApiKeyEntity, [key]);
}

/** The live (unrevoked) key with this hash, or null. Every request runs it: plain SQL, no query builder. */
export async function findLiveApiKey(uow: Pick<UnitOfWork, 'manager'>, keyHash: string): Promise<ApiKeyRecord | null> {
  const rows: ApiKeyRecord[] = await uow.manager.query(
    `SELECT id, tenant_id AS "tenantId", principal, role, created_at AS "createdAt", revoked_at AS "revokedAt"
       FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
    [keyHash],
  );
  return rows[0] ?? null;
}

/** Marks a key revoked; its tenant, or null when no live key has that id. */
export async function revokeApiKey(uow: UnitOfWork, id: string): Promise<{ tenantId: string } | null> {
  const rows: { tenantId: string }[] = await uow.manager.query(
    `WITH revoked AS (UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING tenant_id)
     SELECT tenant_id AS "tenantId" FROM revoked`,
    [id, uow.now],
  );
  return rows[0] ?? null;
}

/** Whether any tenant exists yet (a fresh database has none). */
export async function anyTenantExists(uow: Pick<UnitOfWork, 'manager'>): Promise<boolean> {
  return (await uow.manager.count(TenantEntity)) > 0;
}
