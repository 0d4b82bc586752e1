// Unit tests of the audit chain: the canonical form of a record (RFC 8785), the chained hash, and
// verification naming the first broken link for an altered, deleted or inserted record.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalRecord,
  chainHash,
  extendChain,
  GENESIS,
  snapshotOf,
  transitionEntry,
  verifyChain,
  type ChainEntry,
  type StoredChainRecord,
} from '../../src/runtime/engines/audit-chain.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const object = { tenantId: 't1', type: 'job', id: 'job_1' } as const;
const at = new Date('2026-12-02T05:00:00.123Z');

describe('canonicalRecord', () => {
  it.each<{ name: string; entry: ChainEntry; text: string }>([
    {
      name: 'keys sorted at every depth, instant as an ISO string',
      entry: { kind: 'TRANSITION', at, fields: { to: 'B', from: 'A', reason: 'r', actor: 'ada' }, snapshot: { z: 1, a: { y: true, b: null } } },
      text: '{"at":"2026-12-02T05:00:00.123Z","fields":{"actor":"ada","from":"A","reason":"r","to":"B"},"kind":"TRANSITION","objectId":"job_1","objectType":"job","seq":3,"snapshot":{"a":{"b":null,"y":true},"z":1},"tenantId":"t1"}',
    },
    {
      name: 'numbers as ECMAScript prints them',
      entry: { kind: 'ACK', at, fields: { n: 1.0, small: 1e-7, big: 1e21, neg: -0, third: 1 / 3 }, snapshot: null },
      text: '{"at":"2026-12-02T05:00:00.123Z","fields":{"big":1e+21,"n":1,"neg":0,"small":1e-7,"third":0.3333333333333333},"kind":"ACK","objectId":"job_1","objectType":"job","seq":3,"snapshot":null,"tenantId":"t1"}',
    },
    {
      name: 'strings with only the required escapes (non-ASCII kept as is)',
      entry: { kind: 'VIOLATION', at, fields: { message: 'é "q" \n \u0001 €' }, snapshot: null },
      text: '{"at":"2026-12-02T05:00:00.123Z","fields":{"message":"é \\"q\\" \\n \\u0001 €"},"kind":"VIOLATION","objectId":"job_1","objectType":"job","seq":3,"snapshot":null,"tenantId":"t1"}',
    },
  ])('$name', ({ entry, text }) => {
    expect(canonicalRecord(object, 3, entry)).toBe(text);
  });
});

describe('chainHash', () => {
  it.each([
    { previous: null, canonical: 'abc', hash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
    { previous: 'ff', canonical: 'abc', hash: sha256('ffabc') },
    { previous: 'a'.repeat(64), canonical: '{"é":1}', hash: sha256(`${'a'.repeat(64)}{"é":1}`) },
  ])('SHA-256 of the previous hex ‖ the canonical text: $previous', ({ previous, canonical, hash }) => {
    expect(chainHash(previous, canonical)).toBe(hash);
  });
});

const entries: ChainEntry[] = ['PENDING', 'RUNNING', 'COMPLETED'].map((to, index) =>
  transitionEntry({ fromStatus: index === 0 ? 'NONE' : 'x', toStatus: to, reason: `step ${index}`, actor: 'ada', at: new Date(at.getTime() + index) }, { status: to }),
);

function stored(): { records: StoredChainRecord[]; head: { seq: number; hash: string | null } } {
  const { links, head } = extendChain(object, GENESIS, entries);
  return { records: entries.map((entry, index) => ({ ...entry, recordId: String(index + 10), seq: links[index].seq, hash: links[index].hash })), head };
}

describe('extendChain and verifyChain', () => {
  it('chains each record to the one before, and a chain extended in two goes is the same', () => {
    const { records, head } = stored();
    expect(records[0].hash).toBe(chainHash(null, canonicalRecord(object, 1, entries[0])));
    expect(records[1].hash).toBe(chainHash(records[0].hash, canonicalRecord(object, 2, entries[1])));
    const first = extendChain(object, GENESIS, entries.slice(0, 1));
    expect(extendChain(object, first.head, entries.slice(1)).head).toEqual(head);
    expect(verifyChain(object, records, head)).toEqual({ valid: true, recordCount: 3, head: head.hash, brokenLink: null });
  });

  it.each([
    { name: 'an altered record is named', tamper: (r: StoredChainRecord[]) => r.map((x, i) => (i === 1 ? { ...x, fields: { ...x.fields, reason: 'forged' } } : x)), recordId: '11', seq: 2 },
    { name: 'an altered snapshot is named', tamper: (r: StoredChainRecord[]) => r.map((x, i) => (i === 2 ? { ...x, snapshot: { status: 'FAILED' } } : x)), recordId: '12', seq: 3 },
    { name: 'a deleted record breaks the next one', tamper: (r: StoredChainRecord[]) => [r[0], r[2]], recordId: '12', seq: 2 },
    { name: 'an inserted record is named', tamper: (r: StoredChainRecord[]) => [r[0], { ...r[1], recordId: '99', hash: 'f'.repeat(64) }, r[1], r[2]], recordId: '99', seq: 2 },
    { name: 'a stored hash replaced is named', tamper: (r: StoredChainRecord[]) => r.map((x, i) => (i === 0 ? { ...x, hash: '0'.repeat(64) } : x)), recordId: '10', seq: 1 },
  ])('$name', ({ tamper, recordId, seq }) => {
    const { records, head } = stored();
    const verdict = verifyChain(object, tamper(records), head);
    expect(verdict.valid).toBe(false);
    expect(verdict.brokenLink).toMatchObject({ recordId, seq });
    expect(verdict.brokenLink!.expectedHash).not.toBe(verdict.brokenLink!.foundHash);
  });

  it('a deleted last record leaves the head unmatched: the object is named', () => {
    const { records, head } = stored();
    expect(verifyChain(object, records.slice(0, 2), head).brokenLink).toEqual({ recordId: 'job_1', kind: 'HEAD', seq: 3, expectedHash: head.hash, foundHash: records[1].hash });
  });

  it('verifies a segment after a known link', () => {
    const { records, head } = stored();
    expect(verifyChain(object, records.slice(1), head, { seq: 1, hash: records[0].hash }).valid).toBe(true);
    expect(verifyChain(object, records.slice(1), head, { seq: 1, hash: 'f'.repeat(64) }).brokenLink).toMatchObject({ recordId: '11' });
  });
});

describe('snapshotOf', () => {
  it('keeps fields as JSON (instants as ISO strings), drops undefined and the chain bookkeeping', () => {
    expect(snapshotOf({ id: 'j', startedAt: at, none: undefined, nothing: null, steps: [{ a: 1 }], auditSeq: 4, auditHead: 'h' })).toEqual({
      id: 'j',
      startedAt: '2026-12-02T05:00:00.123Z',
      nothing: null,
      steps: [{ a: 1 }],
    });
  });
});
