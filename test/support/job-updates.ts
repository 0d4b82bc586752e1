// Job update subscriptions for delivery tests: record `jobUpdated` from a resume position, subscribe
// provably live (the replayed latest event has arrived), and read a job's event ids from the outbox.
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { JobUpdatedDocument, type JobUpdatedSubscription } from '../generated/graphql.js';
import { record, type RecordedSubscription } from './subscriptions.js';
import type { TestServer } from './test-server.js';

/** One delivered job event as the JobUpdated operation selects it. */
export type JobEventView = JobUpdatedSubscription['jobUpdated'];

type HasDatabase = Pick<TestServer, 'database'>;

/** Records `jobUpdated(id, after)` over the client. */
export function recordJobUpdates(client: Client, jobId: string, after: string | null): RecordedSubscription<JobEventView> {
  return record(client, print(JobUpdatedDocument), { id: jobId, after }, (data) => (data as JobUpdatedSubscription).jobUpdated);
}

/** The positions (delivered ids) of a job's events after `after`, ascending, once everything committed so far is sequenced. */
export async function jobEventIds(server: HasDatabase, jobId: string, after = '0'): Promise<string[]> {
  await untilSequenced(server);
  const rows: { id: string }[] = await server.database.dataSource.query(
    `SELECT position::text AS id FROM outbox_events WHERE subject_type = 'job' AND subject_id = $1 AND position > $2 ORDER BY position`,
    [jobId, after],
  );
  return rows.map((row) => row.id);
}

/**
 * Subscribes to a job resuming just before its latest event and waits for that event's replay: from
 * then on the subscriber is registered on the instance, so what follows reaches it live.
 */
export async function liveJobUpdates(server: HasDatabase, client: Client, jobId: string): Promise<RecordedSubscription<JobEventView>> {
  const ids = await jobEventIds(server, jobId);
  const latest = ids[ids.length - 1];
  const subscription = recordJobUpdates(client, jobId, (BigInt(latest) - 1n).toString());
  await subscription.until((seen) => seen.length > 0);
  return subscription;
}

/** Waits until every event committed so far has its position. */
export function untilSequenced(server: HasDatabase): Promise<void> {
  return pollUntil('every committed event sequenced', async () => {
    const [{ waiting }] = await server.database.dataSource.query(`SELECT count(*)::int AS waiting FROM outbox_events WHERE position IS NULL`);
    return waiting === 0;
  });
}

/** The ids a subscription received, in arrival order. */
export function receivedIds(subscription: RecordedSubscription<JobEventView>): string[] {
  return subscription.results.map((event) => event.id);
}

/** Resolves once the async `check` holds (e.g. a database query), polling every 50 ms; rejects after `timeoutMs`. */
export async function pollUntil(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
