// Writes the last use of this instance's API keys every `intervalMs` (one statement, only when a
// key was used) and once more when the instance stops, so `apikey list` shows it without a write on
// any request's path.
import type { Logger } from 'pino';
import type { GovernanceRuntime } from './runtime/governance-runtime.js';

/** A running schedule; stopping writes what is left. */
export interface KeyUseSchedule {
  stop(): Promise<void>;
}

/** Records key use every `intervalMs` (0: only when stopping). */
export function startRecordingKeyUse(runtime: GovernanceRuntime, intervalMs: number, logger: Logger): KeyUseSchedule {
  let running: Promise<void> = Promise.resolve();
  const record = () => {
    running = running.then(() => runtime.recordApiKeyUse()).catch((error: unknown) => logger.error({ err: error }, 'recording API key use failed'));
    return running;
  };
  const timer = intervalMs > 0 ? setInterval(record, intervalMs) : null;
  timer?.unref();
  return {
    stop: async () => {
      if (timer) clearInterval(timer);
      await record();
    },
  };
}
