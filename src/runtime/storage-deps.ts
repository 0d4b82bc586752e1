// What reads and plain commands need from the composition root: the database and the clock.
import type { Clock } from './clock.js';
import type { UnitOfWorkDeps } from './unit-of-work.js';

/** The database and the clock: enough for reads and for commands that plan nothing. */
export interface StorageDeps extends UnitOfWorkDeps {
  clock: Clock;
}
