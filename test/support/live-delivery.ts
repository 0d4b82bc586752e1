// Waiting on an instance's event delivery in tests: until the instance has a given number of live
// subscribers, and until it has published everything committed so far, so that the events a test
// causes next reach the subscribers it registers next live.
import { pollUntil, untilSequenced } from './job-updates.js';
import type { TestServer } from './test-server.js';

/** Waits until exactly `count` subscribers are registered with the server's delivery hub. */
export function untilSubscribers(server: Pick<TestServer, 'app'>, count: number): Promise<void> {
  const { hub } = server.app.delivery;
  return pollUntil(`${count} live subscribers`, async () => hub.size === count);
}

/**
 * Waits until the server has published every event committed so far. A subscriber without `after`
 * starts at the instance's published position, which may trail the last commit; waiting first
 * means a subscriber registered next receives only events of commands sent after this.
 */
export async function untilDeliveredSoFar(server: Pick<TestServer, 'app' | 'database'>): Promise<void> {
  await untilSequenced(server);
  const [{ last }] = await server.database.dataSource.query(`SELECT last_position::text AS last FROM outbox_sequencer`);
  const { hub } = server.app.delivery;
  await pollUntil(`events through id ${last} published`, async () => hub.settledThrough >= BigInt(last));
}
