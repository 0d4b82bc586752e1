// The instance's LISTEN connection: when the database ends it, events still reach subscribers (the
// poll covers the gap) and the listener comes back on a new connection that carries the next hints.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useContractWorld } from '../support/contract-world.js';
import { liveJobUpdates, pollUntil } from '../support/job-updates.js';
import { recordStep, runningJob, threeChanges } from '../support/jobs.js';
import { wsClient } from '../support/ws-client.js';

/** "Within a few seconds": the poll interval (1 s) plus the listener's first reconnect backoff, with room. */
const DELIVERY_BOUND_MS = 5_000;

describe('the outbox listener connection', () => {
  const world = useContractWorld();
  let client: Client;

  beforeAll(async () => {
    client = wsClient(world.server.url, await world.server.key('viewer', 'vera'));
  });
  afterAll(() => client.dispose());

  /** Backends of this database whose last statement was the LISTEN (the instance's listener). */
  async function listenerPids(): Promise<number[]> {
    const rows: { pid: number }[] = await world.server.database.dataSource.query(`SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND datname = current_database()`);
    return rows.map((row) => row.pid);
  }

  it('keeps delivering after the database terminates the LISTEN connection, and listens again', async () => {
    const job = await runningJob(world.server, world, threeChanges);
    const subscription = await liveJobUpdates(world.server, client, job.id);
    const [listener, ...others] = await listenerPids();
    expect(others).toEqual([]);

    const terminated: { ended: boolean }[] = await world.server.database.dataSource.query(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND datname = current_database()`,
    );
    expect(terminated).toEqual([{ ended: true }]);
    await recordStep(world.server, world, job.id, { stepIndex: 0, status: 'COMPLETED' });
    await subscription.until((seen) => seen.length === 2, DELIVERY_BOUND_MS);

    await pollUntil('a new LISTEN connection', async () => (await listenerPids()).some((pid) => pid !== listener), DELIVERY_BOUND_MS);
    expect(await listenerPids()).toHaveLength(1);
    await recordStep(world.server, world, job.id, { stepIndex: 1, status: 'COMPLETED' });
    await subscription.until((seen) => seen.length === 3, DELIVERY_BOUND_MS);

    subscription.stop();
    expect(subscription.errors).toEqual([]);
    expect(subscription.results.map((event) => `${event.type}:${event.job.currentStepIndex}`)).toEqual(['job.started:0', 'job.step_recorded:1', 'job.step_recorded:2']);
  });
});
