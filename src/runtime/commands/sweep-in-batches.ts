// Runtime step: the shape of every sweeper — claim a batch of due rows (FOR UPDATE SKIP LOCKED) in
// one unit of work, handle each, commit, and repeat until a batch comes back short.
import type { StorageDeps } from '../storage-deps.js';
import { withUnitOfWork, type UnitOfWork } from '../unit-of-work.js';
import { systemScope } from '../transaction-scope.js';

/** Rows claimed per unit of work. */
export const SWEEP_BATCH_SIZE = 100;

/** Sweeps until no due row is left unclaimed; returns how many rows `handle` changed. */
export async function sweepInBatches<T>(
  deps: StorageDeps,
  command: string,
  claim: (uow: UnitOfWork, limit: number) => Promise<T[]>,
  handle: (uow: UnitOfWork, row: T) => Promise<boolean>,
): Promise<number> {
  let changed = 0;
  for (;;) {
    const batch = await withUnitOfWork(deps, systemScope('sweep'), command, deps.clock.now(), async (uow) => {
      const due = await claim(uow, SWEEP_BATCH_SIZE);
      let handled = 0;
      for (const row of due) if (await handle(uow, row)) handled += 1;
      return { claimed: due.length, handled };
    });
    changed += batch.handled;
    if (batch.claimed < SWEEP_BATCH_SIZE) return changed;
  }
}
