// Storage shape: A tenant's governance settings (invariant enforcement, lesson thresholds).
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

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
