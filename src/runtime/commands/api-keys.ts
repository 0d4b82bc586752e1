// Runtime commands: mint and revoke API keys, authenticate a presented key, record keys' last use,
// and bootstrap the `default` tenant's admin key on a fresh database. Keys are random, shown once,
// stored as hashes; a key may expire, and an expired key is refused like a revoked one.
import type { ApiKeyCache } from '../api-key-cache.js';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { appendEvents } from '../drivers/outbox.js';
import { anyTenantExists, findLiveApiKey, insertApiKey, insertTenant, revokeApiKey as markRevoked, tenantExists, updateLastUsed, type KeyUse } from '../drivers/api-keys.js';
import { SYSTEM_CLI_ACTOR, type Principal } from '../request-context.js';
import { apiKeyRevokedEvent } from './api-key-events.js';
import { tenantIdProblem } from './tenants.js';
import { isRole, type Role } from '../roles.js';
import type { StorageDeps } from '../storage-deps.js';
import { withUnitOfWork, type UnitOfWork } from '../unit-of-work.js';
import { readSelfScoped } from '../scoped-transactions.js';
import { tenantScope, systemScope } from '../transaction-scope.js';

/** The tenant every fresh database starts with. */
export const DEFAULT_TENANT = 'default';

/** The longest lifetime a key may be given: ten years. */
const MAX_LIFETIME_SECONDS = 10 * 366 * 86_400;

/** A freshly minted key: the clear key is available only here, once. */
export interface MintedApiKey {
  id: string;
  key: string;
  tenantId: string;
  principal: string;
  role: Role;
  /** When it stops authenticating; null for never. */
  expiresAt: Date | null;
}

/** What a new key is for, and for how long (seconds from now; none: until revoked). */
export interface ApiKeyRequest {
  tenantId: string;
  principal: string;
  role: string;
  expiresInSeconds?: number | null;
}

/** Mints a key for the principal and role in an existing tenant (NOT_FOUND for an unknown one). */
export async function createApiKey(deps: StorageDeps, request: ApiKeyRequest): Promise<MintedApiKey> {
  const role = validateKeyRequest(request);
  return withUnitOfWork(deps, tenantScope(request.tenantId), 'createApiKey', deps.clock.now(), async (uow) => {
    if (!(await tenantExists(uow, request.tenantId))) throw new NotFoundError('tenant', request.tenantId);
    const expiresAt = request.expiresInSeconds ? new Date(uow.now.getTime() + request.expiresInSeconds * 1000) : null;
    return mintKey(uow, { tenantId: request.tenantId, principal: request.principal, role, expiresAt });
  });
}

/** Revokes a key by id, ending its live connections on every instance; false when no unrevoked key has that id. */
export async function revokeApiKey(deps: StorageDeps, id: string, actor = SYSTEM_CLI_ACTOR): Promise<boolean> {
  return withUnitOfWork(deps, systemScope('manageApiKeys'), 'revokeApiKey', deps.clock.now(), async (uow) => {
    const revoked = await markRevoked(uow, id);
    if (revoked) appendEvents(uow, [apiKeyRevokedEvent(revoked.tenantId, id, actor)]);
    return revoked !== null;
  });
}

/** The principal a presented key stands for, or null when it is unknown, revoked or expired. */
export async function authenticate(deps: StorageDeps, presentedKey: string, cache: ApiKeyCache): Promise<Principal | null> {
  const keyHash = hashKey(presentedKey);
  const now = deps.clock.now();
  const remembered = cache.get(keyHash, now);
  if (remembered) return remembered;
  const key = await readSelfScoped(deps, (reader) => findLiveApiKey(reader, keyHash, now));
  if (!key || !isRole(key.role)) return null;
  const principal = { tenantId: key.tenantId, name: key.principal, role: key.role, apiKeyId: key.id, keyExpiresAt: key.expiresAt };
  cache.remember(keyHash, principal, now);
  return principal;
}

/** Writes when keys were last used (one statement for all of them). */
export async function recordApiKeyUse(deps: StorageDeps, uses: readonly KeyUse[]): Promise<void> {
  if (uses.length === 0) return;
  await withUnitOfWork(deps, systemScope('recordApiKeyUse'), 'recordApiKeyUse', deps.clock.now(), (uow) => updateLastUsed(uow, uses));
}

/** On a database with no tenant yet, creates `default` with an admin key; otherwise null. */
export async function bootstrapDefaultTenant(deps: StorageDeps): Promise<MintedApiKey | null> {
  if (await anyTenantExists(deps.dataSource)) return null;
  return withUnitOfWork(deps, tenantScope(DEFAULT_TENANT), 'bootstrapDefaultTenant', deps.clock.now(), async (uow) => {
    const created = await insertTenant(uow, { id: DEFAULT_TENANT, name: null });
    return created ? mintKey(uow, { tenantId: DEFAULT_TENANT, principal: 'admin', role: 'admin', expiresAt: null }) : null;
  });
}

async function mintKey(uow: UnitOfWork, request: { tenantId: string; principal: string; role: Role; expiresAt: Date | null }): Promise<MintedApiKey> {
  const key = `gov_${randomBytes(32).toString('base64url')}`;
  const id = `key_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await insertApiKey(uow, { id, ...request, keyHash: hashKey(key), createdAt: uow.now, revokedAt: null, lastUsedAt: null });
  return { id, key, ...request };
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function validateKeyRequest(request: ApiKeyRequest): Role {
  const problems: string[] = [];
  const tenantProblem = tenantIdProblem(request.tenantId);
  if (tenantProblem) problems.push(tenantProblem);
  if (request.principal.trim().length === 0 || request.principal.length > 200) problems.push('principal must be 1..200 characters');
  if (!isRole(request.role)) problems.push('role must be one of viewer, operator, approver, admin');
  const lifetime = request.expiresInSeconds;
  if (lifetime !== undefined && lifetime !== null && !(Number.isInteger(lifetime) && lifetime > 0 && lifetime <= MAX_LIFETIME_SECONDS)) {
    problems.push('expiry must be a whole number of seconds from 1 to ten years');
  }
  if (problems.length > 0) throw new BadUserInputError(problems);
  return request.role as Role;
}
