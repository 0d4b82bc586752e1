// Runs the runtime's sweepers periodically in this instance; several instances may run at once
// (rows are claimed with SKIP LOCKED). Stopping waits for a sweep in progress.
import type { Logger } from 'pino';
import type { GovernanceRuntime } from './runtime/governance-runtime.js';

/** A running schedule. */
export interface SweeperSchedule {
  stop(): Promise<void>;
}

/** Sweeps now and then every `intervalMs`; 0 disables the schedule. */
export function startSweeping(runtime: GovernanceRuntime, intervalMs: number, logger: Logger): SweeperSchedule {
  if (intervalMs === 0) return { stop: async () => {} };
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = Promise.all([runtime.sweepContracts(), runtime.sweepJobs()])
      .then(([contracts, timedOutJobs]) => {
        if (contracts.expired + contracts.failed + timedOutJobs > 0) logger.info({ ...contracts, timedOutJobs }, 'swept');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'sweep failed'));
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
