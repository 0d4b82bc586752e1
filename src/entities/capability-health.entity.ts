// Storage shape of a capability's latest reported health, the source of health snapshots.
import type { CapabilityHealthStatus } from '../runtime/engines/health-snapshot.js';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest health of one capability of one tenant. */
@Entity({ name: 'capability_health' })
export class CapabilityHealthEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  capability!: string;

  @Column({ type: 'text' })
  status!: CapabilityHealthStatus;

  @Column({ type: 'jsonb', nullable: true })
  details!: unknown;

  @Column({ name: 'reported_by', type: 'text' })
  reportedBy!: string;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt!: Date;
}
