// Storage shape: An agent's spending limit per rolling window, with optional per-run and per-day caps.
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The budget of one agent. */
@Entity({ name: 'agent_budgets' })
export class AgentBudgetEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'agent_id', type: 'text' })
  agentId!: string;

  @Column({ name: 'limit_cents', type: 'integer' })
  limitCents!: number;

  @Column({ name: 'window_hours', type: 'integer' })
  windowHours!: number;

  @Column({ name: 'per_run_limit_cents', type: 'integer', nullable: true })
  perRunLimitCents!: number | null;

  @Column({ name: 'daily_limit_cents', type: 'integer', nullable: true })
  dailyLimitCents!: number | null;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
