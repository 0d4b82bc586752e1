// Unit tests of the outbox reader's hints: the first hint of a sequenced position wakes a read; a
// hint of a position already hinted (the sequencer's NOTIFY after its own instance was told
// directly) wakes none — proved by a later position's read being the next one.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { EventHub } from '../../src/delivery/event-hub.js';
import { OutboxReader } from '../../src/delivery/outbox-reader.js';
import type { OutboxReads, StoredEvent } from '../../src/runtime/read-outbox.js';

function event(position: number): StoredEvent {
  return { id: String(position), tenantId: 't1', type: 'job.started', subjectType: 'job', subjectId: 'job_1', actor: 'olga', payload: {}, createdAt: new Date(0) };
}

/** An outbox whose sequenced positions the test sets; it records where each read started. */
function outboxOf() {
  let sequenced = 0;
  const readsAfter: bigint[] = [];
  let onRead: () => void = () => {};
  const outbox = {
    lastPosition: async () => 0n,
    eventsAfter: async (after: bigint) => {
      readsAfter.push(after);
      const events = Array.from({ length: Math.max(0, sequenced - Number(after)) }, (_, index) => event(Number(after) + index + 1));
      onRead();
      return events;
    },
  } as unknown as OutboxReads;
  return {
    outbox,
    readsAfter,
    sequence: (through: number) => void (sequenced = through),
    /** Resolves once `count` reads have been made in all and the last one's events handed on. */
    reads: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => readsAfter.length >= count && setImmediate(resolve);
        onRead = check;
        check();
      }),
  };
}

describe('OutboxReader hints', () => {
  it('reads once per newly sequenced position, not again for a position already hinted', async () => {
    const { outbox, readsAfter, sequence, reads } = outboxOf();
    const hub = new EventHub();
    const reader = new OutboxReader(outbox, hub, pino({ level: 'silent' }), { pollIntervalMs: 60_000, batchWindowMs: 1, retryMs: 10 });
    reader.start();
    await reads(1);
    expect(hub.settledThrough).toBe(0n);

    sequence(2);
    reader.sequencedThrough(2n);
    await reads(2);
    expect(hub.settledThrough).toBe(2n);

    reader.sequencedThrough(2n);
    reader.sequencedThrough(1n);
    sequence(3);
    reader.sequencedThrough(3n);
    await reads(3);
    expect(readsAfter).toEqual([0n, 0n, 2n]);
    expect(hub.settledThrough).toBe(3n);
    await reader.stop();
  });
});
