// Upgrading to the sequenced outbox keeps every cursor a client holds: a database migrated up to the
// old outbox, with events delivered by id (and ids drawn by transactions that rolled back), is
// migrated; old events keep their id as their position, new positions start above every id ever
// drawn, and a subscriber resuming after an old id gets exactly the old events after it, then new ones.
import type { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { readConfig } from '../../src/config.js';
import { makeDataSource } from '../../src/database/data-source.js';
import { openDatabase, type OpenDatabase } from '../../src/database/open-database.js';
import { makeMetrics } from '../../src/http/metrics.js';
import { migrations } from '../../src/migrations/index.js';
import { ManualClock } from '../../src/runtime/clock.js';
import { databaseUrlFor, ownerDataSource, withAdminClient } from '../support/databases.js';
import { record } from '../support/subscriptions.js';
import { wsClient } from '../support/ws-client.js';

const logger = pino({ level: 'silent' });
const BEFORE_SEQUENCER = migrations.findIndex((migration) => migration.name === 'OutboxSequencer1764590400000');

describe('upgrading to the sequenced outbox', () => {
  const name = `governance_upgrade_${randomBytes(5).toString('hex')}`;
  const url = () => databaseUrlFor(inject('adminDatabaseUrl'), name);
  let database: OpenDatabase;
  /** The database as its owner, to inspect rows of every tenant. */
  let owner: DataSource;
  let app: RunningApp;

  beforeAll(async () => {
    await withAdminClient(inject('adminDatabaseUrl'), (client) => client.query(`CREATE DATABASE ${name}`));
    // The database as the previous release left it: migrated up to the old outbox, five events delivered by id.
    const old = makeDataSource({ url: url(), logger, session: 'owner' });
    old.setOptions({ migrations: migrations.slice(0, BEFORE_SEQUENCER) });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    await old.query(`INSERT INTO tenants (id) VALUES ('default')`);
    for (let index = 1; index <= 5; index += 1) {
      await old.query(`INSERT INTO outbox_events (tenant_id, type, subject_type, subject_id, actor, payload, created_at) VALUES ('default', $1, 'job', 'job_old', 'olga', $2, now())`, [
        `old.${index}`,
        { status: 'RUNNING', job: { id: 'job_old' } },
      ]);
    }
    // Ids drawn by transactions that rolled back: a client may never have seen them, but no position may reuse them.
    await old.query(`SELECT setval('outbox_events_id_seq', 12)`);
    await old.destroy();
  });
  afterAll(async () => {
    await app?.stop();
    await owner?.destroy();
    await database?.close();
    await withAdminClient(inject('adminDatabaseUrl'), (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it('keeps old ids as positions, starts new positions above every id drawn, and resumes an old cursor exactly', async () => {
    database = await openDatabase({ databaseUrl: url(), dataDir: '', logger });
    owner = await ownerDataSource(url());
    const positions: { id: string; position: string }[] = await owner.query(`SELECT id::text, position::text FROM outbox_events ORDER BY id`);
    expect(positions).toEqual(['1', '2', '3', '4', '5'].map((id) => ({ id, position: id })));
    const [{ last }] = await owner.query(`SELECT last_position::text AS last FROM outbox_sequencer`);
    expect(last).toBe('12');

    const defaults = readConfig({});
    app = await startApp({ database, clock: new ManualClock(new Date('2026-01-01T00:00:00Z')), logger, metrics: makeMetrics(), config: { ...defaults, port: 0, sweepIntervalMs: 0 } });
    const { key } = await app.runtime.createApiKey({ tenantId: 'default', role: 'viewer', principal: 'vera' });
    const client = wsClient(app.server.url, key);
    try {
      const resumed = record(client, 'subscription ($after: ID) { jobEvents(after: $after) { id type } }', { after: '3' }, (data) => data.jobEvents as { id: string; type: string });
      await resumed.until((seen) => seen.length === 2);
      // Written without a NOTIFY: the sequencer's poll finds it.
      await owner.query(`INSERT INTO outbox_events (tenant_id, type, subject_type, subject_id, actor, payload, created_at) VALUES ('default', 'new.1', 'job', 'job_old', 'olga', $1, now())`, [
        { status: 'RUNNING', job: { id: 'job_old' } },
      ]);
      const seen = await resumed.until((events) => events.length === 3);
      expect(seen).toEqual([
        { id: '4', type: 'old.4' },
        { id: '5', type: 'old.5' },
        { id: '13', type: 'new.1' },
      ]);
    } finally {
      await client.dispose();
    }
  });
});
