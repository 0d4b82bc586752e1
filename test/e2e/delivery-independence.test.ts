// Delivery depends only on this database's own outbox writers: a transaction held open elsewhere on
// the server — in another database, on an unrelated table of this one, or idle in transaction after
// reading the outbox — does not hold events back. Each case opens the foreign transaction (with a
// transaction id, so it is the oldest running one), drives a job, and sees its event arrive while the
// foreign transaction is still open, still idle in transaction.
import type { Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { useContractWorld } from '../support/contract-world.js';
import { liveJobUpdates } from '../support/job-updates.js';
import { recordStep, runningJob, threeChanges } from '../support/jobs.js';
import { wsClient } from '../support/ws-client.js';

/** A foreign session with an open transaction that has a transaction id. */
interface ForeignTransaction {
  pid: number;
  end(): Promise<void>;
}

/** Connects to `url`, runs `statements` inside BEGIN (the last one assigns an xid), and stays open. */
async function openForeignTransaction(url: string, statements: readonly string[]): Promise<ForeignTransaction> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows;
  for (const statement of statements) await client.query(statement);
  return {
    pid,
    end: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

describe('delivery while another transaction stays open', () => {
  const world = useContractWorld();
  let client: Client;

  beforeAll(async () => {
    client = wsClient(world.server.url, await world.server.key('viewer', 'vera'));
    await world.server.database.dataSource.query('CREATE TABLE unrelated_notes (id serial PRIMARY KEY, note text)');
  });
  afterAll(() => client.dispose());

  /** The server's admin database: never the test's own (each test file clones its own). */
  const serverUrl = () => inject('adminDatabaseUrl');
  const thisDatabaseUrl = () => world.server.database.url;

  it.each([
    {
      name: 'in another database of the same server',
      url: serverUrl,
      statements: ['BEGIN', 'SELECT pg_current_xact_id()'],
    },
    {
      name: 'in this database, on an unrelated table',
      url: thisDatabaseUrl,
      statements: ['BEGIN', "INSERT INTO unrelated_notes (note) VALUES ('held open')"],
    },
    {
      name: 'idle in transaction in this database, after reading the outbox with a repeatable-read snapshot',
      url: thisDatabaseUrl,
      statements: ['BEGIN ISOLATION LEVEL REPEATABLE READ', 'SELECT count(*) FROM outbox_events', 'SELECT pg_current_xact_id()'],
    },
  ])('delivers events with a transaction open $name', async ({ url, statements }) => {
    const job = await runningJob(world.server, world, threeChanges);
    const subscription = await liveJobUpdates(world.server, client, job.id);
    const foreign = await openForeignTransaction(url(), statements);
    try {
      await recordStep(world.server, world, job.id, { stepIndex: 0, status: 'COMPLETED' });
      await recordStep(world.server, world, job.id, { stepIndex: 1, status: 'COMPLETED' });
      const seen = await subscription.until((events) => events.length === 3);
      expect(seen.map((event) => `${event.type}:${event.job.currentStepIndex}`).slice(1)).toEqual(['job.step_recorded:1', 'job.step_recorded:2']);

      // The foreign transaction was open (with its xid, idle in transaction) the whole time.
      const [activity] = await world.server.database.dataSource.query(`SELECT state, backend_xid IS NOT NULL AS "hasXid" FROM pg_stat_activity WHERE pid = $1`, [foreign.pid]);
      expect(activity).toEqual({ state: 'idle in transaction', hasXid: true });
    } finally {
      subscription.stop();
      await foreign.end();
    }
  });
});
