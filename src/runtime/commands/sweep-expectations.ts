// Runtime command: the audit deadline sweeper — pending expectations past their deadline become
// MISSING, claimed FOR UPDATE SKIP LOCKED in batches.
import { claimOverdueExpectations, markExpectationMissing } from '../drivers/run-audit.js';
import type { StorageDeps } from '../storage-deps.js';
import { sweepInBatches } from './sweep-in-batches.js';

/** Marks every overdue expectation MISSING; returns how many. */
export function sweepExpectations(deps: StorageDeps): Promise<number> {
  return sweepInBatches(deps, 'sweep:auditDeadlines', claimOverdueExpectations, async (uow, expectation) => {
    await markExpectationMissing(uow, expectation);
    return true;
  });
}
