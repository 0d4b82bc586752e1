// The server's stop on SIGINT/SIGTERM: what start-up opened is closed once, newest first, then the
// process exits (0, or 1 when a close failed). A signal during start-up lets the step in flight
// finish, start-up goes no further, and what it opened is closed the same way.
import type { Logger } from 'pino';

type Close = () => Promise<void>;

/** Collects what start-up opens and closes it on the first termination signal. */
export class Shutdown {
  private readonly closers: Close[] = [];
  private signal: NodeJS.Signals | null = null;
  private startup: Promise<unknown> = Promise.resolve();

  constructor(private readonly logger: Logger) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void this.stop(signal));
  }

  /** Whether a signal asked the process to stop (start-up checks it between steps). */
  get requested(): boolean {
    return this.signal !== null;
  }

  /** Start-up in progress: a stop waits for it to settle before closing anything. */
  during<T>(startup: Promise<T>): Promise<T> {
    this.startup = startup.catch(() => undefined);
    return startup;
  }

  /** Registers how to close something start-up opened. */
  onStop(close: Close): void {
    this.closers.push(close);
  }

  /** Closes everything registered, newest first; false when a close failed (each one still runs). */
  async closeAll(): Promise<boolean> {
    let clean = true;
    for (const close of this.closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        this.logger.error({ err: error }, 'shutdown step failed');
        clean = false;
      }
    }
    return clean;
  }

  private async stop(signal: NodeJS.Signals): Promise<void> {
    if (this.signal) return;
    this.signal = signal;
    this.logger.info({ signal }, 'shutting down');
    await this.startup;
    process.exit((await this.closeAll()) ? 0 : 1);
  }
}
