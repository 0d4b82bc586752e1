// Storage shape: A domain's acknowledgement of an action for a run (SUCCESS, FAILED, ROLLED_BACK).
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One acknowledgement. */
@Entity({ name: 'domain_acks' })
export class DomainAckEntity {
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

  @Column({ name: 'result_id', type: 'text', nullable: true })
  resultId!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'rollback_reason', type: 'text', nullable: true })
  rollbackReason!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
