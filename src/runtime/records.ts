// Records: the plain shapes the runtime hands out to resolvers (never entities, never drivers).
import type { AuditVerdict, ContractStatus, EligibilityDecision } from './engines/contract-states.js';
import type { CapabilityHealthStatus } from './engines/health-snapshot.js';
import type { CheckpointHead } from './engines/audit-checkpoint.js';
import type { ViolationKind } from './engines/inspection.js';
import type { StepStatus } from './engines/job-completion.js';
import type { JobStatus } from './engines/job-states.js';
import type { IncidentCategory, IncidentSeverity, IncidentStatus } from './engines/incidents.js';
import type { PolicyOutcome } from './engines/policy-evaluation.js';
import type { LessonStatus, LessonType } from './engines/lessons.js';
import type { AckStatus, ExpectationStatus } from './engines/run-audit.js';
import type { RunPhase, RunStatus } from './engines/run-states.js';
import type { PlanWarning } from './engines/run-plan.js';

/** The audit chain's head a stored chained object carries (absent on a record built before its insert). */
export interface ChainedRow {
  auditSeq?: number;
  auditHead?: string | null;
}

/** A contract as read from storage. */
export interface ContractRecord extends ChainedRow {
  id: string;
  tenantId: string;
  version: number;
  issueId: string;
  source: string;
  status: ContractStatus;
  statusReason: string | null;
  title: string;
  description: string | null;
  proposedChanges: unknown[];
  affectedCapabilities: string[];
  riskLevel: string;
  confidenceScore: number;
  validatorVerdict: Record<string, unknown>;
  eligibilityVerdict: Record<string, unknown>;
  eligibilityDecision: EligibilityDecision;
  createdBy: string;
  approvedBy: string | null;
  approvedAt: Date | null;
  activationWindowStart: Date | null;
  activationWindowEnd: Date | null;
  executionConstraints: Record<string, unknown> | null;
  jobId: string | null;
  auditVerdict: AuditVerdict;
  auditReason: string | null;
  auditCompletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date | null;
  /** The lesson the contract was drafted from; null for a contract created from a proposal. */
  lessonId: string | null;
}

/** One recorded transition of a contract, job or run. */
export interface TransitionRecord {
  subjectId: string;
  fromStatus: string;
  toStatus: string;
  reason: string;
  actor: string;
  at: Date;
}

/** A page of a Relay connection, before GraphQL shapes it. */
export interface Page<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}

/** A governance job as read from storage. */
export interface JobRecord extends ChainedRow {
  id: string;
  tenantId: string;
  contractId: string;
  version: number;
  status: JobStatus;
  statusReason: string | null;
  steps: unknown[];
  currentStepIndex: number;
  totalSteps: number;
  completedSteps: number;
  failedSteps: number;
  healthBefore: unknown;
  healthAfter: unknown;
  auditEvidence: unknown;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  timeoutAt: Date;
  /** The job's contract, when a page read it along with the job. */
  contract?: ContractRecord;
  /** The job's step results and history, when a page read them along with the job. */
  stepResults?: StepResultRecord[];
  transitions?: TransitionRecord[];
}

/** One recorded step result of a job. */
export interface StepResultRecord {
  jobId: string;
  tenantId: string;
  stepIndex: number;
  status: StepStatus;
  startedAt: Date | null;
  completedAt: Date | null;
  output: unknown;
  error: string | null;
  healthAfter: unknown;
  recordedBy: string;
  recordedAt: Date;
}

/** The latest reported health of one capability. */
export interface CapabilityHealthRecord {
  tenantId: string;
  capability: string;
  status: CapabilityHealthStatus;
  details: unknown;
  reportedBy: string;
  reportedAt: Date;
}

