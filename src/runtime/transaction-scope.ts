// Transaction scope: whose rows a transaction may see and write under row-level security — one
// tenant's, or every tenant's for a named system operation — as the transaction-local settings the
// policies read (see the row-level-security migration).
import { escapeLiteral } from 'pg';

/** The operations that may work across tenants (the only users of the system scope). Finding the
 * key a request presents is one more, confined to the database function `live_api_key`. */
export type SystemOperation =
  /** The CLI's revocation by key id, and its listings of tenants and keys. */
  | 'manageApiKeys'
  /** Writing when keys were last used, in one statement for keys of many tenants. */
  | 'recordApiKeyUse'
  /** The sweepers, which claim due rows of every tenant. */
  | 'sweep'
  /** Outbox retention, which prunes delivered events of every tenant. */
  | 'pruneOutbox';

/** One tenant's rows, or every tenant's for a named system operation. */
export type TransactionScope = { readonly tenantId: string } | { readonly system: SystemOperation };

/** The setting the row-level security policies compare `tenant_id` with. */
export const TENANT_SETTING = 'app.tenant_id';
/** The setting that opens every tenant's rows ('on') to a system operation. */
export const SYSTEM_SETTING = 'app.system';

/** A transaction that sees and writes only this tenant's rows. */
export function tenantScope(tenantId: string): TransactionScope {
  return { tenantId };
}

/** A transaction that sees every tenant's rows, for this system operation only. */
export function systemScope(operation: SystemOperation): TransactionScope {
  return { system: operation };
}

/** The statement that sets the scope for the current transaction only (set_config(..., true)). */
export function scopeSettingsSql(scope: TransactionScope): string {
  return 'tenantId' in scope
    ? `SELECT set_config('${TENANT_SETTING}', ${escapeLiteral(scope.tenantId)}, true)`
    : `SELECT set_config('${SYSTEM_SETTING}', 'on', true)`;
}
