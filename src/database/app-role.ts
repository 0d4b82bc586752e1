// The role the server queries with: `governance_app`, neither superuser nor BYPASSRLS nor owner of
// any table, so row-level security always applies to it. The configured user (DATABASE_URL's, or
// the embedded cluster's `postgres`) owns the schema and runs the migrations; the server's pools
// connect as that user and switch to this role for the whole session at connection start-up
// (`-c role=…`), before any statement of the server's runs.
import type { QueryRunner } from 'typeorm';
import { SYSTEM_SETTING } from '../runtime/transaction-scope.js';

/** The restricted role's name (roles are cluster-wide: every database on the cluster shares it). */
export const APP_ROLE = 'governance_app';

/** Who a session is: the owner (migrations), the server (one tenant per transaction), or the
 * server's delivery (every tenant's outbox events, on connections of its own). */
export type SessionKind = 'owner' | 'app' | 'delivery';

/** The PostgreSQL start-up options of a session of this kind. Migrations and delivery are system
 * work across tenants: their sessions start with the system setting on. */
export function sessionOptions(kind: SessionKind): string {
  const system = `-c ${SYSTEM_SETTING}=on`;
  if (kind === 'owner') return system;
  const role = `-c role=${APP_ROLE}`;
  return kind === 'delivery' ? `${role} ${system}` : role;
}

/** Creates the role unless it exists (several databases may start at once on one cluster: the
 * loser of a race finds it made), refuses one that could bypass row-level security, and grants it
 * the current schema's tables and sequences. Runs after every migration, so new tables are granted too. */
export async function ensureAppRole(owner: QueryRunner): Promise<void> {
  await owner.query(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  const [role] = await owner.query(`SELECT rolsuper OR rolbypassrls AS "bypasses" FROM pg_roles WHERE rolname = $1`, [APP_ROLE]);
  if (role.bypasses) throw new Error(`role ${APP_ROLE} is a superuser or has BYPASSRLS: row-level security would not apply to the server (ALTER ROLE ${APP_ROLE} NOSUPERUSER NOBYPASSRLS)`);
  await owner.query(`
    DO $$ BEGIN
      EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${APP_ROLE}', current_schema());
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO ${APP_ROLE}', current_schema());
      EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO ${APP_ROLE}', current_schema());
    END $$`);
}
