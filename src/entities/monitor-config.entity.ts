// Storage shape: a monitor configuration of one tenant's policy (DOMAIN.md §5).
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The negative capabilities and monitoring flags of one policy. */
@Entity({ name: 'monitor_configs' })
export class MonitorConfigEntity {
  @Column({ type: 'text' })
  id!: string;

  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'policy_id', type: 'text' })
  policyId!: string;

  @Column({ name: 'allow_prompt_logging', type: 'boolean' })
  allowPromptLogging!: boolean;

  @Column({ name: 'allow_response_logging', type: 'boolean' })
  allowResponseLogging!: boolean;

  @Column({ name: 'allow_pii_capture', type: 'boolean' })
  allowPiiCapture!: boolean;

  @Column({ name: 'allow_secret_access', type: 'boolean' })
  allowSecretAccess!: boolean;

  @Column({ name: 'monitor_token_usage', type: 'boolean' })
  monitorTokenUsage!: boolean;

  @Column({ name: 'monitor_token_per_step', type: 'boolean' })
  monitorTokenPerStep!: boolean;

  @Column({ name: 'monitor_cost', type: 'boolean' })
  monitorCost!: boolean;

  @Column({ name: 'monitor_burn_rate', type: 'boolean' })
  monitorBurnRate!: boolean;

  @Column({ name: 'burn_rate_window_seconds', type: 'integer' })
  burnRateWindowSeconds!: number;

  @Column({ name: 'monitor_rag_access', type: 'boolean' })
  monitorRagAccess!: boolean;

  @Column({ name: 'allowed_rag_sources', type: 'text', array: true })
  allowedRagSources!: string[];

  @Column({ name: 'monitor_latency', type: 'boolean' })
  monitorLatency!: boolean;

  @Column({ name: 'monitor_step_count', type: 'boolean' })
  monitorStepCount!: boolean;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
