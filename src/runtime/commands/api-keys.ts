// Runtime commands: mint and revoke API keys, authenticate a presented key, and bootstrap the
// `default` tenant's admin key on a fresh database. Keys are random, shown once, stored as hashes.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { BadUserInputError } from '../errors.js';
import { appendEvents } from '../drivers/outbox.js';
import { anyTenantExists, ensureTenant, findLiveApiKey, insertApiKey, revokeApiKey as markRevoked } from '../drivers/api-keys.js';
import { SYSTEM_CLI_ACTOR, type Principal } from '../request-context.js';
import { apiKeyRevokedEvent } from './api-key-events.js';
import { isRole, type Role } from '../roles.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { withUnitOfWork, type UnitOfWork } from '../unit-of-work.js';

/** The tenant every fresh database starts with. */
export const DEFAULT_TENANT = 'default';

/** A freshly minted key: the clear key is available only here, once. */
export interface MintedApiKey {
  id: string;
  key: string;
  tenantId: string;
  principal: string;
  role: Role;
}

/** What a new key is for. */
export interface ApiKeyRequest {
  tenantId: string;
  principal: string;
  role: string;
}

/** Creates the tenant if needed and mints a key for the principal and role. */
export async function createApiKey(deps: RuntimeDeps, request: ApiKeyRequest): Promise<MintedApiKey> {
  const role = validateKeyRequest(request);
  return withUnitOfWork(deps, 'createApiKey', deps.clock.now(), async (uow) => {
    await ensureTenant(uow, request.tenantId);
    return mintKey(uow, { ...request, role });
  });
}

/** Revokes a key by id, ending its live connections on every instance; false when no live key has that id. */
export async function revokeApiKey(deps: RuntimeDeps, id: string, actor = SYSTEM_CLI_ACTOR): Promise<boolean> {
  return withUnitOfWork(deps, 'revokeApiKey', deps.clock.now(), async (uow) => {
    const revoked = await markRevoked(uow, id);
    if (revoked) appendEvents(uow, [apiKeyRevokedEvent(revoked.tenantId, id, actor)]);
    return revoked !== null;
  });
}

/** The principal a presented key stands for, or null when it is unknown or revoked. */
export async function authenticate(deps: RuntimeDeps, presentedKey: string): Promise<Principal | null> {
  const key = await findLiveApiKey(deps.dataSource, hashKey(presentedKey));
  if (!key || !isRole(key.role)) return null;
  return { tenantId: key.tenantId, name: key.principal, role: key.role, apiKeyId: key.id };
}

/** On a database with no tenant yet, creates `default` with an admin key; otherwise null. */
export async function bootstrapDefaultTenant(deps: RuntimeDeps): Promise<MintedApiKey | null> {
  if (await anyTenantExists(deps.dataSource)) return null;
  return withUnitOfWork(deps, 'bootstrapDefaultTenant', deps.clock.now(), async (uow) => {
    const created = await ensureTenant(uow, DEFAULT_TENANT);
    return created ? mintKey(uow, { tenantId: DEFAULT_TENANT, principal: 'admin', role: 'admin' }) : null;
  });
}

async function mintKey(uow: UnitOfWork, request: { tenantId: string; principal: string; role: Role }): Promise<MintedApiKey> {
  const key = `gov_${randomBytes(32).toString('base64url')}`;
  const id = `key_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await insertApiKey(uow, { id, ...request, keyHash: hashKey(key), createdAt: uow.now, revokedAt: null });
  return { id, key, ...request };
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function validateKeyRequest(request: ApiKeyRequest): Role {
  const problems: string[] = [];
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(request.tenantId)) problems.push('tenant must be 1..63 lowercase letters, digits, "-" or "_"');
  if (request.principal.trim().length === 0 || request.principal.length > 200) problems.push('principal must be 1..200 characters');
  if (!isRole(request.role)) problems.push('role must be one of viewer, operator, approver, admin');
  if (problems.length > 0) throw new BadUserInputError(problems);
  return request.role as Role;
}
