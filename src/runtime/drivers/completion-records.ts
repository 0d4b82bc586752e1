// Driver: what run completion writes — incidents, policy evaluations, trace completions — in the
// caller's transaction, and their batched reads by run; an incident locked and resolved.
import { IncidentEntity, PolicyEvaluationEntity, TraceCompletionEntity } from '../../entities/index.js';
import type { IncidentRecord, PolicyEvaluationRecord, TraceCompletionRecord } from '../records.js';
import { ConflictError } from '../errors.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { insertRows, lockRow, rowsByKeys } from './plain-rows.js';
import type { Reader } from '../scoped-transactions.js';

/** Writes a run's incident. */
export async function insertIncident(uow: UnitOfWork, incident: IncidentRecord): Promise<void> {
  await insertRows(uow, IncidentEntity, [incident]);
}

/** Writes a run's policy evaluation. */
export async function insertPolicyEvaluation(uow: UnitOfWork, evaluation: PolicyEvaluationRecord): Promise<void> {
  await insertRows(uow, PolicyEvaluationEntity, [evaluation]);
}

/** Writes a traced run's trace completion. */
export async function insertTraceCompletion(uow: UnitOfWork, completion: TraceCompletionRecord): Promise<void> {
  await insertRows(uow, TraceCompletionEntity, [completion]);
}

/** The incidents of several runs of one tenant. */
export async function loadIncidents(reader: Reader, tenantId: string, runIds: readonly string[]): Promise<IncidentRecord[]> {
  return rowsByKeys(reader, IncidentEntity, tenantId, 'runId', runIds);
}

/** The policy evaluations of several runs of one tenant. */
export async function loadPolicyEvaluations(reader: Reader, tenantId: string, runIds: readonly string[]): Promise<PolicyEvaluationRecord[]> {
  return rowsByKeys(reader, PolicyEvaluationEntity, tenantId, 'runId', runIds);
}

/** A run's incident, or null. */
export async function findIncidentOfRun(reader: Reader, tenantId: string, runId: string): Promise<IncidentRecord | null> {
  return reader.manager.findOneBy(IncidentEntity, { tenantId, runId });
}

/** A run's policy evaluation, or null. */
export async function findPolicyEvaluationOfRun(reader: Reader, tenantId: string, runId: string): Promise<PolicyEvaluationRecord | null> {
  return reader.manager.findOneBy(PolicyEvaluationEntity, { tenantId, runId });
}

/** One incident of the tenant, locked until commit; null when absent. */
export async function lockIncident(uow: UnitOfWork, tenantId: string, id: string): Promise<IncidentRecord | null> {
  return lockRow(uow, IncidentEntity, tenantId, id);
}

/** Writes the resolution of a locked incident; returns the stored row. */
export async function updateIncidentResolution(uow: UnitOfWork, incident: IncidentRecord, change: Pick<IncidentRecord, 'status' | 'resolution' | 'resolvedBy' | 'resolvedAt'>): Promise<IncidentRecord> {
  const result = await uow.manager
    .createQueryBuilder()
    .update(IncidentEntity)
    .set(change)
    .where('id = :id AND tenant_id = :tenantId AND status = :status', { id: incident.id, tenantId: incident.tenantId, status: incident.status })
    .execute();
  if (result.affected !== 1) throw new ConflictError(`Incident ${incident.id} was changed by another writer`);
  return { ...incident, ...change };
}
