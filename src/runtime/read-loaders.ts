// Runtime reads: per-request DataLoaders, so nested fields of a page cost a bounded number of
// statements whatever the page size. Built once per request for the caller's tenant.
import DataLoader from 'dataloader';
import { findContracts } from './drivers/contract-reads.js';
import { findJobs } from './drivers/job-reads.js';
import { findRuns } from './drivers/run-reads.js';
import { loadStepResults } from './drivers/step-results.js';
import { loadTransitions } from './drivers/transitions.js';
import { reconcile, type Reconciliation } from './engines/run-audit.js';
import { loadAcks, loadExpectations } from './drivers/run-audit.js';
import { loadRunViolations } from './drivers/violations.js';
import { loadIncidents, loadPolicyEvaluations } from './drivers/completion-records.js';
import { loadRunLessons } from './drivers/lessons.js';
import type { AckRecord, ContractRecord, ExpectationRecord, IncidentRecord, JobRecord, LessonRecord, PolicyEvaluationRecord, RunRecord, StepResultRecord, TransitionRecord, ViolationRecord } from './records.js';
import type { RequestContext } from './request-context.js';
import type { StorageDeps } from './storage-deps.js';
import { readForCaller, type Reader } from './scoped-transactions.js';

/** The loaders of one request. */
export interface ReadLoaders {
  contracts: DataLoader<string, ContractRecord | null>;
  jobs: DataLoader<string, JobRecord | null>;
  runs: DataLoader<string, RunRecord | null>;
  stepResults: DataLoader<string, StepResultRecord[]>;
  transitions: DataLoader<string, TransitionRecord[]>;
  expectations: DataLoader<string, ExpectationRecord[]>;
  acks: DataLoader<string, AckRecord[]>;
  violations: DataLoader<string, ViolationRecord[]>;
  incidents: DataLoader<string, IncidentRecord | null>;
  policyEvaluations: DataLoader<string, PolicyEvaluationRecord | null>;
  lessons: DataLoader<string, LessonRecord[]>;
  /** A run's reconciliation at the clock's now, from its expectations and acks. */
  reconciliation(runId: string): Promise<Reconciliation>;
}

/** Makes fresh loaders for one request of the caller's tenant. */
export function makeReadLoaders(deps: StorageDeps, ctx: RequestContext): ReadLoaders {
  const tenantId = ctx.principal.tenantId;
  const read = <T>(load: (reader: Reader) => Promise<T>) => readForCaller(deps, ctx, load);
  const expectations = grouped((ids) => read((reader) => loadExpectations(reader, tenantId, ids)), (row: ExpectationRecord) => row.runId);
  const acks = grouped((ids) => read((reader) => loadAcks(reader, tenantId, ids)), (row: AckRecord) => row.runId);
  return {
    expectations,
    acks,
    violations: grouped((ids) => read((reader) => loadRunViolations(reader, tenantId, ids)), (row) => row.runId ?? ''),
    incidents: byKey((ids) => read((reader) => loadIncidents(reader, tenantId, ids)), (row) => row.runId),
    policyEvaluations: byKey((ids) => read((reader) => loadPolicyEvaluations(reader, tenantId, ids)), (row) => row.runId),
    lessons: grouped((ids) => read((reader) => loadRunLessons(reader, tenantId, ids)), (row) => row.runId ?? ''),
    reconciliation: async (runId) => reconcile(await expectations.load(runId), await acks.load(runId), deps.clock.now()),
    contracts: byId((ids) => read((reader) => findContracts(reader, tenantId, ids))),
    jobs: byId((ids) => read((reader) => findJobs(reader, tenantId, ids))),
    runs: byId((ids) => read((reader) => findRuns(reader, tenantId, ids))),
    stepResults: grouped((ids) => read((reader) => loadStepResults(reader, tenantId, ids)), (row) => row.jobId),
    transitions: grouped((ids) => read((reader) => loadTransitions(reader, tenantId, ids)), (row) => row.subjectId),
  };
}

function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return byKey(load, (row) => row.id);
}

function byKey<T>(load: (keys: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    const rows = new Map((await load(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => rows.get(key) ?? null);
  });
}

function grouped<T>(load: (ids: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T[]> {
  return new DataLoader(async (ids) => {
    const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of await load(ids)) groups.get(keyOf(row))?.push(row);
    return ids.map((id) => groups.get(id)!);
  });
}
