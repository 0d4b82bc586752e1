// Facade: GovernanceRuntime, the only door to state. Every method is one command in one unit of
// work (or a read); resolvers, the CLI and the sweepers call nothing else.
import { checkpointAuditTrails } from './commands/checkpoint-audit.js';
import type { ExportLine } from './engines/audit-export.js';
import { exportAuditTrail, readLatestCheckpoint, verifyAuditTrail, verifyTenantCheckpoint, type AuditExportRequest, type AuditTrailRecord, type CheckpointProofRecord } from './read-audit.js';
import { activateContract, type ActivateContractInput, type Activation } from './commands/activate-contract.js';
import { approveContract, rejectContract, type ApproveContractInput } from './commands/change-contract.js';
import { cancelJob, completeJob, recordStepResult, startJob } from './commands/change-job.js';
import { recordAuditVerdict } from './commands/record-audit-verdict.js';
import { reportCapabilityHealth, type CapabilityHealthReport } from './commands/report-capability-health.js';
import { sweepJobs } from './commands/sweep-jobs.js';
import type { AuditVerdict } from './engines/contract-states.js';
import type { StepResult } from './engines/job-completion.js';
import { createRun, type CreateRunInput } from './commands/create-run.js';
import { convertLessonToDraft, deferLesson, dismissLesson, sweepDeferredLessons, type LessonConversion } from './commands/review-lesson.js';
import { resolveIncident, type ResolveIncidentInput } from './commands/resolve-incident.js';
import { reportInspection, upsertMonitorConfig } from './commands/inspection.js';
import type { MonitorConfigPatch } from './drivers/monitor-configs.js';
import type { InspectionResult } from './engines/inspection.js';
import { readInspectionCheck, readMonitorConfig, readViolation, readViolationPage, type ViolationPageRequest } from './read-inspection.js';
import type { CompleteRunInput, RunCompletionRecord } from './completion/run-completion-coordinator.js';
import { declareSkill, setAgentBudget, updateGovernanceSettings } from './commands/manage-manifest.js';
import { recordDomainAck, type DomainAckInput } from './commands/record-domain-ack.js';
import type { GovernanceSettingsPatch } from './drivers/manifest.js';
import { sweepExpectations } from './commands/sweep-expectations.js';
import { transitionRun } from './commands/transition-run.js';
import type { BudgetRequest, SkillRequest } from './engines/run-requests.js';
import type { RunPhase, RunStatus } from './engines/run-states.js';
import { OutboxReads } from './read-outbox.js';
import type { AgentBudgetView } from './engines/agent-budget.js';
import {
  readAgentBudget,
  readGovernanceSettings,
  readLessonCounts,
  readLessonPage,
  readRun,
  readRunPage,
  readSkills,
  readStaleRunPage,
  type LessonPageRequest,
  type RunPageRequest,
  type StaleRunPageRequest,
} from './read-runs.js';
import { readCapabilityHealth, readJob, readJobPage, readJobPageJson, type JobPageRequest } from './read-jobs.js';
import { authenticate, bootstrapDefaultTenant, createApiKey, recordApiKeyUse, revokeApiKey, type ApiKeyRequest, type MintedApiKey } from './commands/api-keys.js';
import { createTenant, type CreatedTenant, type TenantRequest } from './commands/tenants.js';
import { ApiKeyCache } from './api-key-cache.js';
import { KeyUseLog } from './key-use-log.js';
import { readApiKeys, readTenants, type ApiKeyRecord, type TenantRecord } from './read-tenants.js';
import { createContract, type CreateContractInput } from './commands/create-contract.js';
import { sweepContracts, type ContractSweepResult } from './commands/sweep-contracts.js';
import { readContract, readContractPage, type ContractPageRequest } from './read-contracts.js';
import { makeReadLoaders, type ReadLoaders } from './read-loaders.js';
import type { AckRecord, CapabilityHealthRecord, CheckpointRecord, ContractRecord, GovernanceSettingsRecord, IncidentRecord, JobRecord, LessonCountRecord, LessonRecord, MonitorConfigRecord, Page, RunRecord, SkillRecord, ViolationRecord } from './records.js';
import type { ResponseShape } from './field-selection.js';
import type { Principal, RequestContext } from './request-context.js';
import type { RuntimeDeps } from './runtime-deps.js';
import { readViewer, type ViewerRecord } from './read-viewer.js';

/** The governance runtime: commands that change state, and the reads consoles need. */
export class GovernanceRuntime {
  /** Outbox reads for this instance's event delivery. */
  readonly outbox: OutboxReads;
  /** Keys used since their last use was written. */
  private readonly keyUse = new KeyUseLog();
  /** Keys authenticated lately (see api-key-cache.ts). */
  private readonly keyCache: ApiKeyCache;

