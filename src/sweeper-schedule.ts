// Runs the runtime's sweepers periodically in this instance — contract expiry and activation
// windows, job timeouts, audit deadlines, deferred lessons, outbox retention — and, on its own
// interval, audit checkpoints. Several instances may run them at once (rows are claimed with SKIP
// LOCKED; a tenant's checkpoint under a lock another instance holds is skipped). Stopping waits
// for a sweep in progress.
import type { Logger } from 'pino';
import type { GovernanceRuntime } from './runtime/governance-runtime.js';

/** A running schedule. */
export interface SweeperSchedule {
  stop(): Promise<void>;
}

/** How often to sweep and to take audit checkpoints (0 disables either), and how long events are kept. */
export interface SweepOptions {
  intervalMs: number;
  outboxRetentionMs: number;
  checkpointIntervalMs: number;
}

/** Sweeps (and checkpoints) now and then every interval. */
export function startSweeping(runtime: GovernanceRuntime, options: SweepOptions, logger: Logger): SweeperSchedule {
  const sweeps = every(options.intervalMs, () =>
    Promise.all([runtime.sweepContracts(), runtime.sweepJobs(), runtime.sweepExpectations(), runtime.sweepLessons(), runtime.outbox.prune(options.outboxRetentionMs)])
      .then(([contracts, timedOutJobs, missedExpectations, returnedLessons, prunedEvents]) => {
        const swept = { ...contracts, timedOutJobs, missedExpectations, returnedLessons, prunedEvents };
        if (Object.values(swept).some((count) => count > 0)) logger.info(swept, 'swept');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'sweep failed')),
  );
  const checkpoints = every(options.checkpointIntervalMs, () =>
    runtime
      .checkpointAuditTrails()
      .then((taken) => {
        if (taken > 0) logger.info({ auditCheckpoints: taken }, 'audit checkpoints taken');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'audit checkpoint failed')),
  );
  return { stop: async () => void (await Promise.all([sweeps.stop(), checkpoints.stop()])) };
}

/** Runs `task` now and then every `intervalMs` (never when 0), one run at a time; stop waits for the one in progress. */
function every(intervalMs: number, task: () => Promise<void>): SweeperSchedule {
  if (intervalMs === 0) return { stop: async () => {} };
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = task();
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
