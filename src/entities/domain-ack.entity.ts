// Storage shape: A domain's acknowledgement of an action for a run (SUCCESS, FAILED, ROLLED_BACK).
import { Column, Entity } from 'typeorm';
import type { AckStatus } from '../runtime/engines/run-audit.js';
import { RunActionRow } from './owned-rows.js';

/** One acknowledgement. */
@Entity({ name: 'domain_acks' })
export class DomainAckEntity extends RunActionRow<AckStatus> {
  @Column({ name: 'result_id', type: 'text', nullable: true })
  resultId!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'rollback_reason', type: 'text', nullable: true })
  rollbackReason!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
