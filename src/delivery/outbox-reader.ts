// The instance's one outbox reader: woken by NOTIFY hints and a low-rate poll, it advances the
// gap-free watermark and publishes every settled event, in id order, to the hub exactly once.
import type { Logger } from 'pino';
import { settleWatermark, type WatermarkCandidate } from '../runtime/engines/delivery-watermark.js';
import type { OutboxReads } from '../runtime/read-outbox.js';
import type { EventHub } from './event-hub.js';

const PAGE_SIZE = 500;

/** Timing of the reader. */
export interface OutboxReaderOptions {
  /** Poll this often even without hints (a lost hint delays delivery at most this long). */
  pollIntervalMs: number;
  /** Look again this soon while a watermark waits for running transactions. */
  settleRetryMs: number;
  /** While hints keep coming, wait this long between reads, so one read serves the commits meanwhile. */
  batchWindowMs: number;
}

/** Reads settled events and publishes them to the hub. */
export class OutboxReader {
  private pending: WatermarkCandidate | null = null;
  private running: Promise<void> | null = null;
  private rerun = false;
  private timer: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly outbox: OutboxReads,
    private readonly hub: EventHub,
    private readonly logger: Logger,
    private readonly options: OutboxReaderOptions,
  ) {}

  /**
   * Starts reading. The starting position (everything before it is history, served by replay) is
   * found in the background, so a long transaction elsewhere delays subscriptions, not start-up.
   */
  start(): void {
    void this.findStartingPosition();
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.timer.unref();
  }

  /** A hint that events may have been committed: read now (coalesced with a read in progress). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.readUntilQuiet().finally(() => {
      this.running = null;
    });
  }

  /** Stops reading; waits for a read in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    await this.running;
  }

  private async findStartingPosition(): Promise<void> {
    while (!this.stopped) {
      try {
        const settled = await this.advance(0n);
        if (settled !== null || this.pending === null) {
          this.hub.open(settled ?? 0n);
          return;
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox position not found yet; retrying');
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.settleRetryMs));
    }
  }

  /**
   * Settles the pending candidate if it can, and takes a new one when ids were drawn beyond
   * `known`; returns the position through which events are now settled (null: no progress).
   */
  private async advance(known: bigint): Promise<bigint | null> {
    let settled = this.pending ? this.settle(await this.outbox.oldestRunningXid()) : null;
    const lastDrawnId = await this.outbox.lastDrawnId();
    if (this.pending === null && lastDrawnId > (settled ?? known)) {
      this.pending = { upTo: lastDrawnId, horizon: await this.outbox.xidHorizon() };
      settled = this.settle(await this.outbox.oldestRunningXid()) ?? settled;
    }
    return settled;
  }

  private settle(oldestRunningXid: bigint): bigint | null {
    const step = settleWatermark(this.pending, oldestRunningXid);
    this.pending = step.pending;
    return step.settledThrough;
  }

  private async readUntilQuiet(): Promise<void> {
    for (;;) {
      this.rerun = false;
      try {
        await this.readOnce();
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox read failed; retrying at the next poll');
        return;
      }
      if (!this.rerun || this.stopped) break;
      await new Promise((resolve) => setTimeout(resolve, this.options.batchWindowMs));
    }
    if (this.pending && !this.stopped && !this.retry) {
      this.retry = setTimeout(() => {
        this.retry = null;
        this.wake();
      }, this.options.settleRetryMs);
    }
  }

  private async readOnce(): Promise<void> {
    if (!this.hub.isOpen) return;
    const target = await this.advance(this.hub.settledThrough);
    if (target === null || target <= this.hub.settledThrough) return;
    let position = this.hub.settledThrough;
    for (;;) {
      const events = await this.outbox.eventsBetween(position, target, PAGE_SIZE);
      const reachedTarget = events.length < PAGE_SIZE;
      position = reachedTarget ? target : BigInt(events[events.length - 1].id);
      this.hub.publish(events, position);
      if (reachedTarget) return;
    }
  }
}
