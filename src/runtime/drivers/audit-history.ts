// Driver: an object as it was at an instant — the fields kept by the last transition recorded at or
// before it, revived as the entity's record (instants as dates).
import { ContractEntity, JobEntity, RunEntity } from '../../entities/index.js';
import type { ContractRecord, JobRecord, RunRecord } from '../records.js';
import type { Reader } from '../scoped-transactions.js';

/** The kinds of object readable as of an instant, and their records. */
export interface AsOfRecords {
  contract: ContractRecord;
  job: JobRecord;
  run: RunRecord;
}

const entities = { contract: ContractEntity, job: JobEntity, run: RunEntity };

/** The tenant's object of `type` as its history kept it at `asOf`; null before its first kept state. */
export async function findAsOf<Type extends keyof AsOfRecords>(reader: Reader, type: Type, tenantId: string, id: string, asOf: Date): Promise<AsOfRecords[Type] | null> {
  const rows: { snapshot: Record<string, unknown> }[] = await reader.manager.query(
    `SELECT snapshot FROM transitions
     WHERE tenant_id = $1 AND subject_type = $2 AND subject_id = $3 AND at <= $4 AND snapshot IS NOT NULL
     ORDER BY chain_seq DESC LIMIT 1`,
    [tenantId, type, id, asOf],
  );
  if (rows.length === 0) return null;
  const record: Record<string, unknown> = { ...rows[0].snapshot };
  for (const column of reader.manager.connection.getMetadata(entities[type]).columns) {
    const value = record[column.propertyName];
    if (column.type === 'timestamptz' && typeof value === 'string') record[column.propertyName] = new Date(value);
  }
  return record as unknown as AsOfRecords[Type];
}
