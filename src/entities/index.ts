// Every TypeORM entity, listed once for the data source.
import { MonitorConfigEntity } from './monitor-config.entity.js';
import { IncidentEntity } from './incident.entity.js';
import { PolicyEvaluationEntity } from './policy-evaluation.entity.js';
import { TraceCompletionEntity } from './trace-completion.entity.js';
import { LessonEntity } from './lesson.entity.js';
import { SkillEntity } from './skill.entity.js';
import { AgentBudgetEntity } from './agent-budget.entity.js';
import { GovernanceSettingsEntity } from './governance-settings.entity.js';
import { RunEntity } from './run.entity.js';
import { AuditExpectationEntity } from './audit-expectation.entity.js';
import { DomainAckEntity } from './domain-ack.entity.js';
import { ViolationEntity } from './violation.entity.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { CapabilityHealthEntity } from './capability-health.entity.js';
import { ContractEntity } from './contract.entity.js';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';
import { JobEntity } from './job.entity.js';
import { OutboxEventEntity } from './outbox-event.entity.js';
import { StepResultEntity } from './step-result.entity.js';
import { TenantEntity } from './tenant.entity.js';
import { TransitionEntity } from './transition.entity.js';

export { MonitorConfigEntity, IncidentEntity, PolicyEvaluationEntity, TraceCompletionEntity, LessonEntity, SkillEntity, AgentBudgetEntity, GovernanceSettingsEntity, RunEntity, AuditExpectationEntity, DomainAckEntity, ViolationEntity, ApiKeyEntity, CapabilityHealthEntity, ContractEntity, IdempotencyRecordEntity, JobEntity, OutboxEventEntity, StepResultEntity, TenantEntity, TransitionEntity };

/** The entity classes registered with the data source. */
export const entities = [
  TenantEntity,
  ApiKeyEntity,
  ContractEntity,
  TransitionEntity,
  OutboxEventEntity,
  IdempotencyRecordEntity,
  JobEntity,
  StepResultEntity,
  CapabilityHealthEntity,
  MonitorConfigEntity,
  IncidentEntity,
  PolicyEvaluationEntity,
  TraceCompletionEntity,
  LessonEntity,
  SkillEntity,
  AgentBudgetEntity,
  GovernanceSettingsEntity,
  RunEntity,
  AuditExpectationEntity,
  DomainAckEntity,
  ViolationEntity,
];
