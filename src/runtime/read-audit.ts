// Runtime reads: the audit trail — one object's chain verified, a checkpoint proven against the
// chains it names, the latest checkpoint, and a tenant's export (records, hashes and checkpoints).
import { GENESIS, verifyChain, type ChainObjectType, type ChainVerdict, type StoredChainRecord } from './engines/audit-chain.js';
import { proveHeads, verifyCheckpointRecord, type CheckpointFailure } from './engines/audit-checkpoint.js';
import { EXPORT_FORMAT, recordLine, type ExportLine } from './engines/audit-export.js';
import { findChainObject, loadChainRecords } from './drivers/audit-chain.js';
import { findCheckpoint, findCheckpointAt, latestCheckpoint, listCheckpoints, loadHeads, tenantExists } from './drivers/audit-checkpoints.js';
import type { CheckpointRecord } from './records.js';
import { NotFoundError } from './errors.js';
import type { RequestContext } from './request-context.js';
import { readForCaller, readInScope } from './scoped-transactions.js';
import type { StorageDeps } from './storage-deps.js';
import { tenantScope } from './transaction-scope.js';

/** How many objects' chains are read in one statement. */
const BATCH = 200;
/** At most this many checkpoints go into one export. */
const EXPORTED_CHECKPOINTS = 10_000;

/** One object's chain verdict. */
export interface AuditTrailRecord extends ChainVerdict {
  objectId: string;
  objectType: ChainObjectType;
}

/** A checkpoint and whether it proves. */
export interface CheckpointProofRecord {
  checkpoint: CheckpointRecord;
  valid: boolean;
  failure: CheckpointFailure | null;
}

/** Verifies one object's chain of the caller's tenant (NOT_FOUND for an unknown or another tenant's object). */
export function verifyAuditTrail(deps: StorageDeps, ctx: RequestContext, objectId: string): Promise<AuditTrailRecord> {
  const tenantId = ctx.principal.tenantId;
  return readForCaller(deps, ctx, async (reader) => {
    const found = await findChainObject(reader, tenantId, objectId);
    if (!found) throw new NotFoundError('Object', objectId);
    const records = (await loadChainRecords(reader, tenantId, [objectId])).get(objectId)!;
    return { objectId, objectType: found.object.type, ...verifyChain(found.object, records, found.head) };
  });
}

/** Proves a checkpoint of the caller's tenant: its own fields, its link to the previous one, and every head it names. */
export function verifyTenantCheckpoint(deps: StorageDeps, ctx: RequestContext, id: string): Promise<CheckpointProofRecord> {
  const tenantId = ctx.principal.tenantId;
  return readForCaller(deps, ctx, async (reader) => {
    const checkpoint = await findCheckpoint(reader, tenantId, id);
    if (!checkpoint) throw new NotFoundError('Checkpoint', id);
    const previous = checkpoint.seq > 1 ? await findCheckpointAt(reader, tenantId, checkpoint.seq - 1) : null;
    let failure = verifyCheckpointRecord(checkpoint, previous);
    for (let start = 0; !failure && start < checkpoint.heads.length; start += BATCH) {
      const heads = checkpoint.heads.slice(start, start + BATCH);
      const ids = heads.map((head) => head.id);
      const current = new Map((await loadHeads(reader, tenantId, ids)).map((head) => [head.id, head]));
      const chains = await loadChainRecords(reader, tenantId, ids);
      failure = proveHeads(tenantId, heads, (objectId) => {
        const head = current.get(objectId);
        return head ? { head, records: chains.get(objectId)! } : null;
      });
    }
    return { checkpoint, valid: failure === null, failure };
  });
}

/** The caller's tenant's latest checkpoint, or null. */
export function readLatestCheckpoint(deps: StorageDeps, ctx: RequestContext): Promise<CheckpointRecord | null> {
  return readForCaller(deps, ctx, (reader) => latestCheckpoint(reader, ctx.principal.tenantId));
}

/** What to export: records at or after `since` (with the link before them), of one object only. */
export interface AuditExportRequest {
  tenantId: string;
  since?: Date | null;
  objectId?: string | null;
}

/** A tenant's audit export as lines (NOT_FOUND for an unknown tenant or object). */
export function exportAuditTrail(deps: StorageDeps, request: AuditExportRequest): Promise<ExportLine[]> {
  const { tenantId } = request;
  const since = request.since ?? null;
  return readInScope(deps, tenantScope(tenantId), async (reader) => {
    if (!(await tenantExists(reader, tenantId))) throw new NotFoundError('Tenant', tenantId);
    const heads = await loadHeads(reader, tenantId, request.objectId ? [request.objectId] : null);
    if (request.objectId && heads.length === 0) throw new NotFoundError('Object', request.objectId);
    const lines: ExportLine[] = [{ type: 'header', ...EXPORT_FORMAT, tenantId, exportedAt: deps.clock.now().toISOString(), since: since?.toISOString() ?? null }];
    for (let start = 0; start < heads.length; start += BATCH) {
      const batch = heads.slice(start, start + BATCH);
      const chains = await loadChainRecords(reader, tenantId, batch.map((head) => head.id));
      for (const head of batch) {
        const chain = chains.get(head.id)!;
        const exported = since ? chain.filter((record) => record.at >= since) : chain;
        if (exported.length === 0) continue;
        lines.push({ type: 'object', objectType: head.type, objectId: head.id, head: { seq: head.seq, hash: head.hash }, start: linkBefore(chain, exported[0]) });
        for (const record of exported) lines.push(recordLine(head.id, record));
      }
    }
    for (const checkpoint of await listCheckpoints(reader, tenantId, since, EXPORTED_CHECKPOINTS)) {
      const { tenantId: _tenant, takenAt, ...fields } = checkpoint;
      lines.push({ type: 'checkpoint', ...fields, takenAt: takenAt.toISOString() });
    }
    return lines;
  });
}

function linkBefore(chain: readonly StoredChainRecord[], first: StoredChainRecord) {
  const before = chain[chain.indexOf(first) - 1];
  return before ? { seq: before.seq, hash: before.hash } : GENESIS;
}
