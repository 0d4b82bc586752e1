// What every runtime command needs from the composition root: the database, the clock, metrics.
import type { Clock } from './clock.js';
import type { UnitOfWorkDeps } from './unit-of-work.js';

/** Shared collaborators of runtime commands and reads. */
export interface RuntimeDeps extends UnitOfWorkDeps {
  clock: Clock;
}
