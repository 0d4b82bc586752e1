// Storage shape of a system contract (DOMAIN.md §1); its history lives in the transitions table.
import type { AuditVerdict, ContractStatus, EligibilityDecision } from '../runtime/engines/contract-states.js';
import { Column, Entity } from 'typeorm';
import { ChainedTenantRow } from './owned-rows.js';

/** A governed change request. */
@Entity({ name: 'contracts' })
export class ContractEntity extends ChainedTenantRow {
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'issue_id', type: 'text' })
  issueId!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  status!: ContractStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'proposed_changes', type: 'jsonb' })
  proposedChanges!: unknown[];

  @Column({ name: 'affected_capabilities', type: 'text', array: true })
  affectedCapabilities!: string[];

  @Column({ name: 'risk_level', type: 'text' })
  riskLevel!: string;

  @Column({ name: 'confidence_score', type: 'double precision' })
  confidenceScore!: number;

  @Column({ name: 'validator_verdict', type: 'jsonb' })
  validatorVerdict!: Record<string, unknown>;

  @Column({ name: 'eligibility_verdict', type: 'jsonb' })
  eligibilityVerdict!: Record<string, unknown>;

  @Column({ name: 'eligibility_decision', type: 'text' })
  eligibilityDecision!: EligibilityDecision;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'approved_by', type: 'text', nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'activation_window_start', type: 'timestamptz', nullable: true })
  activationWindowStart!: Date | null;

  @Column({ name: 'activation_window_end', type: 'timestamptz', nullable: true })
  activationWindowEnd!: Date | null;

  @Column({ name: 'execution_constraints', type: 'jsonb', nullable: true })
  executionConstraints!: Record<string, unknown> | null;

  @Column({ name: 'job_id', type: 'text', nullable: true })
  jobId!: string | null;

  @Column({ name: 'audit_verdict', type: 'text' })
  auditVerdict!: AuditVerdict;

  @Column({ name: 'audit_reason', type: 'text', nullable: true })
  auditReason!: string | null;

  @Column({ name: 'audit_completed_at', type: 'timestamptz', nullable: true })
  auditCompletedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'lesson_id', type: 'text', nullable: true })
  lessonId!: string | null;
}