  constructor(private readonly deps: RuntimeDeps) {
    this.outbox = new OutboxReads(deps);
    this.keyCache = new ApiKeyCache(deps.apiKeyCacheTtlMs);
  }

  /** Creates an ELIGIBLE contract from a MAY proposal (idempotent with a key). */
  createContract(ctx: RequestContext, input: CreateContractInput): Promise<ContractRecord> {
    return createContract(this.deps, ctx, input);
  }

  /** Approves an ELIGIBLE contract, opening its activation window. */
  approveContract(ctx: RequestContext, id: string, input: ApproveContractInput): Promise<ContractRecord> {
    return approveContract(this.deps, ctx, id, input);
  }

  /** Rejects a contract that is not approved yet. */
  rejectContract(ctx: RequestContext, id: string, reason: string): Promise<ContractRecord> {
    return rejectContract(this.deps, ctx, id, reason);
  }

  /** Activates an APPROVED contract inside its window, creating its job in the same commit. */
  activateContract(ctx: RequestContext, id: string, input: ActivateContractInput): Promise<Activation> {
    return activateContract(this.deps, ctx, id, input);
  }

  /** Records the audit verdict of an ACTIVE contract whose job completed. */
  recordAuditVerdict(ctx: RequestContext, contractId: string, verdict: AuditVerdict, reason: string): Promise<ContractRecord> {
    return recordAuditVerdict(this.deps, ctx, contractId, verdict, reason);
  }

  /** PENDING → RUNNING. */
  startJob(ctx: RequestContext, id: string): Promise<JobRecord> {
    return startJob(this.deps, ctx, id);
  }

  /** Records the current step's result. */
  recordStepResult(ctx: RequestContext, jobId: string, result: StepResult, idempotencyKey?: string | null): Promise<JobRecord> {
    return recordStepResult(this.deps, ctx, jobId, result, idempotencyKey);
  }

  /** Completes a RUNNING job with the outcome its evidence gives. */
  completeJob(ctx: RequestContext, id: string): Promise<JobRecord> {
    return completeJob(this.deps, ctx, id);
  }

  /** Cancels a PENDING or RUNNING job (its contract fails). */
  cancelJob(ctx: RequestContext, id: string, reason: string): Promise<JobRecord> {
    return cancelJob(this.deps, ctx, id, reason);
  }

  /** Records a capability's latest health. */
  reportCapabilityHealth(ctx: RequestContext, report: CapabilityHealthReport): Promise<CapabilityHealthRecord> {
    return reportCapabilityHealth(this.deps, ctx, report);
  }

  /** Plans and creates a run (CREATED/QUEUED) with its audit expectations. */
  createRun(ctx: RequestContext, input: CreateRunInput): Promise<RunRecord> {
    return createRun(this.deps, ctx, input);
  }

  /** Moves a run's phase and status under the phase/status invariant. */
  transitionRun(ctx: RequestContext, id: string, phase: RunPhase, status: RunStatus): Promise<RunRecord> {
    return transitionRun(this.deps, ctx, id, phase, status);
  }

  /** Completes a run in one atomic commit across incidents, policies, traces and lessons. */
  completeRun(ctx: RequestContext, id: string, input: CompleteRunInput): Promise<RunCompletionRecord> {
    return this.deps.completion.complete(this.deps, ctx, id, input);
  }

  /** Records a domain's ack (SUCCESS or FAILED) of a run's action, also on a finished run. */
  recordDomainAck(ctx: RequestContext, runId: string, input: DomainAckInput): Promise<AckRecord> {
    return recordDomainAck(this.deps, ctx, runId, input);
  }

  /** Resolves a run's open incident (OPEN → RESOLVED, once). */
  resolveIncident(ctx: RequestContext, id: string, input: ResolveIncidentInput): Promise<IncidentRecord> {
    return resolveIncident(this.deps, ctx, id, input);
  }

  /** Dismisses a lesson with a reason. */
  dismissLesson(ctx: RequestContext, id: string, reason: string): Promise<LessonRecord> {
    return dismissLesson(this.deps, ctx, id, reason);
  }

  /** Defers a lesson until a later time. */
  deferLesson(ctx: RequestContext, id: string, until: Date): Promise<LessonRecord> {
    return deferLesson(this.deps, ctx, id, until);
  }

  /** Converts a PENDING lesson to a DRAFT contract drafted from it, in one commit. */
  convertLessonToDraft(ctx: RequestContext, id: string): Promise<LessonConversion> {
    return convertLessonToDraft(this.deps, ctx, id);
  }

  /** Sets fields of a policy's monitor configuration (admin). */
  upsertMonitorConfig(ctx: RequestContext, policyId: string, patch: MonitorConfigPatch): Promise<MonitorConfigRecord> {
    return upsertMonitorConfig(this.deps, ctx, policyId, patch);
  }