/** An agent run as read from storage. */
export interface RunRecord extends ChainedRow {
  id: string;
  tenantId: string;
  version: number;
  agentId: string;
  goal: string;
  phase: RunPhase;
  status: RunStatus;
  plan: unknown;
  traceId: string | null;
  policyId: string | null;
  timeoutSeconds: number;
  costCents: number | null;
  /** The plan's estimated cost, reserved against the agent's budget while the run is open. */
  reservedCents: number;
  planWarnings: PlanWarning[];
  outcome: string | null;
  /** A rehearsal: its costs are reported apart and never draw on the agent's budget. */
  isSynthetic: boolean;
  /** The scenario a synthetic run rehearses. */
  syntheticScenarioId: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

/** A skill of a tenant's manifest. */
export interface SkillRecord {
  tenantId: string;
  name: string;
  description: string;
  keywords: string[];
  estimatedCostCents: number;
  sideEffects: boolean;
  updatedBy: string;
  updatedAt: Date;
}

/** An agent's budget. */
export interface AgentBudgetRecord {
  tenantId: string;
  agentId: string;
  limitCents: number;
  windowHours: number;
  perRunLimitCents: number | null;
  dailyLimitCents: number | null;
  updatedBy: string;
  updatedAt: Date;
}

/** A tenant's governance settings. */
export interface GovernanceSettingsRecord {
  tenantId: string;
  phaseStatusEnforcement: boolean;
  nearThresholdPercent: number;
  criticalSuccessPercent: number;
  maxPlanCostCents: number;
  maxPlanSteps: number;
  /** The budget of agents that have none of their own; null: such agents are unlimited. */
  defaultAgentBudgetCents: number | null;
  updatedBy: string | null;
  updatedAt: Date | null;
}

/** A run's record about one domain action (an expectation of it, or an ack of it) and its status. */
export interface RunActionRecord<Status extends string> {
  id: string;
  tenantId: string;
  runId: string;
  domain: string;
  action: string;
  status: Status;
}

/** One expectation of a run. */
export interface ExpectationRecord extends RunActionRecord<ExpectationStatus> {
  deadline: Date;
  ackedAt: Date | null;
}

/** One domain acknowledgement for a run. */
export interface AckRecord extends RunActionRecord<AckStatus> {
  resultId: string | null;
  error: string | null;
  rollbackReason: string | null;
  at: Date;
}

/** One recorded violation. */
export interface ViolationRecord {
  id: string;
  tenantId: string;
  kind: ViolationKind;
  runId: string | null;
  policyId: string | null;
  operation: string | null;
  phase: RunPhase | null;
  status: RunStatus | null;
  message: string;
  details: unknown;
  createdAt: Date;
}

/** The incident every completed run gets. */
export interface IncidentRecord extends ChainedRow {
  id: string;
  tenantId: string;
  runId: string;
  outcome: string;
  errorCode: string | null;
  errorMessage: string | null;
  severity: IncidentSeverity;
  category: IncidentCategory;
  title: string;
  status: IncidentStatus;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
}

/** The policy evaluation of a completed run. */
export interface PolicyEvaluationRecord {
  id: string;
  tenantId: string;
  runId: string;
  outcome: string;
  policiesChecked: number;
  policyOutcome: PolicyOutcome;
  confidence: number;
  /** The ids of the run's violations the evaluation read, newest first. */
  violationIds: string[];
  createdAt: Date;
}

/** The completion of a traced run's trace. */
export interface TraceCompletionRecord {
  id: string;
  tenantId: string;
  runId: string;
  traceId: string;
  outcome: string;
  completedAt: Date;
}

/** A lesson drawn from a run. */
export interface LessonRecord extends ChainedRow {
  id: string;
  tenantId: string;
  runId: string | null;
  agentId: string | null;
  type: LessonType;
  status: LessonStatus;
  severity: string | null;
  title: string;
  description: string;
  detectedPattern: unknown;
  deferredUntil: Date | null;
  decidedBy: string | null;
  decisionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** How many lessons of a tenant have one type and status. */
export interface LessonCountRecord {
  type: string;
  status: string;
  count: number;
}

/** A policy's monitor configuration. */
export interface MonitorConfigRecord {
  id: string;
  tenantId: string;
  policyId: string;
  allowPromptLogging: boolean;
  allowResponseLogging: boolean;
  allowPiiCapture: boolean;
  allowSecretAccess: boolean;
  monitorTokenUsage: boolean;
  monitorTokenPerStep: boolean;
  monitorCost: boolean;
  monitorBurnRate: boolean;
  burnRateWindowSeconds: number;
  monitorRagAccess: boolean;
  allowedRagSources: string[];
  monitorLatency: boolean;
  monitorStepCount: boolean;
  updatedBy: string;
  updatedAt: Date;
}

/** An audit checkpoint of a tenant: the Merkle root over its chain heads, chained to the previous one. */
export interface CheckpointRecord {
  id: string;
  tenantId: string;
  seq: number;
  takenAt: Date;
  objectCount: number;
  merkleRoot: string;
  previousHash: string | null;
  hash: string;
  heads: CheckpointHead[];
}
