// Unit tests of audit checkpoints: the Merkle root over heads sorted by object id, the checkpoint's
// own chain, and the proof of checkpointed heads against chains that moved on since.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { extendChain, GENESIS, transitionEntry, type StoredChainRecord } from '../../src/runtime/engines/audit-chain.js';
import { checkpointHash, headLeaf, headsRoot, merkleRoot, proveHeads, verifyCheckpointRecord, type CheckpointHead } from '../../src/runtime/engines/audit-checkpoint.js';

const sha256 = (...parts: string[]) => createHash('sha256').update(parts.join(''), 'utf8').digest('hex');
const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((x) => sha256(x));

describe('merkleRoot', () => {
  it.each([
    { name: 'no leaves', leaves: [], root: sha256('') },
    { name: 'one leaf is the root', leaves: [a], root: a },
    { name: 'two leaves', leaves: [a, b], root: sha256(a, b) },
    { name: 'an odd last leaf goes up unchanged', leaves: [a, b, c], root: sha256(sha256(a, b), c) },
    { name: 'four leaves', leaves: [a, b, c, d], root: sha256(sha256(a, b), sha256(c, d)) },
    { name: 'five leaves', leaves: [a, b, c, d, e], root: sha256(sha256(sha256(a, b), sha256(c, d)), e) },
  ])('$name', ({ leaves, root }) => {
    expect(merkleRoot(leaves)).toBe(root);
  });

  it('orders heads by object id, whatever order they come in', () => {
    const heads: CheckpointHead[] = [
      { type: 'run', id: 'run_b', seq: 2, hash: b },
      { type: 'job', id: 'job_a', seq: 1, hash: a },
    ];
    expect(headLeaf(heads[1])).toBe(sha256(`{"hash":"${a}","id":"job_a","seq":1,"type":"job"}`));
    expect(headsRoot(heads)).toBe(merkleRoot([headLeaf(heads[1]), headLeaf(heads[0])]));
    expect(headsRoot(heads)).toBe(headsRoot([...heads].reverse()));
  });
});

const at = new Date('2026-12-02T05:00:00Z');
const object = { tenantId: 't1', type: 'job', id: 'job_a' } as const;
const entries = ['PENDING', 'RUNNING', 'COMPLETED'].map((to) => transitionEntry({ fromStatus: 'x', toStatus: to, reason: 'r', actor: 'ada', at }, { status: to }));
const { links, head } = extendChain(object, GENESIS, entries);
const records: StoredChainRecord[] = entries.map((entry, index) => ({ ...entry, recordId: String(index + 1), ...links[index] }));

describe('checkpoints', () => {
  const heads: CheckpointHead[] = [{ type: 'job', id: 'job_a', seq: 2, hash: links[1].hash! }];
  const body = { tenantId: 't1', seq: 1, takenAt: at, objectCount: 1, merkleRoot: headsRoot(heads) };
  const first = { ...body, previousHash: null, hash: checkpointHash(null, body), heads };

  it('hashes the previous checkpoint hash ‖ its canonical body', () => {
    expect(first.hash).toBe(sha256(`{"merkleRoot":"${body.merkleRoot}","objectCount":1,"seq":1,"takenAt":"2026-12-02T05:00:00.000Z","tenantId":"t1"}`));
    expect(verifyCheckpointRecord(first, null)).toBeNull();
    const secondBody = { ...body, seq: 2 };
    const second = { ...secondBody, previousHash: first.hash, hash: checkpointHash(first.hash, secondBody), heads };
    expect(verifyCheckpointRecord(second, first)).toBeNull();
    expect(verifyCheckpointRecord(second, { hash: 'f'.repeat(64) })).toMatchObject({ reason: 'PREVIOUS_MISMATCH' });
  });

  it.each([
    { name: 'a head changed in the checkpoint', checkpoint: { ...first, heads: [{ ...heads[0], seq: 3 }] }, reason: 'ROOT_MISMATCH' },
    { name: 'its instant changed', checkpoint: { ...first, takenAt: new Date(at.getTime() + 1) }, reason: 'HASH_MISMATCH' },
  ])('refuses a checkpoint with $name', ({ checkpoint, reason }) => {
    expect(verifyCheckpointRecord(checkpoint, null)).toMatchObject({ objectId: null, reason });
  });

  it('proves a head that moved on since, as long as the checkpointed one is still in the chain', () => {
    expect(proveHeads('t1', heads, () => ({ head, records }))).toBeNull();
  });

  it.each([
    { name: 'the object is gone', chain: null, reason: 'OBJECT_MISSING' },
    { name: 'the chain is broken', chain: { head, records: [records[0], records[2]] }, reason: 'CHAIN_BROKEN' },
    {
      name: 'the chain was rewritten consistently from the checkpointed record on',
      chain: (() => {
        const forged = extendChain(object, links[0], [transitionEntry({ fromStatus: 'x', toStatus: 'RUNNING', reason: 'forged', actor: 'eve', at }, null)]);
        return { head: forged.head, records: [records[0], { ...entries[1], fields: { ...entries[1].fields, reason: 'forged', actor: 'eve' }, snapshot: null, recordId: '2', ...forged.links[0] }] };
      })(),
      reason: 'HEAD_NOT_IN_CHAIN',
    },
  ])('names the object when $name', ({ chain, reason }) => {
    expect(proveHeads('t1', heads, () => chain)).toMatchObject({ objectId: 'job_a', reason, expectedHash: heads[0].hash });
  });
});
