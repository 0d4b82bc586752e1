// Test databases: one per test file, cloned from the migrated template, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { makeDataSource } from '../../src/database/data-source.js';

/** The URL of another database on the same server. */
export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `work` with a short-lived client on the server's admin database. */
export async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Clones the template into a fresh database; returns its URL and how to drop it. */
export async function createTestDatabase(serverUrl: string, template: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `governance_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, async (client) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (error) {
        // Another file cloning the template at the same instant holds it briefly.
        if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return {
    url: databaseUrlFor(serverUrl, name),
    drop: () => withAdminClient(serverUrl, async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** A small pool on the database as its owner (bypassing row-level security), for tests to arrange
 * and inspect rows of every tenant; the server queries as the restricted role (app-role.ts). */
export async function ownerDataSource(url: string): Promise<DataSource> {
  const owner = makeDataSource({ url, logger: pino({ level: 'silent' }), poolSize: 2, session: 'owner' });
  await owner.initialize();
  return owner;
}
