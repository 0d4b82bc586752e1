// Pushed graphql-ws frames, on a real hub and real event streams with sockets faked: subscribers that
// asked the same thing share one rendering per event and get it as a `next` frame in order, none
// before it joined and none twice; a lagging socket is cut off with RATE_LIMITED at the position it
// got last; a revoked key ends only its members; shutdown ends all with UNAVAILABLE; leaving frees.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { EventHub } from '../../src/delivery/event-hub.js';
import { streamEvents, type EventDelivery } from '../../src/delivery/event-stream.js';
import { FrameGroups, type FrameTarget } from '../../src/http/frame-groups.js';
import type { OutboxReads, StoredEvent } from '../../src/runtime/read-outbox.js';

function event(id: number): StoredEvent {
  return { id: String(id), tenantId: 't1', type: 'job.started', subjectType: 'job', subjectId: 'job_1', actor: 'olga', payload: { status: 'RUNNING' }, createdAt: new Date(0) };
}

/** A socket that records frames; while `stalled`, it never reports a frame written (its client stopped reading). */
function fakeSocket() {
  const frames: { id: string; type: string; payload: unknown }[] = [];
  const socket = {
    frames,
    stalled: false,
    send(data: string, written: () => void) {
      frames.push(JSON.parse(data));
      if (!socket.stalled) queueMicrotask(written);
    },
  };
  return socket;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function world(capacity = 10) {
  const hub = new EventHub();
  hub.open(0n);
  const delivery: EventDelivery = { hub, outbox: {} as OutboxReads, queueCapacity: capacity };
  const groups = new FrameGroups(hub, capacity, pino({ level: 'silent' }));
  const renders: string[] = [];
  const render = async (stored: StoredEvent) => {
    renders.push(stored.id);
    return JSON.stringify({ data: { seen: stored.id } });
  };
  /** A subscriber of key `key` authenticated with `apiKeyId`, served by pushing to `socket`. */
  const subscribe = (socket: FrameTarget['socket'], operationId: string, apiKeyId = 'key_a', key = 'same') => {
    const operation = groups.serve(streamEvents(delivery, { tenantId: 't1' }, null, { apiKeyId }), { operationId, socket }, key, render);
    const outcome = operation.next().then(
      (step) => ({ ended: step.done }),
      (error: { extensions: Record<string, unknown> }) => ({ error: error.extensions }),
    );
    return { operation, outcome };
  };
  /** Publishes and lets the pushes and writes run. */
  const publish = async (...ids: number[]) => {
    for (const id of ids) hub.publish([event(id)], BigInt(id));
    for (let turn = 0; turn < 5; turn += 1) await settle();
  };
  return { hub, renders, subscribe, publish };
}

const seenIn = (socket: ReturnType<typeof fakeSocket>) => socket.frames.map((frame) => (frame.payload as { data: { seen: string } }).data.seen);

describe('FrameGroups', () => {
  it('renders each event once for every member of a key and writes it to each as a next frame, in order', async () => {
    const { hub, renders, subscribe, publish } = world();
    const sockets = [fakeSocket(), fakeSocket(), fakeSocket()];
    sockets.forEach((socket, index) => subscribe(socket, `op-${index}`));
    await publish(1);
    await publish(2, 3, 4);
    for (const socket of sockets) expect(seenIn(socket)).toEqual(['1', '2', '3', '4']);
    expect(sockets[1].frames[0]).toEqual({ id: 'op-1', type: 'next', payload: { data: { seen: '1' } } });
    // The first event is rendered as each subscriber pulls it (shared per event in production); once live, once per group.
    expect(renders.filter((id) => id !== '1')).toEqual(['2', '3', '4']);
    expect(hub.size).toBe(3);
  });

  it('gives a member that joins later only what was published after it subscribed, and nothing twice', async () => {
    const { subscribe, publish } = world();
    const early = fakeSocket();
    subscribe(early, 'early');
    await publish(1, 2);
    const late = fakeSocket();
    subscribe(late, 'late');
    await publish(3, 4);
    expect(seenIn(early)).toEqual(['1', '2', '3', '4']);
    expect(seenIn(late)).toEqual(['3', '4']);
  });

  it('cuts off a socket whose frames stay unwritten past the capacity, at the position it got last, and keeps serving the others', async () => {
    const { hub, subscribe, publish } = world(2);
    const stalled = fakeSocket();
    const healthy = fakeSocket();
    const cut = subscribe(stalled, 'stalled');
    subscribe(healthy, 'healthy');
    await publish(1);
    stalled.stalled = true;
    await publish(2, 3, 4, 5);
    expect(await cut.outcome).toEqual({ error: expect.objectContaining({ code: 'RATE_LIMITED', resumeAfter: '3' }) });
    expect(seenIn(stalled)).toEqual(['1', '2', '3']);
    expect(seenIn(healthy)).toEqual(['1', '2', '3', '4', '5']);
    expect(hub.size).toBe(1);
  });

  it('ends only the revoked key’s members, then everyone at shutdown with the position each got last', async () => {
    const { hub, subscribe, publish } = world();
    const revoked = subscribe(fakeSocket(), 'a', 'key_revoked');
    const kept = subscribe(fakeSocket(), 'b', 'key_kept');
    await publish(1, 2);
    hub.publish([{ ...event(3), type: 'apikey.revoked', subjectType: 'api_key', subjectId: 'key_revoked' }], 3n);
    expect(await revoked.outcome).toEqual({ error: { code: 'UNAUTHENTICATED', reason: 'API_KEY_REVOKED' } });
    expect(hub.size).toBe(1);
    await publish(4);
    hub.closeAll();
    expect(await kept.outcome).toEqual({ error: expect.objectContaining({ code: 'UNAVAILABLE', resumeAfter: '4' }) });
  });

  it('lets a member leave (return) at once, and drops an empty group from the hub', async () => {
    const { hub, subscribe, publish } = world();
    const socket = fakeSocket();
    const leaving = subscribe(socket, 'leaving');
    await publish(1);
    await leaving.operation.return!();
    expect(await leaving.outcome).toEqual({ ended: true });
    expect(hub.size).toBe(0);
    await publish(2);
    expect(seenIn(socket)).toEqual(['1']);
  });
});
