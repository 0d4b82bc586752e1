// Engine: a tenant's audit checkpoints — the Merkle root over its objects' chain heads (sorted by
// object id), each checkpoint chained to the previous one, and the proof of the heads a checkpoint
// names against the chains as they are now. Pure: no I/O, no clock.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { GENESIS, verifyChain, type ChainHead, type ChainObject, type ChainObjectType, type StoredChainRecord } from './audit-chain.js';

/** One object's head as a checkpoint names it. */
export interface CheckpointHead {
  type: ChainObjectType;
  id: string;
  seq: number;
  hash: string;
}

/** What a checkpoint's own hash covers. */
export interface CheckpointBody {
  tenantId: string;
  seq: number;
  takenAt: Date;
  objectCount: number;
  merkleRoot: string;
}

/** Why a checkpoint does not prove: its own fields, its link to the previous one, or one object's head. */
export const CheckpointFailureReasons = ['ROOT_MISMATCH', 'HASH_MISMATCH', 'PREVIOUS_MISMATCH', 'OBJECT_MISSING', 'CHAIN_BROKEN', 'HEAD_NOT_IN_CHAIN'] as const;
export type CheckpointFailureReason = (typeof CheckpointFailureReasons)[number];

/** The first failure of a checkpoint's proof (objectId null for a failure of the checkpoint itself). */
export interface CheckpointFailure {
  objectId: string | null;
  reason: CheckpointFailureReason;
  expectedHash: string | null;
  foundHash: string | null;
}

/** A stored checkpoint as its proof needs it. */
export interface StoredCheckpoint extends CheckpointBody {
  previousHash: string | null;
  hash: string;
  heads: CheckpointHead[];
}

/**
 * Checks a checkpoint's own fields: its root is the root of the heads it lists, it names the
 * previous checkpoint's hash (none for the first), and its hash is the hash of that and its body.
 */
export function verifyCheckpointRecord(checkpoint: StoredCheckpoint, previous: { hash: string } | null): CheckpointFailure | null {
  const fail = (reason: CheckpointFailureReason, expectedHash: string | null, foundHash: string | null): CheckpointFailure => ({ objectId: null, reason, expectedHash, foundHash });
  const root = headsRoot(checkpoint.heads);
  if (root !== checkpoint.merkleRoot || checkpoint.heads.length !== checkpoint.objectCount) return fail('ROOT_MISMATCH', root, checkpoint.merkleRoot);
  if ((previous?.hash ?? null) !== checkpoint.previousHash) return fail('PREVIOUS_MISMATCH', previous?.hash ?? null, checkpoint.previousHash);
  const { tenantId, seq, takenAt, objectCount, merkleRoot } = checkpoint;
  const hash = checkpointHash(checkpoint.previousHash, { tenantId, seq, takenAt, objectCount, merkleRoot });
  if (hash !== checkpoint.hash) return fail('HASH_MISMATCH', hash, checkpoint.hash);
  return null;
}

function sha256(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part, 'utf8');
  return hash.digest('hex');
}

function canonical(value: unknown): string {
  return canonicalize(value)!;
}

/** The leaf of one head: SHA-256 of its canonical JSON {hash, id, seq, type}. */
export function headLeaf(head: CheckpointHead): string {
  return sha256(canonical({ type: head.type, id: head.id, seq: head.seq, hash: head.hash }));
}

/** Heads in checkpoint order: by object id (code-unit order). */
export function sortHeads(heads: readonly CheckpointHead[]): CheckpointHead[] {
  return [...heads].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The Merkle root over the leaves (in the given order): each level pairs neighbours as
 * SHA-256(left hex ‖ right hex), a last odd node goes up unchanged; no leaves: SHA-256 of "".
 */
export function merkleRoot(leaves: readonly string[]): string {
  if (leaves.length === 0) return sha256('');
  let level = [...leaves];
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sha256(level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0];
}

/** The root over heads (sorted by object id first). */
export function headsRoot(heads: readonly CheckpointHead[]): string {
  return merkleRoot(sortHeads(heads).map(headLeaf));
}

/** A checkpoint's hash: SHA-256(previous checkpoint's hash hex, empty for the first ‖ canonical JSON of its body). */
export function checkpointHash(previous: string | null, body: CheckpointBody): string {
  return sha256(previous ?? '', canonical({ ...body, takenAt: body.takenAt.toISOString() }));
}

/**
 * Proves each checkpointed head against its object's chain as stored now (or a segment of it after
 * `start`): the chain must verify and hold, at the checkpointed position, the checkpointed hash (so
 * a head that moved on since is still in the chain). Returns the first failure, or null.
 */
export function proveHeads(
  tenantId: string,
  heads: readonly CheckpointHead[],
  chainOf: (id: string) => { head: ChainHead; records: readonly StoredChainRecord[]; start?: ChainHead } | null,
): CheckpointFailure | null {
  for (const checkpointed of sortHeads(heads)) {
    const stored = chainOf(checkpointed.id);
    const failure = (reason: CheckpointFailureReason, foundHash: string | null): CheckpointFailure => ({ objectId: checkpointed.id, reason, expectedHash: checkpointed.hash, foundHash });
    if (!stored) return failure('OBJECT_MISSING', null);
    const object: ChainObject = { tenantId, type: checkpointed.type, id: checkpointed.id };
    const start = stored.start ?? GENESIS;
    const verdict = verifyChain(object, stored.records, stored.head, start);
    if (!verdict.valid) return failure('CHAIN_BROKEN', verdict.brokenLink!.foundHash);
    const found = stored.records[checkpointed.seq - start.seq - 1]?.hash ?? null;
    if (found !== checkpointed.hash) return failure('HEAD_NOT_IN_CHAIN', found);
  }
  return null;
}
