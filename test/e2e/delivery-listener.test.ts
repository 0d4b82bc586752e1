// The instance's delivery session (LISTEN and the sequencer's lock): when the database ends it, events
// still reach subscribers (the session comes back, takes the lock again, and the poll covers the gap).
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useContractWorld } from '../support/contract-world.js';
import { liveJobUpdates, pollUntil } from '../support/job-updates.js';
import { recordStep, runningJob, threeChanges } from '../support/jobs.js';
import { wsClient } from '../support/ws-client.js';
import { DELIVERY_APPLICATION_NAME } from '../../src/database/delivery-connection.js';

/** "Within a few seconds": the poll interval (1 s) plus the listener's first reconnect backoff, with room. */
const DELIVERY_BOUND_MS = 5_000;

describe('the delivery session', () => {
  const world = useContractWorld();
  let client: Client;

  beforeAll(async () => {
    client = wsClient(world.server.url, await world.server.key('viewer', 'vera'));
  });
  afterAll(() => client.dispose());

  /** Backends of this database that are the instance's delivery session. */
  async function listenerPids(): Promise<number[]> {
    const rows: { pid: number }[] = await world.server.database.dataSource.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [DELIVERY_APPLICATION_NAME]);
    return rows.map((row) => row.pid);
  }

  it('keeps delivering after the database terminates the delivery session, and listens (and sequences) again', async () => {
    const job = await runningJob(world.server, world, threeChanges);
    const subscription = await liveJobUpdates(world.server, client, job.id);
    const [listener, ...others] = await listenerPids();
    expect(others).toEqual([]);

    const terminated: { ended: boolean }[] = await world.server.database.dataSource.query(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
      [DELIVERY_APPLICATION_NAME],
    );
    expect(terminated).toEqual([{ ended: true }]);
    await recordStep(world.server, world, job.id, { stepIndex: 0, status: 'COMPLETED' });
    await subscription.until((seen) => seen.length === 2, DELIVERY_BOUND_MS);

    await pollUntil('a new delivery session', async () => (await listenerPids()).some((pid) => pid !== listener), DELIVERY_BOUND_MS);
    expect(await listenerPids()).toHaveLength(1);
    await recordStep(world.server, world, job.id, { stepIndex: 1, status: 'COMPLETED' });
    await subscription.until((seen) => seen.length === 3, DELIVERY_BOUND_MS);

    subscription.stop();
    expect(subscription.errors).toEqual([]);
    expect(subscription.results.map((event) => `${event.type}:${event.job.currentStepIndex}`)).toEqual(['job.started:0', 'job.step_recorded:1', 'job.step_recorded:2']);
  });
});
