// Storage shape: An agent run (DOMAIN.md §3); `memory_document` (generated tsvector) serves memory context.
import { Column, Entity } from 'typeorm';
import type { PlanWarning } from '../runtime/engines/run-plan.js';
import type { RunPhase, RunStatus } from '../runtime/engines/run-states.js';
import { ChainedTenantRow } from './owned-rows.js';

/** One execution of an agent toward a goal. */
@Entity({ name: 'runs' })
export class RunEntity extends ChainedTenantRow {
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'agent_id', type: 'text' })
  agentId!: string;

  @Column({ type: 'text' })
  goal!: string;

  @Column({ type: 'text' })
  phase!: RunPhase;

  @Column({ type: 'text' })
  status!: RunStatus;

  @Column({ type: 'jsonb' })
  plan!: unknown;

  @Column({ name: 'trace_id', type: 'text', nullable: true })
  traceId!: string | null;

  @Column({ name: 'policy_id', type: 'text', nullable: true })
  policyId!: string | null;

  @Column({ name: 'timeout_seconds', type: 'integer' })
  timeoutSeconds!: number;

  @Column({ name: 'cost_cents', type: 'integer', nullable: true })
  costCents!: number | null;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'reserved_cents', type: 'integer' })
  reservedCents!: number;

  @Column({ name: 'plan_warnings', type: 'jsonb' })
  planWarnings!: PlanWarning[];

  @Column({ name: 'is_synthetic', type: 'boolean' })
  isSynthetic!: boolean;

  @Column({ name: 'synthetic_scenario_id', type: 'text', nullable: true })
  syntheticScenarioId!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
