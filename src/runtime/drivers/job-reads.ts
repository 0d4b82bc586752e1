// Driver: reads jobs of one tenant — by id, by ids or contract ids (for loaders), and as a
// filtered keyset page that reads only the selected fields, nested lists included.
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { ContractEntity, JobEntity, StepResultEntity, TransitionEntity } from '../../entities/index.js';
import type { CursorPosition } from '../engines/page-cursor.js';
import type { FieldSelection } from '../field-selection.js';
import type { JobRecord } from '../records.js';
import { plainKeysetPage } from './keyset-page.js';
import { rowsByKeys } from './plain-rows.js';
import { columnsAs, jsonObjectOf, reviveInstants, selectedColumns, type DerivedFields } from './selected-columns.js';
import type { Reader } from '../scoped-transactions.js';

/** Filters of the `jobs` list (api-sketch JobFilter). */
export interface JobFilter {
  status?: string[] | null;
  contractId?: string | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
}

/** One job of the tenant, or null. */
export async function findJob(reader: Reader, tenantId: string, id: string): Promise<JobRecord | null> {
  return reader.manager.findOneBy(JobEntity, { tenantId, id });
}

/** Several jobs of the tenant by id, in one statement. */
export async function findJobs(reader: Reader, tenantId: string, ids: readonly string[]): Promise<JobRecord[]> {
  return rowsByKeys(reader, JobEntity, tenantId, 'id', ids);
}

/** Columns a job page always reads: its key, its contract's id and its cursor. */
const JOB_KEYS = ['id', 'tenantId', 'contractId', 'createdAt'];
/** Job fields computed from columns. */
const JOB_DERIVED: DerivedFields = { progress: ['currentStepIndex', 'totalSteps', 'completedSteps', 'failedSteps'] };

/**
 * Up to `limit` jobs after `after`, newest first, and how many match in all — in one statement, rows
 * as records. With a selection (the fields a request returns) only their columns are read, and the
 * selected contract, step results and transitions ride along as JSON; without one, every column and
 * the contract.
 */
export async function listJobs(reader: Reader, tenantId: string, filter: JobFilter, after: CursorPosition | null, limit: number, fields: FieldSelection | null = null): Promise<{ rows: JobRecord[]; totalCount: number }> {
  const metadata = (entity: EntityTarget<ObjectLiteral>) => reader.manager.connection.getMetadata(entity);
  const jobColumns = selectedColumns(metadata(JobEntity), fields, JOB_KEYS, JOB_DERIVED);
  const contractColumns = !fields ? metadata(ContractEntity).columns : fields.contract ? selectedColumns(metadata(ContractEntity), fields.contract, ['id']) : null;
  const stepResultColumns = fields?.stepResults ? selectedColumns(metadata(StepResultEntity), fields.stepResults, []) : null;
  const transitionColumns = fields?.transitions ? selectedColumns(metadata(TransitionEntity), fields.transitions, []) : null;
  const select = [columnsAs('j', jobColumns)];
  if (contractColumns) select.push(`(SELECT ${jsonObjectOf('c', contractColumns)} FROM contracts c WHERE c.tenant_id = $1 AND c.id = j.contract_id) AS "contract"`);
  if (stepResultColumns) select.push(`(SELECT coalesce(json_agg(${jsonObjectOf('s', stepResultColumns)} ORDER BY s.step_index), '[]') FROM step_results s WHERE s.tenant_id = $1 AND s.job_id = j.id) AS "stepResults"`);
  if (transitionColumns) select.push(`(SELECT coalesce(json_agg(${jsonObjectOf('t', transitionColumns)} ORDER BY t.id), '[]') FROM transitions t WHERE t.tenant_id = $1 AND t.subject_id = j.id) AS "transitions"`);
  const page = await plainKeysetPage<JobRecord>(reader, { table: 'jobs', alias: 'j', select: select.join(', '), ...filterConditions(tenantId, filter) }, after, limit);
  for (const job of page.rows) {
    if (job.contract && contractColumns) reviveInstants([job.contract], contractColumns);
    if (job.stepResults && stepResultColumns) reviveInstants(job.stepResults, stepResultColumns);
    if (job.transitions && transitionColumns) reviveInstants(job.transitions, transitionColumns);
  }
  return page;
}

/** The tenant condition first, then the filter's, on unqualified columns, with their parameters. */
export function filterConditions(tenantId: string, filter: JobFilter): { conditions: string[]; parameters: unknown[] } {
  const parameters: unknown[] = [tenantId];
  const conditions = ['tenant_id = $1'];
  const add = (condition: (parameter: string) => string, value: unknown) => conditions.push(condition(`$${parameters.push(value)}`));
  if (filter.status?.length) add((p) => `status = ANY(${p})`, filter.status);
  if (filter.contractId) add((p) => `contract_id = ${p}`, filter.contractId);
  if (filter.createdAfter) add((p) => `created_at > ${p}`, filter.createdAfter);
  if (filter.createdBefore) add((p) => `created_at < ${p}`, filter.createdBefore);
  return { conditions, parameters };
}
