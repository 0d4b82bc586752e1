// The sequencer is one instance's job per database, and any instance takes it over: two server
// processes share a database; the one that sequences is killed with SIGKILL while a job keeps moving
// through the other; the survivor takes the lock over, its subscribers get every event exactly once
// in order, and the killed instance's subscribers resume on the survivor with no gap and no duplicate.
import type { Client } from 'graphql-ws';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDatabase, type OpenDatabase } from '../../src/database/open-database.js';
import { systemClock } from '../../src/runtime/clock.js';
import { makeGovernanceRuntime } from '../../src/runtime/make-runtime.js';
import { CompleteJobDocument } from '../generated/graphql.js';
import { createTestDatabase, ownerDataSource } from '../support/databases.js';
import { jobEventIds, pollUntil, receivedIds, recordJobUpdates } from '../support/job-updates.js';
import { recordStep, runningJob } from '../support/jobs.js';
import { stepsOf } from '../support/job-subscriptions.js';
import { freePort, killSpawnedProcesses, startInstanceProcess, type ServerProcess } from '../support/process.js';
import { graphqlAt } from '../support/raw-http.js';
import { dataOf } from '../support/responses.js';
import { wsClient } from '../support/ws-client.js';

const SPAWN_TIMEOUT = 120_000;
const SUBSCRIBERS_PER_INSTANCE = 5;
const STEPS = 8;

describe('the outbox sequencer across instances', () => {
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: OpenDatabase;
  /** The same database as its owner, to inspect rows of every tenant and every session. */
  let owner: DataSource;
  const clients: Client[] = [];
  const client = (instance: ServerProcess, key: string) => {
    const created = wsClient(instance.url, key);
    clients.push(created);
    return created;
  };

  /** The pid of the server process whose delivery session holds the sequencer lock (null: none). */
  async function sequencerPid(): Promise<number | null> {
    const rows: { name: string }[] = await owner.query(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database() AND a.application_name LIKE 'governance-delivery:%'`,
    );
    return rows.length === 1 ? Number(rows[0].name.split(':')[1]) : null;
  }

  beforeAll(async () => {
    testDatabase = await createTestDatabase(inject('adminDatabaseUrl'), inject('templateDatabase'));
    // Keys are minted in-process, without delivery: only the two server processes compete to sequence.
    database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: '', logger: pino({ level: 'silent' }) });
    owner = await ownerDataSource(testDatabase.url);
  });
  afterAll(async () => {
    await Promise.all(clients.map((created) => created.dispose()));
    await killSpawnedProcesses();
    await owner.destroy();
    await database.close();
    await testDatabase.drop();
  });

  it(
    'is taken over when its holder is killed with SIGKILL: nothing is lost, nothing is delivered twice',
    async () => {
      const runtime = makeGovernanceRuntime({ dataSource: database.dataSource, clock: systemClock });
      const mint = async (role: 'viewer' | 'operator' | 'approver', principal: string) => (await runtime.createApiKey({ tenantId: 'default', role, principal })).key;
      const callers = { operator: await mint('operator', 'olga'), approver: await mint('approver', 'april') };
      const viewer = await mint('viewer', 'vera');

      const holder = await startInstanceProcess(database.url, await freePort());
      await pollUntil('the first instance sequences', async () => (await sequencerPid()) === holder.pid);
      const survivor = await startInstanceProcess(database.url, await freePort());
      const api = graphqlAt(survivor.url);
      const job = await runningJob(api, callers, stepsOf(STEPS));
      const [created] = await jobEventIds({ database: { ...database, dataSource: owner } }, job.id);
      const from = (BigInt(created) - 1n).toString();
      const onSurvivor = Array.from({ length: SUBSCRIBERS_PER_INSTANCE }, () => recordJobUpdates(client(survivor, viewer), job.id, from));
      const onHolder = Array.from({ length: SUBSCRIBERS_PER_INSTANCE }, () => recordJobUpdates(client(holder, viewer), job.id, from));
      for (const subscription of [...onSurvivor, ...onHolder]) await subscription.until((seen) => seen.length === 2);

      // Steps keep coming through the survivor while the holder dies in the middle of them.
      for (let stepIndex = 0; stepIndex < STEPS; stepIndex += 1) {
        if (stepIndex === 3) expect(await holder.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
        await recordStep(api, callers, job.id, { stepIndex, status: 'COMPLETED' });
      }
      dataOf(await api.gql(callers.operator, CompleteJobDocument, { id: job.id }));
      await pollUntil('the survivor sequences', async () => (await sequencerPid()) === survivor.pid);

      const expected = await jobEventIds({ database: { ...database, dataSource: owner } }, job.id, from);
      expect(expected).toHaveLength(2 + STEPS + 2);
      for (const subscription of onSurvivor) {
        await subscription.until((seen) => seen.length >= expected.length);
        expect(receivedIds(subscription)).toEqual(expected);
        expect(subscription.errors).toEqual([]);
      }
      // The killed instance's subscribers resume on the survivor from what each saw last.
      for (const subscription of onHolder) {
        await subscription.failure();
        const seen = receivedIds(subscription);
        expect(seen).toEqual(expected.slice(0, seen.length));
        const resumed = recordJobUpdates(client(survivor, viewer), job.id, seen[seen.length - 1]);
        await resumed.until((events) => events.length >= expected.length - seen.length);
        expect([...seen, ...receivedIds(resumed)]).toEqual(expected);
      }
    },
    SPAWN_TIMEOUT,
  );
});
