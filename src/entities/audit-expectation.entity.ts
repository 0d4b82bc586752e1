// Storage shape: What must happen before a run is done, with its deadline (DOMAIN.md §3).
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One declared expectation of a run. */
@Entity({ name: 'audit_expectations' })
export class AuditExpectationEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'run_id', type: 'text' })
  runId!: string;

  @Column({ type: 'text' })
  domain!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'timestamptz' })
  deadline!: Date;

  @Column({ name: 'acked_at', type: 'timestamptz', nullable: true })
  ackedAt!: Date | null;
}
