// A task woken by hints and a low-rate poll, never run twice at once: a hint that arrives while it
// runs makes it run once more, after a short window, so one run serves every hint meanwhile. The
// outbox reader and the sequencer are both driven this way.
import type { Logger } from 'pino';

/** Timing of a coalesced task. */
export interface CoalescedTaskOptions {
  /** Run this often even without hints (a lost hint delays the work at most this long). */
  pollIntervalMs: number;
  /** While hints keep coming, wait this long between runs. */
  batchWindowMs: number;
  /** What the task is, for the log line of a failed run. */
  name: string;
}

/** Runs `work` on hints, coalesced, and on a poll. */
export class CoalescedTask {
  private running: Promise<void> | null = null;
  private rerun = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly options: CoalescedTaskOptions,
    private readonly logger: Logger,
  ) {}

  /** Starts the poll. */
  start(): void {
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.timer.unref();
  }

  /** A hint that there may be work: run now, or once more after the run in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.runUntilQuiet().finally(() => {
      this.running = null;
    });
  }

  /** Stops polling and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async runUntilQuiet(): Promise<void> {
    for (;;) {
      this.rerun = false;
      try {
        await this.work();
      } catch (error) {
        this.logger.warn({ err: error }, `${this.options.name} failed; retrying at the next poll`);
        return;
      }
      if (!this.rerun || this.stopped) return;
      await new Promise((resolve) => setTimeout(resolve, this.options.batchWindowMs));
    }
  }
}
