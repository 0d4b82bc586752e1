// Runtime commands: create a tenant (the owner of keys and of every other row). A tenant is created
// on purpose, never as a side effect of minting a key, so a mistyped tenant name is refused.
import { BadUserInputError, ConflictError } from '../errors.js';
import { insertTenant } from '../drivers/api-keys.js';
import type { StorageDeps } from '../storage-deps.js';
import { withUnitOfWork } from '../unit-of-work.js';
import { tenantScope } from '../transaction-scope.js';

/** What a new tenant is: its id (its name in every key and request) and an optional display name. */
export interface TenantRequest {
  id: string;
  name?: string | null;
}

/** The created tenant. */
export interface CreatedTenant {
  id: string;
  name: string | null;
  createdAt: Date;
}

/** The rule a tenant id follows; the problem as words, or null when it follows it. */
export function tenantIdProblem(id: string): string | null {
  return /^[a-z0-9][a-z0-9_-]{0,62}$/.test(id) ? null : 'tenant must be 1..63 lowercase letters, digits, "-" or "_"';
}

/** Creates a tenant; CONFLICT when it exists already. */
export async function createTenant(deps: StorageDeps, request: TenantRequest): Promise<CreatedTenant> {
  const name = request.name?.trim() || null;
  const problems = [tenantIdProblem(request.id), name && name.length > 200 ? 'name must be at most 200 characters' : null].filter((problem) => problem !== null);
  if (problems.length > 0) throw new BadUserInputError(problems);
  return withUnitOfWork(deps, tenantScope(request.id), 'createTenant', deps.clock.now(), async (uow) => {
    if (!(await insertTenant(uow, { id: request.id, name }))) throw new ConflictError(`tenant ${request.id} already exists`, { tenant: request.id });
    return { id: request.id, name, createdAt: uow.now };
  });
}
