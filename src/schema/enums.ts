// GraphQL enums, built from the runtime's own status lists so each is declared exactly once.
import { registerEnumType } from 'type-graphql';
import { ContractStatuses } from '../runtime/engines/contract-states.js';
import { ChangeTypes } from '../runtime/engines/proposed-changes.js';
import { CapabilityHealthStatuses } from '../runtime/engines/health-snapshot.js';
import { StepStatuses } from '../runtime/engines/job-completion.js';
import { JobStatuses } from '../runtime/engines/job-states.js';

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
export const EligibilityDecision = enumOf(['MAY', 'MAY_NOT'] as const);
/** The audit verdict of a contract. */
export const AuditVerdict = enumOf(['PENDING', 'PASS', 'FAIL', 'INCONCLUSIVE'] as const);
/** Kinds of proposed change. */
export const ChangeType = enumOf(ChangeTypes);
/** Job statuses (DOMAIN.md §2). */
export const JobStatus = enumOf(JobStatuses);
/** Step result statuses. */
export const StepStatus = enumOf(StepStatuses);
/** Reported capability health. */
export const CapabilityHealthStatus = enumOf(CapabilityHealthStatuses);

registerEnumType(ContractStatus, { name: 'ContractStatus' });
registerEnumType(ContractSource, { name: 'ContractSource' });
registerEnumType(RiskLevel, { name: 'RiskLevel' });
registerEnumType(EligibilityDecision, { name: 'EligibilityDecision' });
registerEnumType(AuditVerdict, { name: 'AuditVerdict' });
registerEnumType(ChangeType, { name: 'ChangeType' });
registerEnumType(JobStatus, { name: 'JobStatus' });
registerEnumType(StepStatus, { name: 'StepStatus' });
registerEnumType(CapabilityHealthStatus, { name: 'CapabilityHealthStatus' });