  /** Checks a worker's operations and records a violation per denied one. */
  reportInspection(ctx: RequestContext, runId: string, policyId: string, operations: readonly string[]): Promise<InspectionResult> {
    return reportInspection(this.deps, ctx, runId, policyId, operations);
  }

  /** Declares or replaces a skill of the manifest (admin). */
  upsertSkill(ctx: RequestContext, request: SkillRequest): Promise<SkillRecord> {
    return declareSkill(this.deps, ctx, request);
  }

  /** Sets an agent's budget (admin). */
  setAgentBudget(ctx: RequestContext, request: BudgetRequest): Promise<AgentBudgetView> {
    return setAgentBudget(this.deps, ctx, request);
  }

  /** Updates governance settings (admin). */
  updateGovernanceSettings(ctx: RequestContext, patch: GovernanceSettingsPatch): Promise<GovernanceSettingsRecord> {
    return updateGovernanceSettings(this.deps, ctx, patch);
  }

  /** Marks expectations past their deadline MISSING; returns how many. */
  sweepExpectations(): Promise<number> {
    return sweepExpectations(this.deps);
  }

  /** Expires stale contracts and fails elapsed activation windows, at the clock's now. */
  sweepContracts(): Promise<ContractSweepResult> {
    return sweepContracts(this.deps);
  }

  /** Fails jobs past their timeout (and their contracts); returns how many. */
  sweepJobs(): Promise<number> {
    return sweepJobs(this.deps);
  }

  /** Returns deferred lessons whose time has passed to PENDING; returns how many. */
  sweepLessons(): Promise<number> {
    return sweepDeferredLessons(this.deps);
  }

  /** Creates a tenant (CONFLICT when it exists). */
  createTenant(request: TenantRequest): Promise<CreatedTenant> {
    return createTenant(this.deps, request);
  }

  /** Every tenant, with its count of keys that authenticate now. */
  tenants(): Promise<TenantRecord[]> {
    return readTenants(this.deps);
  }

  /** Mints an API key in an existing tenant (NOT_FOUND for an unknown one), optionally expiring. */
  createApiKey(request: ApiKeyRequest): Promise<MintedApiKey> {
    return createApiKey(this.deps, request);
  }

  /** The keys of a tenant (NOT_FOUND for an unknown one), or of every tenant when null. */
  apiKeys(tenantId: string | null): Promise<ApiKeyRecord[]> {
    return readApiKeys(this.deps, tenantId);
  }

  /** Revokes an API key by id, on behalf of `actor` (recorded on the apikey.revoked event). */
  async revokeApiKey(id: string, actor?: string): Promise<boolean> {
    const revoked = await revokeApiKey(this.deps, id, actor);
    this.keyCache.forget(id);
    return revoked;
  }

  /** Forgets a key another instance revoked (its apikey.revoked event), so it is looked up again. */
  forgetApiKey(id: string): void {
    this.keyCache.forget(id);
  }

  /** Creates tenant `default` and its admin key on a fresh database. */
  bootstrapDefaultTenant(): Promise<MintedApiKey | null> {
    return bootstrapDefaultTenant(this.deps);
  }

  /** Resolves a presented API key to its principal (null when unknown, revoked or expired), noting its use. */
  async authenticate(presentedKey: string): Promise<Principal | null> {
    const principal = await authenticate(this.deps, presentedKey, this.keyCache);
    if (principal) this.keyUse.note(principal, this.deps.clock.now());
    return principal;
  }

  /** How long the principal's key still works, in ms at the runtime's clock; null when it never expires. */
  keyLifetimeLeftMs(principal: Principal): number | null {
    return principal.keyExpiresAt === null ? null : principal.keyExpiresAt.getTime() - this.deps.clock.now().getTime();
  }

  /** Writes the last use of the keys authenticated since the previous call (nothing when none were). */
  recordApiKeyUse(): Promise<void> {
    return recordApiKeyUse(this.deps, this.keyUse.take());
  }

  /** The caller: principal, role, tenant and the role's permissions. */
  viewer(ctx: RequestContext): ViewerRecord {
    return readViewer(ctx);
  }

  /** Verifies one object's audit chain (NOT_FOUND for an unknown or another tenant's object). */
  verifyAuditTrail(ctx: RequestContext, objectId: string): Promise<AuditTrailRecord> {
    return verifyAuditTrail(this.deps, ctx, objectId);
  }

  /** Proves one of the caller's audit checkpoints against the chains it names. */
  verifyTenantCheckpoint(ctx: RequestContext, id: string): Promise<CheckpointProofRecord> {
    return verifyTenantCheckpoint(this.deps, ctx, id);
  }

