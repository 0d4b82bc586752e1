// graphql-ws subscribers served by pushing: once a subscriber is live, it joins the group of those
// that asked the same thing (the sharing key); each event is executed once for the group, serialised
// once, and written to every member's socket as a `next` frame as it arrives — no per-subscriber
// pull, promise chain or serialisation (P6: 1,000 subscribers cost one execution and one
// JSON.stringify per event, then a string concatenation and a socket write each). graphql-ws keeps
// the protocol: the operation's iterable never yields, and ends with a typed error or on return().
import type { Logger } from 'pino';
import type { EventHub } from '../delivery/event-hub.js';
import type { EventSelector } from '../delivery/event-selector.js';
import type { EventStream, LiveHandover } from '../delivery/event-stream.js';
import { endingError, type LiveEnding, type LiveSink } from '../delivery/live-sink.js';
import { ensureError, GovernanceError } from '../runtime/errors.js';
import type { StoredEvent } from '../runtime/read-outbox.js';

/** Where a subscriber's frames go: its graphql-ws operation id and its socket. */
export interface FrameTarget {
  operationId: string;
  socket: { send(data: string, callback: (error?: Error) => void): void };
}

/** An event's result for a group, serialised (the `payload` of a `next` frame). */
export type RenderPayload = (event: StoredEvent) => Promise<string>;

/** The groups of one server. */
export class FrameGroups {
  private readonly groups = new Map<string, FrameGroup>();

  constructor(
    private readonly hub: EventHub,
    /** Frames a member may have unwritten before it is cut off (RATE_LIMITED with resumeAfter). */
    private readonly capacity: number,
    private readonly logger: Logger,
  ) {}

  /**
   * Serves `stream` to `target`: pulls (replay, and live until nothing is buffered), then joins the
   * group of `key`. Returns the iterable graphql-ws runs the operation on.
   */
  serve(stream: EventStream, target: FrameTarget, key: string, render: RenderPayload): AsyncIterableIterator<never> {
    const member = new Member(target, this.capacity, () => void stream.return?.());
    void this.pullUntilLive(stream, member, key, render);
    return member.operation;
  }

  private async pullUntilLive(stream: EventStream, member: Member, key: string, render: RenderPayload): Promise<void> {
    try {
      for (;;) {
        if (member.closed) return;
        const handover = stream.takeLive();
        if (handover) return this.join(key, handover, member, render);
        const step = await stream.next();
        if (step.done || member.closed) return;
        // Paced by the socket while pulling: a replay waits for each frame to be written; the
        // subscriber's queue meanwhile bounds how far behind the live events it may fall.
        const payload = await render(step.value);
        await new Promise<void>((written) => member.deliver(payload, BigInt(step.value.id), written));
      }
    } catch (error) {
      member.fail(ensureError(error));
    }
  }

  private join(key: string, handover: LiveHandover, member: Member, render: RenderPayload): void {
    let group = this.groups.get(key);
    if (!group) {
      const created = new FrameGroup(handover.selector, render, this.logger, () => {
        this.groups.delete(key);
        this.hub.detach(created);
      });
      this.groups.set(key, created);
      this.hub.attach(created);
      group = created;
    }
    group.add(member, handover);
  }
}

/** One subscriber: its frames, what it was sent last, and the operation graphql-ws awaits. */
class Member {
  closed = false;
  last = 0n;
  apiKeyId = '';
  private unwritten = 0;
  private readonly idJson: string;
  private settle!: { resolve: (result: IteratorReturnResult<undefined>) => void; reject: (error: Error) => void };
  private readonly ended = new Promise<IteratorReturnResult<undefined>>((resolve, reject) => {
    this.settle = { resolve, reject };
  });
  /** Left its group (set when it joins one). */
  leave: () => void = () => {};
  /** The operation's iterable: it yields nothing; it ends on return() (the client left) or with an error. */
  readonly operation: AsyncIterableIterator<never>;

  constructor(
    private readonly target: FrameTarget,
    private readonly capacity: number,
    private readonly releaseStream: () => void,
  ) {
    this.idJson = JSON.stringify(target.operationId);
    const done = { done: true, value: undefined } as const;
    this.operation = {
      next: () => this.ended,
      return: async () => {
        this.close();
        this.settle.resolve(done);
        return done;
      },
      throw: async (error?: unknown) => {
        this.fail(ensureError(error));
        return done;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Writes one `next` frame with the serialised payload; cuts the member off when it lags. */
  deliver(payload: string, position: bigint, written?: () => void): void {
    if (this.closed) return written?.();
    if (this.unwritten >= this.capacity) {
      this.end({ kind: 'overflow', capacity: this.capacity });
      return written?.();
    }
    this.unwritten += 1;
    this.last = position;
    this.target.socket.send(`{"id":${this.idJson},"type":"next","payload":${payload}}`, () => {
      this.unwritten -= 1;
      written?.();
    });
  }

  /** Ends the member for one of the live endings (the client gets the typed error). */
  end(ending: LiveEnding): void {
    this.fail(endingError(ending, this.last));
  }

  /** Ends the member with an error graphql-ws sends to the client. */
  fail(error: Error): void {
    if (this.closed) return;
    this.close();
    this.settle.reject(error);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.leave();
    this.releaseStream();
  }
}

/** The members that share a sharing key: one execution and one serialisation per event for them all. */
class FrameGroup implements LiveSink {
  private readonly members = new Set<Member>();
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly selector: EventSelector,
    private readonly render: RenderPayload,
    private readonly logger: Logger,
    private readonly onEmpty: () => void,
  ) {}

  get size(): number {
    return this.members.size;
  }

  add(member: Member, handover: LiveHandover): void {
    member.last = handover.last;
    member.apiKeyId = handover.apiKeyId;
    member.leave = () => {
      this.members.delete(member);
      if (this.members.size === 0) this.onEmpty();
    };
    this.members.add(member);
  }

  /** In order: each event is rendered once, after the previous one was written. */
  push(event: StoredEvent): void {
    const position = BigInt(event.id);
    this.tail = this.tail
      .then(() => this.render(event))
      .then((payload) => {
        // Members that joined after the event was published have it already (their `last` is past it).
        for (const member of this.members) if (member.last < position) member.deliver(payload, position);
      })
      .catch((error: unknown) => {
        this.logger.error({ err: error, eventId: event.id }, 'a shared subscription execution failed');
        for (const member of this.members) member.fail(new GovernanceError('INTERNAL', 'Internal server error'));
      });
  }

  revoke(apiKeyId: string): void {
    for (const member of this.members) if (member.apiKeyId === apiKeyId) member.end({ kind: 'revoked' });
  }

  close(): void {
    for (const member of this.members) member.end({ kind: 'shutdown' });
  }
}
