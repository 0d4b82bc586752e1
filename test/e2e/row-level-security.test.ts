// Row-level security, the second wall behind every statement's tenant filter: each tenant table has
// it enabled and forced with a policy; the server queries as a role that cannot bypass it; a read
// with its tenant filter removed on purpose, run the way the server runs reads, still sees only its
// own tenant's rows; a write naming another tenant is refused; and a session with no scope sees nothing.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE } from '../../src/database/app-role.js';
import { makeDataSource } from '../../src/database/data-source.js';
import { openDatabase, type OpenDatabase } from '../../src/database/open-database.js';
import { ApiKeyCache } from '../../src/runtime/api-key-cache.js';
import { systemClock } from '../../src/runtime/clock.js';
import { authenticate } from '../../src/runtime/commands/api-keys.js';
import { readInScope } from '../../src/runtime/scoped-transactions.js';
import { systemScope, tenantScope } from '../../src/runtime/transaction-scope.js';
import { withUnitOfWork } from '../../src/runtime/unit-of-work.js';
import { activatedContract } from '../support/jobs.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const logger = pino({ level: 'silent' });

describe('row-level security', () => {
  let server: TestServer;
  /** The database as the server opens it: its data source is the server's. */
  let database: OpenDatabase;
  /** Every statement `database`'s pool has sent. */
  const sent: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const callersOf = async (tenant: string) => ({ operator: await server.key('operator', 'olga', tenant), approver: await server.key('approver', 'april', tenant) });
    const [a, b] = [await callersOf('default'), await callersOf('tenant-b')];
    await activatedContract(server, a);
    await activatedContract(server, a);
    await activatedContract(server, b);
    database = await openDatabase({ databaseUrl: server.database.url, dataDir: '', logger, onStatement: (sql) => sent.push(sql) });
  });
  afterAll(async () => {
    await database?.close();
    await server.close();
  });

  it('is enabled and forced, with a policy, on every table with a tenant_id column', async () => {
    const tables: { table: string; enabled: boolean; forced: boolean; policies: number }[] = await server.database.dataSource.query(`
      SELECT c.relname AS "table", c.relrowsecurity AS "enabled", c.relforcerowsecurity AS "forced",
             (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS "policies"
        FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND a.attname = 'tenant_id' AND NOT a.attisdropped
       ORDER BY c.relname`);
    expect(tables.length).toBeGreaterThan(10);
    expect(tables.filter((table) => !table.enabled || !table.forced || table.policies === 0)).toEqual([]);
  });

  it('has the server query as a role that is no superuser, cannot bypass it and owns no table, on its pool and on its delivery sessions', async () => {
    const delivery = makeDataSource({ url: server.database.url, logger, poolSize: 1, session: 'delivery' });
    await delivery.initialize();
    try {
      for (const dataSource of [database.dataSource, delivery]) {
        const [role] = await dataSource.query(`
          SELECT current_user AS "name", r.rolsuper AS "superuser", r.rolbypassrls AS "bypassesRls",
                 (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS "owns"
            FROM pg_roles r WHERE r.rolname = current_user`);
        expect(role).toEqual({ name: APP_ROLE, superuser: false, bypassesRls: false, owns: 0 });
      }
    } finally {
      await delivery.destroy();
    }
  });

  it('shows a read with no tenant filter only its own tenant’s rows, in a transaction scoped as the server scopes reads', async () => {
    const unfiltered = (tenant: string) =>
      readInScope(database, tenantScope(tenant), (reader) => reader.manager.query(`SELECT tenant_id AS "tenantId", count(*)::int AS "jobs" FROM jobs GROUP BY tenant_id ORDER BY tenant_id`));

    expect(await unfiltered('default')).toEqual([{ tenantId: 'default', jobs: 2 }]);
    expect(await unfiltered('tenant-b')).toEqual([{ tenantId: 'tenant-b', jobs: 1 }]);
    expect(await unfiltered('tenant-nobody')).toEqual([]);
    expect(await readInScope(database, systemScope('sweep'), (reader) => reader.manager.query(`SELECT DISTINCT tenant_id AS "tenantId" FROM jobs ORDER BY 1`))).toEqual([{ tenantId: 'default' }, { tenantId: 'tenant-b' }]);
  });

  it('costs a unit of work no statement: START TRANSACTION and the transaction-local setting go in one batch', async () => {
    sent.length = 0;
    await withUnitOfWork({ dataSource: database.dataSource }, tenantScope("o'brien"), 'test', new Date(), (uow) => uow.manager.query(`SELECT count(*) FROM runs`));
    expect(sent).toEqual([`START TRANSACTION; SELECT set_config('app.tenant_id', 'o''brien', true)`, `SELECT count(*) FROM runs`, 'COMMIT']);
  });

  it('shows a statement outside any scoped transaction no row at all', async () => {
    expect(await database.dataSource.query(`SELECT count(*)::int AS "jobs" FROM jobs`)).toEqual([{ jobs: 0 }]);
  });

  it('finds a presented key of any tenant in one statement outside a transaction, and opens nothing else: the setting ends with the call', async () => {
    const keyOfB = await server.key('viewer', 'bea', 'tenant-b');
    const [stored] = await server.database.dataSource.query(`SELECT id, key_hash AS "hash" FROM api_keys WHERE tenant_id = 'tenant-b' AND principal = 'bea'`);
    sent.length = 0;
    const principal = await authenticate({ dataSource: database.dataSource, clock: systemClock }, keyOfB, new ApiKeyCache(0));
    expect(principal).toEqual({ tenantId: 'tenant-b', name: 'bea', role: 'viewer', apiKeyId: stored.id, keyExpiresAt: null });
    expect(sent).toEqual([expect.stringMatching(/^SELECT .* FROM live_api_key\(\$1, \$2\)$/s)]);
    const [row] = await database.dataSource.query(`SELECT count(*)::int AS "keys" FROM live_api_key($1, now()) k, jobs j`, [stored.hash]);
    expect(row).toEqual({ keys: 0 });
    expect(await database.dataSource.query(`SELECT current_setting('app.system', true) AS "system", (SELECT count(*)::int FROM api_keys) AS "keys"`)).toEqual([{ system: expect.not.stringMatching(/^on$/), keys: 0 }]);
  });

  it("refuses a write that names another tenant (WITH CHECK), and an update or delete of another tenant's rows changes nothing", async () => {
    const deps = { dataSource: database.dataSource };
    const insertForB = withUnitOfWork(deps, tenantScope('default'), 'test', new Date(), (uow) =>
      uow.manager.query(`INSERT INTO skills (tenant_id, name, description, keywords, estimated_cost_cents, side_effects, updated_by, updated_at)
                        VALUES ('tenant-b', 'smuggled', 'a skill for B', '{}', 0, false, 'olga', now())`),
    );
    await expect(insertForB).rejects.toMatchObject({ driverError: { code: '42501' } });
    const moveToB = withUnitOfWork(deps, tenantScope('default'), 'test', new Date(), (uow) => uow.manager.query(`UPDATE jobs SET tenant_id = 'tenant-b'`));
    await expect(moveToB).rejects.toMatchObject({ driverError: { code: '42501' } });
    const [, deleted] = await withUnitOfWork(deps, tenantScope('tenant-b'), 'test', new Date(), (uow) => uow.manager.query(`DELETE FROM outbox_events WHERE tenant_id = 'default'`));
    expect(deleted).toBe(0);
    expect(await server.database.dataSource.query(`SELECT tenant_id AS "tenantId", count(*)::int AS "jobs" FROM jobs GROUP BY tenant_id ORDER BY tenant_id`)).toEqual([
      { tenantId: 'default', jobs: 2 },
      { tenantId: 'tenant-b', jobs: 1 },
    ]);
  });
});
