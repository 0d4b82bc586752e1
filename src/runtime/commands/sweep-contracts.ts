// Runtime command: the contract sweepers — unapproved contracts past expiresAt → EXPIRED, approved
// ones past their activation window → FAILED. Rows are claimed FOR UPDATE SKIP LOCKED in batches,
// so several instances sweep at once without moving a contract twice.
import { decideActivationWindowElapsed, decideExpiry } from '../engines/contract-decisions.js';
import { claimContractsDue, type ContractSweep } from '../drivers/contracts.js';
import { SYSTEM_ACTOR } from '../request-context.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { withUnitOfWork } from '../unit-of-work.js';
import { applyContractChange, } from './apply-contract-change.js';
import { contractStateOf } from './change-contract.js';

const BATCH_SIZE = 100;

/** How many contracts one sweep moved. */
export interface ContractSweepResult {
  expired: number;
  failed: number;
}

/** Runs both contract sweeps until no due row is left unclaimed. */
export async function sweepContracts(deps: RuntimeDeps): Promise<ContractSweepResult> {
  return {
    expired: await sweepAll(deps, 'expiry'),
    failed: await sweepAll(deps, 'activationWindow'),
  };
}

async function sweepAll(deps: RuntimeDeps, sweep: ContractSweep): Promise<number> {
  const decide = sweep === 'expiry' ? decideExpiry : decideActivationWindowElapsed;
  let moved = 0;
  for (;;) {
    const batch = await withUnitOfWork(deps, `sweep:${sweep}`, deps.clock.now(), async (uow) => {
      const due = await claimContractsDue(uow, sweep, BATCH_SIZE);
      let changed = 0;
      for (const contract of due) {
        const change = decide(contractStateOf(contract), uow.now);
        if (change) {
          await applyContractChange(uow, contract, change, SYSTEM_ACTOR);
          changed += 1;
        }
      }
      return { claimed: due.length, changed };
    });
    moved += batch.changed;
    if (batch.claimed < BATCH_SIZE) return moved;
  }
}
