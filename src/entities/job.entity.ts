// Storage shape of a governance job (DOMAIN.md §2): the execution record of one active contract.
import type { JobStatus } from '../runtime/engines/job-states.js';
import { Column, Entity } from 'typeorm';
import { ChainedTenantRow } from './owned-rows.js';

/** A job; its history lives in the transitions table, its evidence in step_results. */
@Entity({ name: 'jobs' })
export class JobEntity extends ChainedTenantRow {
  @Column({ name: 'contract_id', type: 'text' })
  contractId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  status!: JobStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ type: 'jsonb' })
  steps!: unknown[];

  @Column({ name: 'current_step_index', type: 'integer' })
  currentStepIndex!: number;

  @Column({ name: 'total_steps', type: 'integer' })
  totalSteps!: number;

  @Column({ name: 'completed_steps', type: 'integer' })
  completedSteps!: number;

  @Column({ name: 'failed_steps', type: 'integer' })
  failedSteps!: number;

  @Column({ name: 'health_before', type: 'jsonb', nullable: true })
  healthBefore!: unknown;

  @Column({ name: 'health_after', type: 'jsonb', nullable: true })
  healthAfter!: unknown;

  @Column({ name: 'audit_evidence', type: 'jsonb', nullable: true })
  auditEvidence!: unknown;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'timeout_at', type: 'timestamptz' })
  timeoutAt!: Date;
}
