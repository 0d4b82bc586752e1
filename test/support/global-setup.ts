// Vitest global setup: one PostgreSQL for the run (DATABASE_URL's server, or an embedded cluster in
// a temporary directory) and a migrated template database, with tenant `default`, that each test file clones.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { makeDataSource, migrate } from '../../src/database/data-source.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { keepExitCode } from '../../src/database/termination-signals.js';
import { systemClock } from '../../src/runtime/clock.js';
import { makeGovernanceRuntime } from '../../src/runtime/make-runtime.js';
import { databaseUrlFor, withAdminClient } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = pino({ level: 'silent' });
  const dataDir = process.env.DATABASE_URL ? null : await mkdtemp(path.join(tmpdir(), 'governance-test-'));
  const embedded = dataDir ? await startEmbeddedPostgres(dataDir, logger) : null;
  // The teardown below stops the cluster; a failed run must still exit non-zero.
  if (embedded) keepExitCode();
  const adminUrl = process.env.DATABASE_URL ?? embedded!.url;
  const templateDatabase = `governance_template_${process.pid}`;
  await withAdminClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
    await client.query(`CREATE DATABASE ${templateDatabase}`);
  });
  const dataSource = makeDataSource({ url: databaseUrlFor(adminUrl, templateDatabase), logger, session: 'owner' });
  await dataSource.initialize();
  await migrate(dataSource);
  // As after a server's first start: tenant `default` exists (its bootstrap key is not needed).
  await makeGovernanceRuntime({ dataSource, clock: systemClock }).createTenant({ id: 'default' });
  await dataSource.destroy();
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);
  return async () => {
    await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`));
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