  /** The caller's tenant's latest audit checkpoint, or null. */
  latestAuditCheckpoint(ctx: RequestContext): Promise<CheckpointRecord | null> {
    return readLatestCheckpoint(this.deps, ctx);
  }

  /** A tenant's audit export as JSON Lines values (the CLI's `audit export`). */
  exportAuditTrail(request: AuditExportRequest): Promise<ExportLine[]> {
    return exportAuditTrail(this.deps, request);
  }

  /** Takes an audit checkpoint for every tenant whose chain heads moved; returns how many. */
  checkpointAuditTrails(): Promise<number> {
    return checkpointAuditTrails(this.deps);
  }

  /** One contract of the caller's tenant. */
  contract(ctx: RequestContext, id: string, asOf: Date | null = null): Promise<ContractRecord | null> {
    return readContract(this.deps, ctx, id, asOf);
  }

  /** A page of the caller's contracts. */
  contracts(ctx: RequestContext, request: ContractPageRequest): Promise<Page<ContractRecord>> {
    return readContractPage(this.deps, ctx, request);
  }

  /** One job of the caller's tenant. */
  job(ctx: RequestContext, id: string, asOf: Date | null = null): Promise<JobRecord | null> {
    return readJob(this.deps, ctx, id, asOf);
  }

  /** A page of the caller's jobs. */
  jobs(ctx: RequestContext, request: JobPageRequest): Promise<Page<JobRecord>> {
    return readJobPage(this.deps, ctx, request);
  }

  /** A page of the caller's jobs as the JSON text of `shape`, built by PostgreSQL; null when the shape is not one it compiles. */
  jobsAsJson(ctx: RequestContext, request: Omit<JobPageRequest, 'selection'>, shape: ResponseShape): Promise<string | null> {
    return readJobPageJson(this.deps, ctx, request, shape);
  }

  /** The latest health of every capability of the caller's tenant. */
  capabilityHealth(ctx: RequestContext): Promise<CapabilityHealthRecord[]> {
    return readCapabilityHealth(this.deps, ctx);
  }

  /** One run of the caller's tenant. */
  run(ctx: RequestContext, id: string, asOf: Date | null = null): Promise<RunRecord | null> {
    return readRun(this.deps, ctx, id, asOf);
  }

  /** A page of the caller's runs. */
  runs(ctx: RequestContext, request: RunPageRequest): Promise<Page<RunRecord>> {
    return readRunPage(this.deps, ctx, request);
  }

  /** A page of the caller's stale runs: not ended, idle for more than the given minutes. */
  staleRuns(ctx: RequestContext, request: StaleRunPageRequest): Promise<Page<RunRecord>> {
    return readStaleRunPage(this.deps, ctx, request);
  }

  /** A page of the caller's lessons (of the given statuses). */
  lessons(ctx: RequestContext, request: LessonPageRequest): Promise<Page<LessonRecord>> {
    return readLessonPage(this.deps, ctx, request);
  }

  /** How many lessons of each type and status the caller's tenant has. */
  lessonCounts(ctx: RequestContext): Promise<LessonCountRecord[]> {
    return readLessonCounts(this.deps, ctx);
  }

  /** A policy's monitor configuration. */
  monitorConfig(ctx: RequestContext, policyId: string): Promise<MonitorConfigRecord | null> {
    return readMonitorConfig(this.deps, ctx, policyId);
  }

  /** What a policy allows of the operations (no write). */
  checkInspection(ctx: RequestContext, policyId: string, operations: readonly string[]): Promise<InspectionResult> {
    return readInspectionCheck(this.deps, ctx, policyId, operations);
  }

  /** One violation of the caller's tenant. */
  violation(ctx: RequestContext, id: string): Promise<ViolationRecord | null> {
    return readViolation(this.deps, ctx, id);
  }

  /** A page of the caller's violations. */
  violations(ctx: RequestContext, request: ViolationPageRequest): Promise<Page<ViolationRecord>> {
    return readViolationPage(this.deps, ctx, request);
  }

  /** The caller's skill manifest. */
  skills(ctx: RequestContext): Promise<SkillRecord[]> {
    return readSkills(this.deps, ctx);
  }

  /** An agent's budget and its use. */
  agentBudget(ctx: RequestContext, agentId: string): Promise<AgentBudgetView | null> {
    return readAgentBudget(this.deps, ctx, agentId);
  }

  /** The caller's governance settings. */
  governanceSettings(ctx: RequestContext): Promise<GovernanceSettingsRecord> {
    return readGovernanceSettings(this.deps, ctx);
  }

  /** Fresh per-request loaders for nested fields. */
  loaders(ctx: RequestContext): ReadLoaders {
    return makeReadLoaders(this.deps, ctx);
  }
}
