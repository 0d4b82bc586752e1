// What runtime commands need from the composition root: storage, the planner and the run
// completion coordinator.
import type { RunCompletionCoordinator } from './completion/run-completion-coordinator.js';
import type { Planner } from './planner.js';
import type { StorageDeps } from './storage-deps.js';

/** Shared collaborators of runtime commands and reads. */
export interface RuntimeDeps extends StorageDeps {
  /** Proposes the steps of new runs. */
  planner: Planner;
  /** Completes runs atomically through its domain steps. */
  completion: RunCompletionCoordinator;
  /** How long an authenticated key is remembered (0: looked up every time). */
  apiKeyCacheTtlMs: number;
}
