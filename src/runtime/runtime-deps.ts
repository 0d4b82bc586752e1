// What runtime commands need from the composition root: the database, the clock, metrics, the planner.
import type { Clock } from './clock.js';
import type { Planner } from './planner.js';
import type { UnitOfWorkDeps } from './unit-of-work.js';

/** The database and the clock: enough for reads and for commands that plan nothing. */
export interface StorageDeps extends UnitOfWorkDeps {
  clock: Clock;
}

/** Shared collaborators of runtime commands and reads. */
export interface RuntimeDeps extends StorageDeps {
  /** Proposes the steps of new runs. */
  planner: Planner;
}
