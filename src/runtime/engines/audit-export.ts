// Engine: the audit export's lines (JSON Lines: a header, each object with its records, the
// checkpoints) and their offline verification — every object's chain segment against its head, and
// every checkpoint against the previous one and the chains it names. Pure: no I/O, no clock.
import { verifyChain, type BrokenLink, type ChainHead, type ChainObjectType, type ChainRecordKind, type Json, type StoredChainRecord } from './audit-chain.js';
import { proveHeads, verifyCheckpointRecord, type CheckpointFailure, type CheckpointHead } from './audit-checkpoint.js';

/** The format name and version in an export's header. */
export const EXPORT_FORMAT = { format: 'governance-audit-export', version: 1 } as const;

/** The first line. */
export interface HeaderLine {
  type: 'header';
  format: typeof EXPORT_FORMAT.format;
  version: number;
  tenantId: string;
  exportedAt: string;
  since: string | null;
}

/** An object: its head now, and the link before its first exported record (GENESIS unless --since cut earlier ones). */
export interface ObjectLine {
  type: 'object';
  objectType: ChainObjectType;
  objectId: string;
  head: ChainHead;
  start: ChainHead;
}

/** One record of the object named by the last object line. */
export interface RecordLine {
  type: 'record';
  objectId: string;
  recordId: string;
  kind: ChainRecordKind;
  seq: number;
  at: string;
  fields: { [key: string]: Json };
  snapshot: { [key: string]: Json } | null;
  hash: string | null;
}

/** One checkpoint. */
export interface CheckpointLine {
  type: 'checkpoint';
  id: string;
  seq: number;
  takenAt: string;
  objectCount: number;
  merkleRoot: string;
  previousHash: string | null;
  hash: string;
  heads: CheckpointHead[];
}

/** Any line of an export. */
export type ExportLine = HeaderLine | ObjectLine | RecordLine | CheckpointLine;

/** The record line of a stored record. */
export function recordLine(objectId: string, record: StoredChainRecord): RecordLine {
  const { recordId, kind, seq, at, fields, snapshot, hash } = record;
  return { type: 'record', objectId, recordId, kind, seq, at: at.toISOString(), fields, snapshot, hash };
}

/** What offline verification found. */
export interface ExportVerdict {
  valid: boolean;
  objects: number;
  records: number;
  checkpoints: number;
  /** Checkpointed heads of objects the export does not carry (not proven). */
  unprovenHeads: number;
  brokenLink: (BrokenLink & { objectId: string }) | null;
  checkpointFailure: (CheckpointFailure & { checkpointId: string }) | null;
}

/** Verifies parsed export lines without a database. Throws on lines that are not an export. */
export function verifyExport(lines: readonly ExportLine[]): ExportVerdict {
  const header = lines[0];
  if (header?.type !== 'header' || header.format !== EXPORT_FORMAT.format) throw new Error('not an audit export: the first line is not its header');
  const objects = new Map<string, { line: ObjectLine; records: StoredChainRecord[] }>();
  const checkpoints: CheckpointLine[] = [];
  let records = 0;
  for (const line of lines.slice(1)) {
    if (line.type === 'object') objects.set(line.objectId, { line, records: [] });
    else if (line.type === 'checkpoint') checkpoints.push(line);
    else if (line.type === 'record') {
      const object = objects.get(line.objectId);
      if (!object) throw new Error(`not an audit export: record ${line.recordId} comes before its object ${line.objectId}`);
      object.records.push({ ...line, at: new Date(line.at) });
      records += 1;
    } else throw new Error('not an audit export: a line of unknown type');
  }
  const verdict: ExportVerdict = { valid: true, objects: objects.size, records, checkpoints: checkpoints.length, unprovenHeads: 0, brokenLink: null, checkpointFailure: null };
  for (const { line, records: chain } of objects.values()) {
    const result = verifyChain({ tenantId: header.tenantId, type: line.objectType, id: line.objectId }, chain, line.head, line.start);
    if (!result.valid) return { ...verdict, valid: false, brokenLink: { ...result.brokenLink!, objectId: line.objectId } };
  }
  // A head is provable when the export carries its object's records from before it.
  const provable = (head: CheckpointHead) => (objects.get(head.id)?.line.start.seq ?? Infinity) < head.seq;
  let previous: CheckpointLine | null = null;
  for (const checkpoint of checkpoints) {
    const stored = { ...checkpoint, tenantId: header.tenantId, takenAt: new Date(checkpoint.takenAt) };
    // The first exported checkpoint's predecessor may not be in the export: its link is taken as given.
    const failure =
      verifyCheckpointRecord(stored, previous ?? (checkpoint.previousHash === null ? null : { hash: checkpoint.previousHash })) ??
      proveHeads(header.tenantId, checkpoint.heads.filter(provable), (id) => {
        const { line, records: chain } = objects.get(id)!;
        return { head: line.head, start: line.start, records: chain };
      });
    if (failure) return { ...verdict, valid: false, checkpointFailure: { ...failure, checkpointId: checkpoint.id } };
    verdict.unprovenHeads += checkpoint.heads.filter((head) => !provable(head)).length;
    previous = checkpoint;
  }
  return verdict;
}
