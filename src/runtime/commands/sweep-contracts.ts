// Runtime command: the contract sweepers — unapproved contracts past expiresAt → EXPIRED, approved
// ones past their activation window → FAILED. Several instances may sweep at once (SKIP LOCKED).
import { decideActivationWindowElapsed, decideExpiry } from '../engines/contract-decisions.js';
import { claimContractsDue, type ContractSweep } from '../drivers/contracts.js';
import { SYSTEM_ACTOR } from '../request-context.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { applyContractChange } from './apply-contract-change.js';
import { contractStateOf } from './change-contract.js';
import { sweepInBatches } from './sweep-in-batches.js';

/** How many contracts one sweep moved. */
export interface ContractSweepResult {
  expired: number;
  failed: number;
}

/** Runs both contract sweeps until no due row is left unclaimed. */
export async function sweepContracts(deps: RuntimeDeps): Promise<ContractSweepResult> {
  return {
    expired: await sweep(deps, 'expiry'),
    failed: await sweep(deps, 'activationWindow'),
  };
}

function sweep(deps: RuntimeDeps, kind: ContractSweep): Promise<number> {
  const decide = kind === 'expiry' ? decideExpiry : decideActivationWindowElapsed;
  return sweepInBatches(
    deps,
    `sweep:${kind}`,
    (uow, limit) => claimContractsDue(uow, kind, limit),
    async (uow, contract) => {
      const change = decide(contractStateOf(contract), uow.now);
      if (change) await applyContractChange(uow, contract, change, SYSTEM_ACTOR);
      return change !== null;
    },
  );
}
