// The instance's one outbox reader: woken by the sequencer's hints and a low-rate poll, it reads
// sequenced events after the last position it published and hands them to the hub, in position
// order, each exactly once. Positions become visible in order, so reading past one never skips one.
import type { Logger } from 'pino';
import type { OutboxReads } from '../runtime/read-outbox.js';
import { CoalescedTask } from './coalesced-task.js';
import type { EventHub } from './event-hub.js';

const PAGE_SIZE = 500;

/** Timing of the reader. */
export interface OutboxReaderOptions {
  /** Poll this often even without hints (a lost hint delays delivery at most this long). */
  pollIntervalMs: number;
  /** While hints keep coming, wait this long between reads, so one read serves the commits meanwhile. */
  batchWindowMs: number;
  /** How long to wait before looking for the starting position again when the database is away. */
  retryMs: number;
}

/** Reads sequenced events and publishes them to the hub. */
export class OutboxReader {
  private readonly task: CoalescedTask;
  private stopped = false;
  /** The highest position a hint has named so far. */
  private hintedThrough = 0n;

  constructor(
    private readonly outbox: OutboxReads,
    private readonly hub: EventHub,
    private readonly logger: Logger,
    private readonly options: OutboxReaderOptions,
  ) {
    this.task = new CoalescedTask(() => this.readOnce(), { ...options, name: 'outbox read' }, logger);
  }

  /**
   * Starts reading. The starting position (everything up to it is history, served by replay) is
   * found in the background, so an unreachable database delays subscriptions, not start-up.
   */
  start(): void {
    void this.findStartingPosition();
    this.task.start();
  }

  /** A hint that events may have been sequenced. */
  wake(): void {
    this.task.wake();
  }

  /**
   * A hint that positions up to `position` are sequenced (the local sequencer's pass, or its NOTIFY
   * — every pass sends both to its own instance). The first hint of a position wakes a read that
   * starts after the position was committed; a hint of a position already hinted wakes nothing.
   */
  sequencedThrough(position: bigint): void {
    if (position <= this.hintedThrough) return;
    this.hintedThrough = position;
    this.wake();
  }

  /** Stops reading; waits for a read in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.task.stop();
  }

  private async findStartingPosition(): Promise<void> {
    while (!this.stopped) {
      try {
        this.hub.open(await this.outbox.lastPosition());
        this.wake();
        return;
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox position not found yet; retrying');
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.retryMs));
    }
  }

  private async readOnce(): Promise<void> {
    while (this.hub.isOpen && !this.stopped) {
      const events = await this.outbox.eventsAfter(this.hub.settledThrough, PAGE_SIZE);
      if (events.length === 0) return;
      this.hub.publish(events, BigInt(events[events.length - 1].id));
      if (events.length < PAGE_SIZE) return;
    }
  }
}
