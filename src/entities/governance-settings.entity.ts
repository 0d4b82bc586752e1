// Storage shape: A tenant's governance settings (invariant enforcement, lesson thresholds, plan limits, default agent budget).
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The settings of one tenant. */
@Entity({ name: 'governance_settings' })
export class GovernanceSettingsEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'phase_status_enforcement', type: 'boolean' })
  phaseStatusEnforcement!: boolean;

  @Column({ name: 'near_threshold_percent', type: 'double precision' })
  nearThresholdPercent!: number;

  @Column({ name: 'critical_success_percent', type: 'double precision' })
  criticalSuccessPercent!: number;

  @Column({ name: 'max_plan_cost_cents', type: 'integer' })
  maxPlanCostCents!: number;

  @Column({ name: 'max_plan_steps', type: 'integer' })
  maxPlanSteps!: number;

  @Column({ name: 'default_agent_budget_cents', type: 'integer', nullable: true })
  defaultAgentBudgetCents!: number | null;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
