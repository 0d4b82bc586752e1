// The tenant wall (row-level security on every tenant table) switched off and on again by the
// bench's owner connection, to measure what the wall's policies cost the product's statements.
import type pg from 'pg';

/** Every table of the bench database that has row-level security enabled by the migrations. */
async function walledTables(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ table: string }>(
    `SELECT c.relname AS "table" FROM pg_class c JOIN pg_policy p ON p.polrelid = c.oid
      WHERE p.polname = 'tenant_wall' AND c.relnamespace = current_schema()::regnamespace ORDER BY 1`,
  );
  if (rows.length === 0) throw new Error('the bench database has no tenant_wall policy');
  return rows.map((row) => row.table);
}

/** Runs `work` with row-level security disabled on every walled table (its policies kept), then enables it again. */
export async function withoutTenantWall<T>(pool: pg.Pool, work: () => Promise<T>): Promise<T> {
  const tables = await walledTables(pool);
  const alter = (action: 'ENABLE' | 'DISABLE') => pool.query(tables.map((table) => `ALTER TABLE "${table}" ${action} ROW LEVEL SECURITY;`).join('\n'));
  await alter('DISABLE');
  try {
    return await work();
  } finally {
    await alter('ENABLE');
  }
}
