// GraphQL enums, built from the runtime's own status lists so each is declared exactly once.
import { registerEnumType } from 'type-graphql';
import { AuditVerdicts, ContractStatuses, EligibilityDecisions } from '../runtime/engines/contract-states.js';
import { ViolationKinds } from '../runtime/engines/inspection.js';
import { ChainRecordKinds } from '../runtime/engines/audit-chain.js';
import { CheckpointFailureReasons } from '../runtime/engines/audit-checkpoint.js';
import { ChangeTypes } from '../runtime/engines/proposed-changes.js';
import { CapabilityHealthStatuses } from '../runtime/engines/health-snapshot.js';
import { StepStatuses } from '../runtime/engines/job-completion.js';
import { JobStatuses } from '../runtime/engines/job-states.js';
import { RunPhases, RunStatuses } from '../runtime/engines/run-states.js';
import { LessonStatuses, LessonTypes } from '../runtime/engines/lessons.js';
import { IncidentCategories, IncidentSeverities, IncidentStatuses } from '../runtime/engines/incidents.js';
import { PolicyOutcomes } from '../runtime/engines/policy-evaluation.js';
import { PlanWarningCodes } from '../runtime/engines/run-plan.js';
import { AckStatuses, ExpectationStatuses, ReconciliationStatuses, ReportedAckStatuses } from '../runtime/engines/run-audit.js';

function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

/** Contract statuses (DOMAIN.md §1). */
export const ContractStatus = enumOf(ContractStatuses);
/** Where a contract's issue came from. */
export const ContractSource = enumOf(['CRM_FEEDBACK', 'SUPPORT_TICKET', 'OPS_ALERT', 'MANUAL'] as const);
/** Risk of a contract. */
export const RiskLevel = enumOf(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const);
/** The eligibility decision of a proposal. */
export const EligibilityDecision = enumOf(EligibilityDecisions);
/** The audit verdict of a contract. */
export const AuditVerdict = enumOf(AuditVerdicts);
/** Kinds of proposed change. */
export const ChangeType = enumOf(ChangeTypes);
/** Job statuses (DOMAIN.md §2). */
export const JobStatus = enumOf(JobStatuses);
/** Step result statuses. */
export const StepStatus = enumOf(StepStatuses);
/** Run phases (DOMAIN.md §3). */
export const RunPhase = enumOf(RunPhases);
/** Run statuses. */
export const RunStatus = enumOf(RunStatuses);
/** How a domain acknowledged an action. */
export const AckStatus = enumOf(AckStatuses);
/** The statuses a domain reports with recordDomainAck. */
export const ReportedAckStatus = enumOf(ReportedAckStatuses);
/** Where an expectation stands. */
export const ExpectationStatus = enumOf(ExpectationStatuses);
/** The outcome of reconciling expectations with acks. */
export const ReconciliationStatus = enumOf(ReconciliationStatuses);
/** Kinds of violation. */
export const ViolationKind = enumOf(ViolationKinds);
/** Operations a worker reports before inspecting data. */
export const InspectionOperation = enumOf(['LOG_PROMPT', 'LOG_RESPONSE', 'CAPTURE_PII', 'ACCESS_SECRET'] as const);
/** Kinds of lesson. */
export const LessonType = enumOf(LessonTypes);
/** Where a lesson's review stands. */
export const LessonStatus = enumOf(LessonStatuses);
/** Where an incident stands. */
export const IncidentStatus = enumOf(IncidentStatuses);
/** How bad an incident is. */
export const IncidentSeverity = enumOf(IncidentSeverities);
/** What an incident is about. */
export const IncidentCategory = enumOf(IncidentCategories);
/** What a policy evaluation concluded. */
export const PolicyOutcome = enumOf(PolicyOutcomes);
/** Reported capability health. */
export const CapabilityHealthStatus = enumOf(CapabilityHealthStatuses);

/** What a plan's warning is about. */
export const PlanWarningCode = enumOf(PlanWarningCodes);

/** The kinds of audit record; HEAD names the object's head when it does not match its last record. */
export const AuditRecordKind = enumOf([...ChainRecordKinds, 'HEAD']);
/** Why an audit checkpoint does not prove. */
export const CheckpointFailureReason = enumOf(CheckpointFailureReasons);

registerEnumType(ContractStatus, { name: 'ContractStatus' });
registerEnumType(ContractSource, { name: 'ContractSource' });
registerEnumType(RiskLevel, { name: 'RiskLevel' });
registerEnumType(EligibilityDecision, { name: 'EligibilityDecision' });
registerEnumType(AuditVerdict, { name: 'AuditVerdict' });
registerEnumType(ChangeType, { name: 'ChangeType' });
registerEnumType(JobStatus, { name: 'JobStatus' });
registerEnumType(StepStatus, { name: 'StepStatus' });
registerEnumType(CapabilityHealthStatus, { name: 'CapabilityHealthStatus' });
registerEnumType(RunPhase, { name: 'RunPhase' });
registerEnumType(RunStatus, { name: 'RunStatus' });
registerEnumType(AckStatus, { name: 'AckStatus' });
registerEnumType(ReportedAckStatus, { name: 'ReportedAckStatus' });
registerEnumType(ExpectationStatus, { name: 'ExpectationStatus' });
registerEnumType(ReconciliationStatus, { name: 'ReconciliationStatus' });
registerEnumType(ViolationKind, { name: 'ViolationKind' });
registerEnumType(AuditRecordKind, { name: 'AuditRecordKind' });
registerEnumType(CheckpointFailureReason, { name: 'CheckpointFailureReason' });
registerEnumType(InspectionOperation, { name: 'InspectionOperation' });
registerEnumType(LessonType, { name: 'LessonType' });
registerEnumType(LessonStatus, { name: 'LessonStatus' });
registerEnumType(IncidentStatus, { name: 'IncidentStatus' });
registerEnumType(IncidentSeverity, { name: 'IncidentSeverity' });
registerEnumType(IncidentCategory, { name: 'IncidentCategory' });
registerEnumType(PolicyOutcome, { name: 'PolicyOutcome' });
registerEnumType(PlanWarningCode, { name: 'PlanWarningCode' });
