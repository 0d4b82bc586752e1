// The outbox sequencer of one instance. Every instance competes for one advisory lock per database
// on its delivery session; the holder gives committed events their commit-ordered positions, woken
// by its own instance's commits, by the writers' NOTIFY when they send one, and by a poll — quick
// while events flow, backing off while none do. When the holder dies its session ends, PostgreSQL releases the
// lock, and another instance takes over at its next attempt (every `takeoverIntervalMs`). Delivery
// therefore waits only for this database's own outbox writers, never for other transactions.
import type { Logger } from 'pino';
import { sequenceCommittedEvents, tryTakeSequencerLock, type SqlSession } from '../runtime/drivers/outbox-sequencing.js';
import { OUTBOX_CHANNEL } from '../runtime/outbox-flush.js';
import { CoalescedTask } from './coalesced-task.js';

const BATCH_SIZE = 1000;

/** Without writers' NOTIFY: the poll's delay after a pass that found events, and the most it backs off to. */
export const SequencerPolling = { activeMs: 5, idleMaxMs: 200 } as const;

/** Timing of the sequencer. */
export interface OutboxSequencerOptions {
  /** How often a non-holder tries to take the lock. */
  takeoverIntervalMs: number;
  /** How often the holder looks for unsequenced events without a hint. */
  pollIntervalMs: number;
  /** While hints keep coming, wait this long between passes. */
  batchWindowMs: number;
  /** Whether every commit that writes events NOTIFYs; without it, the holder polls (SequencerPolling). */
  writersNotify: boolean;
}

/** Competes for the sequencer lock and, while holding it, sequences. */
export class OutboxSequencer {
  private session: SqlSession | null = null;
  private holding = false;
  private attempt: Promise<void> = Promise.resolve();
  private readonly takeoverTimer: NodeJS.Timeout;
  private pollTimer: NodeJS.Timeout | null = null;
  private pollDelayMs: number = SequencerPolling.activeMs;
  private stopped = false;
  private readonly task: CoalescedTask;

  constructor(
    private readonly options: OutboxSequencerOptions,
    private readonly logger: Logger,
    /** Told the last position a pass gave (the local reader reads at once). */
    private readonly onSequenced: (lastPosition: bigint) => void,
  ) {
    this.task = new CoalescedTask(() => this.sequence(), { ...options, name: 'outbox sequencing' }, logger);
    this.task.start();
    this.takeoverTimer = setInterval(() => this.tryTakeOver(), options.takeoverIntervalMs);
    this.takeoverTimer.unref();
  }

  /** Whether this instance holds the lock now. */
  get isHolder(): boolean {
    return this.holding;
  }

  /** A fresh delivery session: try to take the lock on it now. */
  attach(session: SqlSession): void {
    this.session = session;
    this.holding = false;
    this.tryTakeOver();
  }

  /** The session is gone, and with it the lock. */
  detach(): void {
    if (this.holding) this.logger.warn('outbox sequencer lost its session; another instance takes over');
    this.session = null;
    this.holding = false;
  }

  /** A writer committed events. */
  wake(): void {
    if (this.holding) this.task.wake();
  }

  /** Stops competing and sequencing (the lock goes with the session, which the caller closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.takeoverTimer);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    await this.attempt;
    await this.task.stop();
  }

  private tryTakeOver(): void {
    const session = this.session;
    if (!session || this.holding) return;
    this.attempt = this.attempt.then(async () => {
      if (session !== this.session || this.holding) return;
      try {
        if (!(await tryTakeSequencerLock(session))) return;
        await session.query(`LISTEN ${OUTBOX_CHANNEL}`);
        if (session !== this.session) return;
        this.holding = true;
        this.logger.info('this instance sequences the outbox');
        this.task.wake();
      } catch (error) {
        this.logger.warn({ err: error }, 'could not try the outbox sequencer lock');
      }
    });
  }

  private async sequence(): Promise<void> {
    for (;;) {
      const session = this.session;
      if (!session || !this.holding) return;
      const pass = await sequenceCommittedEvents(session, BATCH_SIZE);
      if (pass.lastPosition !== null) this.onSequenced(pass.lastPosition);
      if (!this.options.writersNotify) this.pollAgain(pass.sequenced > 0);
      if (pass.sequenced < BATCH_SIZE) return;
    }
  }

  /** Without writers' NOTIFY: the next look comes soon after events, later and later without. */
  private pollAgain(foundEvents: boolean): void {
    this.pollDelayMs = foundEvents ? SequencerPolling.activeMs : Math.min(this.pollDelayMs * 2, SequencerPolling.idleMaxMs);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      this.wake();
    }, this.pollDelayMs);
    this.pollTimer.unref();
  }
}
