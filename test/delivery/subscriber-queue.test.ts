// Unit tests of a subscriber's bounded queue: a waiting reader is woken, events come out in the order
// they went in, and a subscriber that falls more than `capacity` behind fails instead of growing.
import { describe, expect, it } from 'vitest';
import { SubscriptionEnded } from '../../src/delivery/live-sink.js';
import { SubscriberQueue } from '../../src/delivery/subscriber-queue.js';
import type { StoredEvent } from '../../src/runtime/read-outbox.js';

function event(id: number): StoredEvent {
  return { id: String(id), tenantId: 't1', type: 'job.started', subjectType: 'job', subjectId: 'job_1', actor: 'olga', payload: { status: 'RUNNING' }, createdAt: new Date(0) };
}

function queueOf(capacity: number): SubscriberQueue {
  return new SubscriberQueue({ tenantId: 't1' }, capacity, 0n, 'key_1');
}

/** Takes `count` events, returning their ids. */
async function take(queue: SubscriberQueue, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let taken = 0; taken < count; taken += 1) ids.push((await queue.next()).id);
  return ids;
}

describe('SubscriberQueue', () => {
  it('wakes a reader that is waiting with the next event pushed', async () => {
    const queue = queueOf(3);
    const waiting = queue.next();
    queue.push(event(1));
    await expect(waiting).resolves.toEqual(event(1));
  });

  it('hands out buffered events first in, first out', async () => {
    const queue = queueOf(5);
    for (const id of [3, 4, 7, 9]) queue.push(event(id));
    expect(await take(queue, 4)).toEqual(['3', '4', '7', '9']);
  });

  it('keeps order across a waiting reader and events buffered behind it', async () => {
    const queue = queueOf(5);
    const waiting = queue.next();
    for (const id of [1, 2, 3]) queue.push(event(id));
    expect((await waiting).id).toBe('1');
    expect(await take(queue, 2)).toEqual(['2', '3']);
  });

  it('holds exactly `capacity` unread events', async () => {
    const queue = queueOf(3);
    for (const id of [1, 2, 3]) queue.push(event(id));
    expect(await take(queue, 3)).toEqual(['1', '2', '3']);
  });

  it('counts only unread events: a reader that keeps up never overflows', async () => {
    const queue = queueOf(2);
    const ids: string[] = [];
    for (let id = 1; id <= 50; id += 1) {
      queue.push(event(id));
      ids.push(...(await take(queue, 1)));
    }
    expect(ids).toHaveLength(50);
  });

  it('ends with an overflow one event past capacity and drops what it buffered', async () => {
    const queue = queueOf(3);
    for (const id of [1, 2, 3, 4]) queue.push(event(id));
    const failure = await queue.next().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SubscriptionEnded);
    expect((failure as SubscriptionEnded).ending).toEqual({ kind: 'overflow', capacity: 3 });
    expect(queue.size).toBe(0);
  });

  it.each([
    { name: 'its own key is revoked', end: (queue: SubscriberQueue) => queue.revoke('key_1'), ending: { kind: 'revoked' } },
    { name: 'the server shuts down', end: (queue: SubscriberQueue) => queue.close(), ending: { kind: 'shutdown' } },
  ])('ends when $name', async ({ end, ending }) => {
    const queue = queueOf(3);
    queue.revoke('key_other');
    expect(queue.size).toBe(1);
    end(queue);
    expect(((await queue.next().catch((error: unknown) => error)) as SubscriptionEnded).ending).toEqual(ending);
    expect(queue.size).toBe(0);
  });

  it('does not grow after overflowing: later events are refused and every read keeps failing', async () => {
    const queue = queueOf(2);
    for (let id = 1; id <= 1000; id += 1) queue.push(event(id));
    for (let read = 0; read < 3; read += 1) await expect(queue.next()).rejects.toBeInstanceOf(SubscriptionEnded);
  });

  it('wakes a waiting reader with the failure when failed, and keeps the first failure', async () => {
    const queue = queueOf(2);
    const waiting = queue.next();
    const shutdown = new Error('shutting down');
    queue.fail(shutdown);
    queue.fail(new Error('later'));
    await expect(waiting).rejects.toBe(shutdown);
    await expect(queue.next()).rejects.toBe(shutdown);
  });

  it('remembers where the subscriber registered', () => {
    expect(new SubscriberQueue({ tenantId: 't1' }, 4, 42n, 'key_1').registeredAt).toBe(42n);
  });
});
