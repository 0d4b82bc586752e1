// Scoped transactions: every transaction starts in its scope (transaction-scope.ts), with START
// TRANSACTION and the scope's settings sent in one round trip; and every read runs in a short
// transaction of its scope, because row-level security shows a transaction only its scope's rows —
// except a read whose one statement scopes itself (a database function with its own SET clause).
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { RequestContext } from './request-context.js';
import { scopeSettingsSql, tenantScope, type TransactionScope } from './transaction-scope.js';

/** What the read drivers take: a manager in a scoped transaction. */
export interface Reader {
  readonly manager: EntityManager;
}

/** Starts the runner's transaction in `scope`. TypeORM's own START TRANSACTION is sent as a
 * simple-protocol batch with the settings, so TypeORM still knows a transaction is open and the
 * scope costs no extra round trip. */
export async function startScopedTransaction(runner: QueryRunner, scope: TransactionScope): Promise<void> {
  const batch = `START TRANSACTION; ${scopeSettingsSql(scope)}`;
  const query = runner.query.bind(runner);
  runner.query = ((sql: string, ...rest: unknown[]) => query(sql === 'START TRANSACTION' ? batch : sql, ...(rest as []))) as QueryRunner['query'];
  try {
    await runner.startTransaction();
  } finally {
    delete (runner as { query?: unknown }).query;
  }
}

/** Runs `read` in one transaction of `scope` and ends it (rolled back on a throw). */
export async function readInScope<T>(deps: { dataSource: DataSource }, scope: TransactionScope, read: (reader: Reader) => Promise<T>): Promise<T> {
  const runner = deps.dataSource.createQueryRunner();
  try {
    await startScopedTransaction(runner, scope);
    const result = await read({ manager: runner.manager });
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive && !runner.isReleased) await runner.rollbackTransaction().catch(() => {}); // a lost connection rolled back already
    throw error;
  } finally {
    await runner.release();
  }
}

/** Runs `read` in a transaction of the caller's tenant. */
export function readForCaller<T>(deps: { dataSource: DataSource }, ctx: RequestContext, read: (reader: Reader) => Promise<T>): Promise<T> {
  return readInScope(deps, tenantScope(ctx.principal.tenantId), read);
}

/**
 * Runs `read`, one statement that sets its own scope (a database function whose SET clause opens
 * the wall for its query only, as `live_api_key` does), outside any transaction: one round trip.
 * Anything else read this way sees no tenant's rows at all (no scope is set).
 */
export function readSelfScoped<T>(deps: { dataSource: DataSource }, read: (reader: Reader) => Promise<T>): Promise<T> {
  return read({ manager: deps.dataSource.manager });
}
