// Runs the runtime's sweepers periodically in this instance — contract expiry and activation
// windows, job timeouts, audit deadlines, deferred lessons, outbox retention. Several instances may run them at once (rows are
// claimed with SKIP LOCKED). Stopping waits for a sweep in progress.
import type { Logger } from 'pino';
import type { GovernanceRuntime } from './runtime/governance-runtime.js';

/** A running schedule. */
export interface SweeperSchedule {
  stop(): Promise<void>;
}

/** How often to sweep (0 disables the schedule) and how long events are kept. */
export interface SweepOptions {
  intervalMs: number;
  outboxRetentionMs: number;
}

/** Sweeps now and then every `intervalMs`. */
export function startSweeping(runtime: GovernanceRuntime, options: SweepOptions, logger: Logger): SweeperSchedule {
  if (options.intervalMs === 0) return { stop: async () => {} };
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = Promise.all([runtime.sweepContracts(), runtime.sweepJobs(), runtime.sweepExpectations(), runtime.sweepLessons(), runtime.outbox.prune(options.outboxRetentionMs)])
      .then(([contracts, timedOutJobs, missedExpectations, returnedLessons, prunedEvents]) => {
        const swept = { ...contracts, timedOutJobs, missedExpectations, returnedLessons, prunedEvents };
        if (Object.values(swept).some((count) => count > 0)) logger.info(swept, 'swept');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'sweep failed'));
  };
  sweep();
  const timer = setInterval(sweep, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
