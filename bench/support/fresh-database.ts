// The bench's fresh database: a new database on DATABASE_URL's server when it is set, otherwise the
// embedded default cluster started in a temporary DATA_DIR; both are removed afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';

/** A database nobody has used yet, and how to remove it. */
export interface FreshDatabase {
  url: string;
  /** Where it lives, for the report. */
  description: string;
  remove(): Promise<void>;
}

/** Creates the database the bench runs on. */
export async function freshDatabase(databaseUrl: string | undefined): Promise<FreshDatabase> {
  return databaseUrl ? newDatabaseOn(databaseUrl) : embeddedInTemporaryDir();
}

async function newDatabaseOn(serverUrl: string): Promise<FreshDatabase> {
  const name = `governance_bench_${randomBytes(5).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    description: `database ${name} on DATABASE_URL's server`,
    remove: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function embeddedInTemporaryDir(): Promise<FreshDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'governance-bench-'));
  const embedded = await startEmbeddedPostgres(dataDir, pino({ level: 'silent' }));
  return {
    url: embedded.url,
    description: `embedded PostgreSQL in ${dataDir}`,
    remove: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
