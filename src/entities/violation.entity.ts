// Storage shape: A recorded violation: an inspection constraint or a phase/status invariant breach.
import { Column, Entity } from 'typeorm';
import { TenantRow } from './owned-rows.js';

/** One violation. */
@Entity({ name: 'violations' })
export class ViolationEntity extends TenantRow {
  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'run_id', type: 'text', nullable: true })
  runId!: string | null;

  @Column({ name: 'policy_id', type: 'text', nullable: true })
  policyId!: string | null;

  @Column({ type: 'text', nullable: true })
  operation!: string | null;

  @Column({ type: 'text', nullable: true })
  phase!: string | null;

  @Column({ type: 'text', nullable: true })
  status!: string | null;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'jsonb', nullable: true })
  details!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
