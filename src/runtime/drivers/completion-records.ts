// Driver: what run completion writes — incidents, policy evaluations, trace completions — in the
// caller's transaction, and their batched reads by run.
import { IncidentEntity, PolicyEvaluationEntity, TraceCompletionEntity } from '../../entities/index.js';
import type { IncidentRecord, PolicyEvaluationRecord, TraceCompletionRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { insertRows, rowsByKeys } from './plain-rows.js';

type Reader = Pick<UnitOfWork, 'manager'>;

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
