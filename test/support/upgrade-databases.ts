// Upgrade tests: a fresh database migrated up to, not including, a named migration and seeded with
// what the release before wrote; `open()` opens it as a server starts, running the rest.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, inject } from 'vitest';
import { makeDataSource } from '../../src/database/data-source.js';
import { openDatabase, type OpenDatabase } from '../../src/database/open-database.js';
import { migrations } from '../../src/migrations/index.js';
import { databaseUrlFor, ownerDataSource, withAdminClient } from './databases.js';

const logger = pino({ level: 'silent' });

/** Registers the database's creation (migrated before `migrationName`, then seeded) and its removal;
 * `open()` hands back the owner's data source, to inspect rows of every tenant. */
export function useDatabaseBefore(migrationName: string, seed: (old: DataSource) => Promise<unknown>): { open(): Promise<OpenDatabase> } {
  const name = `governance_upgrade_${randomBytes(5).toString('hex')}`;
  const url = () => databaseUrlFor(inject('adminDatabaseUrl'), name);
  let database: OpenDatabase | undefined;

  beforeAll(async () => {
    await withAdminClient(inject('adminDatabaseUrl'), (client) => client.query(`CREATE DATABASE ${name}`));
    const old = makeDataSource({ url: url(), logger, session: 'owner' });
    old.setOptions({ migrations: migrations.slice(0, migrations.findIndex((migration) => migration.name === migrationName)) });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    await seed(old);
    await old.destroy();
  });
  afterAll(async () => {
    await database?.close();
    await withAdminClient(inject('adminDatabaseUrl'), (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
  return {
    async open() {
      const opened = await openDatabase({ databaseUrl: url(), dataDir: '', logger });
      const owner = await ownerDataSource(url());
      database = { ...opened, dataSource: owner, close: async () => (await owner.destroy(), await opened.close()) };
      return database;
    },
  };
}
