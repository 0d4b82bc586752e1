// Migration: row-level security as a second wall behind the tenant filter of every statement. Every
// table with a tenant_id column gets row-level security, enabled and FORCED (so even its owner is
// held unless a superuser), and one policy, `tenant_wall`: a row is visible and writable when its
// tenant is the transaction's `app.tenant_id`, or when the session runs a system operation
// (`app.system` = 'on'; see src/runtime/transaction-scope.ts). A table added later needs its own
// policy (`raiseTenantWall`): test/e2e/row-level-security.test.ts fails for every tenant table without one.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether the current transaction or session may touch the row's tenant. */
const IN_SCOPE = `tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.system', true) = 'on'`;

/** Every ordinary or partitioned table of the current schema with a tenant_id column. */
const TENANT_TABLES = `
  SELECT c.relname AS "table"
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
   WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
     AND a.attname = 'tenant_id' AND NOT a.attisdropped
   ORDER BY c.relname`;

/** Puts one tenant table behind the wall (tables created by later migrations call it too). */
export async function raiseTenantWall(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`CREATE POLICY tenant_wall ON "${table}" USING (${IN_SCOPE}) WITH CHECK (${IN_SCOPE})`);
}

export class RowLevelSecurity1764920000000 implements MigrationInterface {
  name = 'RowLevelSecurity1764920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const tables: { table: string }[] = await queryRunner.query(TENANT_TABLES);
    for (const { table } of tables) await raiseTenantWall(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables: { table: string }[] = await queryRunner.query(TENANT_TABLES);
    for (const { table } of tables) {
      await queryRunner.query(`DROP POLICY IF EXISTS tenant_wall ON "${table}"`);
      await queryRunner.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY`);
    }
  }
}
