// Storage shape of one state transition of a contract, job or run: the audit history.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One recorded move from one status to another, with its actor and reason. */
@Entity({ name: 'transitions' })
export class TransitionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId!: string;

  @Column({ name: 'from_status', type: 'text' })
  fromStatus!: string;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
