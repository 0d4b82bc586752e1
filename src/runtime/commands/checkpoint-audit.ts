// Runtime command: the audit checkpoint sweeper — per tenant, in its own commit, a checkpoint over
// the tenant's chain heads (Merkle root, chained to the previous checkpoint) when they moved since
// the last one. A tenant another sweeper is checkpointing is skipped. No lock on any object: heads
// are read as committed, so writers never wait for a checkpoint.
import { randomUUID } from 'node:crypto';
import { checkpointHash, headsRoot, sortHeads } from '../engines/audit-checkpoint.js';
import { insertCheckpoint, latestCheckpoint, listTenantIds, loadHeads, tryLockCheckpoints } from '../drivers/audit-checkpoints.js';
import type { StorageDeps } from '../storage-deps.js';
import { readInScope } from '../scoped-transactions.js';
import { systemScope, tenantScope } from '../transaction-scope.js';
import { withUnitOfWork } from '../unit-of-work.js';

/** Takes a checkpoint for every tenant whose heads moved; returns how many were taken. */
export async function checkpointAuditTrails(deps: StorageDeps): Promise<number> {
  let taken = 0;
  for (const tenantId of await readInScope(deps, systemScope('sweep'), listTenantIds)) {
    const took = await withUnitOfWork(deps, tenantScope(tenantId), 'sweep:auditCheckpoint', deps.clock.now(), async (uow) => {
      if (!(await tryLockCheckpoints(uow, tenantId))) return false;
      const previous = await latestCheckpoint(uow, tenantId);
      const heads = sortHeads(await loadHeads(uow, tenantId));
      const merkleRoot = headsRoot(heads);
      if (previous ? previous.merkleRoot === merkleRoot : heads.length === 0) return false;
      const body = { tenantId, seq: (previous?.seq ?? 0) + 1, takenAt: uow.now, objectCount: heads.length, merkleRoot };
      const previousHash = previous?.hash ?? null;
      await insertCheckpoint(uow, { id: `ckp_${randomUUID()}`, ...body, previousHash, hash: checkpointHash(previousHash, body), heads });
      return true;
    });
    if (took) taken += 1;
  }
  return taken;
}
