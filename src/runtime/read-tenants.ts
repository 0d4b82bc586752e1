// Runtime reads for operators (the CLI): tenants, and the API keys of one tenant or all, with their
// lifetimes and last use — never their hashes.
import { NotFoundError } from './errors.js';
import { selectApiKeys, selectTenants, type ApiKeyRecord, type TenantRecord } from './drivers/api-keys.js';
import type { StorageDeps } from './storage-deps.js';
import { readInScope } from './scoped-transactions.js';
import { systemScope, tenantScope } from './transaction-scope.js';

export type { ApiKeyRecord, TenantRecord };

/** Every tenant with its count of keys that authenticate now. */
export function readTenants(deps: StorageDeps): Promise<TenantRecord[]> {
  return readInScope(deps, systemScope('manageApiKeys'), (reader) => selectTenants(reader, deps.clock.now()));
}

/** The keys of a tenant (NOT_FOUND for an unknown one), or of every tenant when null. */
export async function readApiKeys(deps: StorageDeps, tenantId: string | null): Promise<ApiKeyRecord[]> {
  const scope = tenantId === null ? systemScope('manageApiKeys') : tenantScope(tenantId);
  const [keys, tenants] = await Promise.all([readInScope(deps, scope, (reader) => selectApiKeys(reader, tenantId)), tenantId === null ? null : readTenants(deps)]);
  if (tenants && !tenants.some((tenant) => tenant.id === tenantId)) throw new NotFoundError('tenant', tenantId!);
  return keys;
}
