// Driver: tenants and API keys. Keys are looked up by their SHA-256 hash; the clear key is never stored.
import { ApiKeyEntity, TenantEntity } from '../../entities/index.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { insertRows } from './plain-rows.js';

type Session = Pick<UnitOfWork, 'manager'>;

/** An API key row without its hash. */
export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  principal: string;
  role: string;
  createdAt: Date;
  revokedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

/** A tenant and how many keys it has that still authenticate. */
export interface TenantRecord {
  id: string;
  name: string | null;
  createdAt: Date;
  liveKeys: number;
}

/** When a key was last used (by tenant and id). */
export interface KeyUse {
  tenantId: string;
  id: string;
  at: Date;
}

const KEY_COLUMNS = `id, tenant_id AS "tenantId", principal, role, created_at AS "createdAt", revoked_at AS "revokedAt",
  expires_at AS "expiresAt", last_used_at AS "lastUsedAt"`;

/** Creates the tenant unless it exists; true when this call created it. */
export async function insertTenant(uow: UnitOfWork, tenant: { id: string; name: string | null }): Promise<boolean> {
  const rows: unknown[] = await uow.manager.query(
    `INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [tenant.id, tenant.name, uow.now],
  );
  return rows.length === 1;
}

/** Whether the tenant exists; it is locked against change until commit (FOR KEY SHARE, as its keys' foreign key would). */
export async function tenantExists(uow: UnitOfWork, tenantId: string): Promise<boolean> {
  const rows: unknown[] = await uow.manager.query(`SELECT 1 FROM tenants WHERE id = $1 FOR KEY SHARE`, [tenantId]);
  return rows.length === 1;
}

/** Every tenant, by id, with its count of keys that authenticate at `now`. */
export async function selectTenants(session: Session, now: Date): Promise<TenantRecord[]> {
  return session.manager.query(
    `SELECT t.id, t.name, t.created_at AS "createdAt",
            (SELECT count(*)::int FROM api_keys k WHERE k.tenant_id = t.id AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > $1)) AS "liveKeys"
       FROM tenants t ORDER BY t.id`,
    [now],
  );
}

/** Stores a new key by its hash. */
export async function insertApiKey(uow: UnitOfWork, key: ApiKeyRecord & { keyHash: string }): Promise<void> {
  await insertRows(uow, ApiKeyEntity, [key]);
}

/** The key with this hash that authenticates at `now` (not revoked, not expired), or null. Every
 * uncached request runs it: one self-scoped statement (the `live_api_key` function of migration
 * 1765100000000 sees every tenant's keys for this hash only), plain SQL, no query builder. */
export async function findLiveApiKey(session: Session, keyHash: string, now: Date): Promise<ApiKeyRecord | null> {
  const rows: ApiKeyRecord[] = await session.manager.query(
    `SELECT ${KEY_COLUMNS} FROM live_api_key($1, $2)`,
    [keyHash, now],
  );
  return rows[0] ?? null;
}

/** The keys of one tenant, or of every tenant when null, oldest first (revoked and expired ones too). */
export async function selectApiKeys(session: Session, tenantId: string | null): Promise<ApiKeyRecord[]> {
  return session.manager.query(
    `SELECT ${KEY_COLUMNS} FROM api_keys WHERE $1::text IS NULL OR tenant_id = $1 ORDER BY tenant_id, created_at, id`,
    [tenantId],
  );
}

/** Marks a key revoked; its tenant, or null when no unrevoked key has that id. */
export async function revokeApiKey(uow: UnitOfWork, id: string): Promise<{ tenantId: string } | null> {
  const rows: { tenantId: string }[] = await uow.manager.query(
    `WITH revoked AS (UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING tenant_id)
     SELECT tenant_id AS "tenantId" FROM revoked`,
    [id, uow.now],
  );
  return rows[0] ?? null;
}

/** Moves each key's last use forward to its time (never back), in one statement. */
export async function updateLastUsed(uow: UnitOfWork, uses: readonly KeyUse[]): Promise<void> {
  if (uses.length === 0) return;
  await uow.manager.query(
    `UPDATE api_keys k SET last_used_at = u.at
       FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(tenant_id, id, at)
      WHERE k.tenant_id = u.tenant_id AND k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.at)`,
    [uses.map((use) => use.tenantId), uses.map((use) => use.id), uses.map((use) => use.at)],
  );
}

/** Whether any tenant exists yet (a fresh database has none). */
export async function anyTenantExists(session: Session): Promise<boolean> {
  return (await session.manager.count(TenantEntity)) > 0;
}
