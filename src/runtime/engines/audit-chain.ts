// Engine: the audit trail's hash chain — the canonical form of a record (RFC 8785 JSON), its hash
// chained to the previous one of the same object, verification of a stored chain against its head,
// and snapshots of an object's fields. Pure: no I/O, no clock (instants come in with the records).
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The kinds of object that carry a chain. */
export const ChainObjectTypes = ['contract', 'job', 'run', 'lesson', 'incident'] as const;
export type ChainObjectType = (typeof ChainObjectTypes)[number];

/** The kinds of record in a chain. */
export const ChainRecordKinds = ['TRANSITION', 'ACK', 'VIOLATION'] as const;
export type ChainRecordKind = (typeof ChainRecordKinds)[number];

/** A JSON value, as canonical JSON takes it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The object a chain belongs to. */
export interface ChainObject {
  tenantId: string;
  type: ChainObjectType;
  id: string;
}

/** The last link of an object's chain: how many records it has and the last one's hash (null when none). */
export interface ChainHead {
  seq: number;
  hash: string | null;
}

/** A record to append: its kind, instant, fields and (for a transition) the object's fields after it. */
export interface ChainEntry {
  kind: ChainRecordKind;
  at: Date;
  fields: { [key: string]: Json };
  snapshot: { [key: string]: Json } | null;
}

/** A record of a chain as stored: its entry, its position, its stored hash and the id that names it. */
export interface StoredChainRecord extends ChainEntry {
  recordId: string;
  seq: number;
  hash: string | null;
}

/** Where a chain first breaks. `recordId` is the object's id when its head does not match the last record. */
export interface BrokenLink {
  recordId: string;
  kind: ChainRecordKind | 'HEAD';
  seq: number;
  expectedHash: string | null;
  foundHash: string | null;
}

/** A chain's verdict: valid (with its length and head), or the first broken link. */
export interface ChainVerdict {
  valid: boolean;
  recordCount: number;
  head: string | null;
  brokenLink: BrokenLink | null;
}

/** The empty chain's head. */
export const GENESIS: ChainHead = { seq: 0, hash: null };

/** The text that is hashed for a record: its RFC 8785 canonical JSON. */
export function canonicalRecord(object: ChainObject, seq: number, entry: ChainEntry): string {
  const body = {
    tenantId: object.tenantId,
    objectType: object.type,
    objectId: object.id,
    seq,
    kind: entry.kind,
    at: entry.at.toISOString(),
    fields: entry.fields,
    snapshot: entry.snapshot,
  };
  const text = canonicalize(body);
  if (text === undefined) throw new Error('an audit record has no canonical form');
  return text;
}

/** SHA-256 (hex) of the previous hash's hex text (empty for the first record) followed by the canonical record, as UTF-8. */
export function chainHash(previous: string | null, canonical: string): string {
  return createHash('sha256').update(previous ?? '', 'utf8').update(canonical, 'utf8').digest('hex');
}

/** The hashes of `entries` appended after `head`, in order, and the new head. */
export function extendChain(object: ChainObject, head: ChainHead, entries: readonly ChainEntry[]): { links: ChainHead[]; head: ChainHead } {
  const links: ChainHead[] = [];
  let last = head;
  for (const entry of entries) {
    const seq = last.seq + 1;
    last = { seq, hash: chainHash(last.hash, canonicalRecord(object, seq, entry)) };
    links.push(last);
  }
  return { links, head: last };
}

/**
 * Checks stored records (in their stored order) against each other and the object's head: each
 * record's hash must be the hash of the previous stored hash and its own content, its position the
 * next one, and the head the last record. The first mismatch is the broken link. `start` is the
 * link before the first record (a segment of a chain starts after a known record).
 */
export function verifyChain(object: ChainObject, records: readonly StoredChainRecord[], head: ChainHead, start: ChainHead = GENESIS): ChainVerdict {
  let previous: string | null = start.hash;
  for (const [index, record] of records.entries()) {
    const seq = start.seq + index + 1;
    const expectedHash = chainHash(previous, canonicalRecord(object, seq, record));
    if (record.seq !== seq || record.hash !== expectedHash) {
      return broken(records.length, { recordId: record.recordId, kind: record.kind, seq, expectedHash, foundHash: record.hash });
    }
    previous = record.hash;
  }
  if (head.seq !== start.seq + records.length || head.hash !== previous) {
    return broken(records.length, { recordId: object.id, kind: 'HEAD', seq: head.seq, expectedHash: head.hash, foundHash: previous });
  }
  return { valid: true, recordCount: records.length, head: previous, brokenLink: null };
}

function broken(recordCount: number, brokenLink: BrokenLink): ChainVerdict {
  return { valid: false, recordCount, head: null, brokenLink };
}

/** An object's fields as JSON for a snapshot: instants as ISO strings, undefined dropped, chain bookkeeping left out. */
export function snapshotOf(object: object): { [key: string]: Json } {
  const { auditSeq: _seq, auditHead: _head, ...fields } = object as Record<string, unknown>;
  return JSON.parse(JSON.stringify(fields)) as { [key: string]: Json };
}

/** A transition's record: its move, reason and actor, and the object's fields after it (null when not kept). */
export function transitionEntry(transition: { fromStatus: string; toStatus: string; reason: string; actor: string; at: Date }, snapshot: { [key: string]: Json } | null): ChainEntry {
  const { fromStatus, toStatus, reason, actor, at } = transition;
  return { kind: 'TRANSITION', at, fields: { from: fromStatus, to: toStatus, reason, actor }, snapshot };
}

/** A domain ack's record (chained on its run). */
export function ackEntry(ack: { id: string; domain: string; action: string; status: string; resultId: string | null; error: string | null; rollbackReason: string | null; at: Date }): ChainEntry {
  const { id, domain, action, status, resultId, error, rollbackReason, at } = ack;
  return { kind: 'ACK', at, fields: { id, domain, action, status, resultId, error, rollbackReason }, snapshot: null };
}

/** A violation's record (chained on its run). */
export function violationEntry(violation: {
  id: string;
  kind: string;
  policyId: string | null;
  operation: string | null;
  phase: string | null;
  status: string | null;
  message: string;
  details: unknown;
  createdAt: Date;
}): ChainEntry {
  const { id, kind, policyId, operation, phase, status, message, details, createdAt } = violation;
  return { kind: 'VIOLATION', at: createdAt, fields: { id, kind, policyId, operation, phase, status, message, details: JSON.parse(JSON.stringify(details ?? null)) as Json }, snapshot: null };
}
