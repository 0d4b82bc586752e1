// Out-of-order commit: outbox ids are drawn before commit, so a later id can commit first. Delivery
// holds the later event until the earlier transaction ends, then hands out both in id order, each
// once (or only the later one when the earlier rolls back) — it never moves past an id in flight.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushOutbox, type NewOutboxEvent, type SubjectType } from '../../src/runtime/outbox-flush.js';
import { useContractWorld } from '../support/contract-world.js';
import { liveJobUpdates, receivedIds, type JobEventView } from '../support/job-updates.js';
import { runningJob } from '../support/jobs.js';
import { countRows, selectRows } from '../support/rows.js';
import type { RecordedSubscription } from '../support/subscriptions.js';
import type { TestServer } from '../support/test-server.js';
import { wsClient } from '../support/ws-client.js';

/** How long a committed later id is watched for (wrongly) being delivered ahead of an open earlier one. */
const HOLD_OBSERVATION_MS = 500;

/** A transaction that has written one outbox event (its id drawn) and is still open. */
interface OpenEventTransaction {
  id: string;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** Opens a transaction, writes `event` with the product's outbox flush, and leaves it open. */
async function openTransactionWriting(server: TestServer, event: NewOutboxEvent): Promise<OpenEventTransaction> {
  const runner = server.database.dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await flushOutbox(runner.manager, [event], server.clock.now());
  const [row]: { id: string }[] = await runner.query(`SELECT id::text AS id FROM outbox_events WHERE xid = pg_current_xact_id()`);
  const end = async (how: 'commitTransaction' | 'rollbackTransaction') => {
    try {
      await runner[how]();
    } finally {
      await runner.release();
    }
  };
  return { id: row.id, commit: () => end('commitTransaction'), rollback: () => end('rollbackTransaction') };
}

/** A copy of the job's latest real event (its payload carries the job snapshot) under another type. */
async function copyOfLatestEvent(server: TestServer, jobId: string, type: string): Promise<NewOutboxEvent> {
  const rows = await selectRows<{ tenant_id: string; subject_type: SubjectType; subject_id: string; actor: string; payload: Record<string, unknown> }>(server, 'outbox_events', { subject_id: jobId });
  const latest = rows[rows.length - 1];
  return { tenantId: latest.tenant_id, type, subjectType: latest.subject_type, subjectId: latest.subject_id, actor: latest.actor, payload: latest.payload };
}

describe('events committed out of id order', () => {
  const world = useContractWorld();
  let client: Client;
  let jobId: string;

  beforeAll(async () => {
    client = wsClient(world.server.url, await world.server.key('viewer', 'vera'));
    jobId = (await runningJob(world.server, world)).id;
  });
  afterAll(() => client.dispose());

  /** Opens T1 then T2 (T1 draws the smaller id), commits T2 and checks its event is held back. */
  async function laterIdCommittedFirst() {
    const subscription = await liveJobUpdates(world.server, client, jobId);
    const earlier = await openTransactionWriting(world.server, await copyOfLatestEvent(world.server, jobId, 'ordering.earlier'));
    const later = await openTransactionWriting(world.server, await copyOfLatestEvent(world.server, jobId, 'ordering.later'));
    expect(BigInt(earlier.id)).toBeLessThan(BigInt(later.id));
    await later.commit();
    await new Promise((resolve) => setTimeout(resolve, HOLD_OBSERVATION_MS));
    expect(subscription.results).toHaveLength(1);
    expect(world.server.app.delivery.hub.settledThrough).toBeLessThan(BigInt(earlier.id));
    return { subscription, replayedId: subscription.results[0].id, earlier, later };
  }

  /** Commits one more event alone and waits for it: everything before it has been delivered by then. */
  async function deliverSentinel(subscription: RecordedSubscription<JobEventView>) {
    const sentinel = await openTransactionWriting(world.server, await copyOfLatestEvent(world.server, jobId, 'ordering.sentinel'));
    await sentinel.commit();
    await subscription.until((seen) => seen.some((event) => event.id === sentinel.id));
    subscription.stop();
    expect(subscription.errors).toEqual([]);
    return sentinel.id;
  }

  it('holds the later id until the earlier transaction commits, then delivers both in id order, each once', async () => {
    const { subscription, replayedId, earlier, later } = await laterIdCommittedFirst();
    await earlier.commit();
    await subscription.until((seen) => seen.some((event) => event.id === later.id));
    const sentinelId = await deliverSentinel(subscription);

    expect(receivedIds(subscription)).toEqual([replayedId, earlier.id, later.id, sentinelId]);
    expect(subscription.results.slice(1).map((event) => event.type)).toEqual(['ordering.earlier', 'ordering.later', 'ordering.sentinel']);
    expect(subscription.results.every((event) => event.job.id === jobId)).toBe(true);
  });

  it('delivers the later id once the earlier transaction rolls back, and the rolled-back event never', async () => {
    const { subscription, replayedId, earlier, later } = await laterIdCommittedFirst();
    await earlier.rollback();
    await subscription.until((seen) => seen.some((event) => event.id === later.id));
    const sentinelId = await deliverSentinel(subscription);

    expect(receivedIds(subscription)).toEqual([replayedId, later.id, sentinelId]);
    expect(await countRows(world.server, 'outbox_events', { id: earlier.id })).toBe(0);
  });
});
