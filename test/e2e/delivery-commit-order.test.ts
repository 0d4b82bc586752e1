// Commit order: outbox ids are drawn before commit, so a later id can commit first. Delivery follows
// commits, not ids: the later id is delivered as soon as it commits — it never waits for the earlier,
// still open transaction — and the earlier one is delivered after it when it commits (with a larger
// position), or never when it rolls back. Each exactly once.
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

/** A transaction that has written one outbox event (its id drawn) and is still open. */
interface OpenEventTransaction {
  /** The event's outbox id (drawn at write time; not what subscribers see). */
  outboxId: string;
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
  return { outboxId: row.id, commit: () => end('commitTransaction'), rollback: () => end('rollbackTransaction') };
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

  /** Opens T1 then T2 (T1 draws the smaller id), commits T2 and waits for its event while T1 stays open. */
  async function laterIdCommittedFirst() {
    const subscription = await liveJobUpdates(world.server, client, jobId);
    const earlier = await openTransactionWriting(world.server, await copyOfLatestEvent(world.server, jobId, 'ordering.earlier'));
    const later = await openTransactionWriting(world.server, await copyOfLatestEvent(world.server, jobId, 'ordering.later'));
    expect(BigInt(earlier.outboxId)).toBeLessThan(BigInt(later.outboxId));
    await later.commit();
    // Delivered while the earlier transaction is still open: nothing waits for it.
    await subscription.until((seen) => seen.some((event) => event.type === 'ordering.later'));
    return { subscription, replayedId: subscription.results[0].id, earlier };
  }

  /** Commits one more event alone and waits for it: everything committed before it has been delivered by then. */
  async function deliverSentinel(subscription: RecordedSubscription<JobEventView>) {
    const sentinel = await openTransactionWriting(world.server, await copyOfLatestEvent(world.server, jobId, 'ordering.sentinel'));
    await sentinel.commit();
    await subscription.until((seen) => seen.slice(1).some((event) => event.type === 'ordering.sentinel'));
    subscription.stop();
    expect(subscription.errors).toEqual([]);
  }

  it('delivers the later id at its commit, then the earlier one at its own commit, in commit order, each once', async () => {
    const { subscription, replayedId, earlier } = await laterIdCommittedFirst();
    await earlier.commit();
    await subscription.until((seen) => seen.some((event) => event.type === 'ordering.earlier'));
    await deliverSentinel(subscription);

    expect(subscription.results.map((event) => event.type).slice(1)).toEqual(['ordering.later', 'ordering.earlier', 'ordering.sentinel']);
    const positions = receivedIds(subscription).map(BigInt);
    expect(positions[0]).toBe(BigInt(replayedId));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
    expect(subscription.results.every((event) => event.job.id === jobId)).toBe(true);
  });

  it('never delivers the earlier event when its transaction rolls back', async () => {
    const { subscription, replayedId, earlier } = await laterIdCommittedFirst();
    await earlier.rollback();
    await deliverSentinel(subscription);

    expect(subscription.results.map((event) => event.type).slice(1)).toEqual(['ordering.later', 'ordering.sentinel']);
    expect(subscription.results[0].id).toBe(replayedId);
    expect(await countRows(world.server, 'outbox_events', { id: earlier.outboxId })).toBe(0);
  });
});
