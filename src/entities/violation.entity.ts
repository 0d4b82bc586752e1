// Storage shape: A recorded violation: an inspection constraint or a phase/status invariant breach.
import { Column, Entity } from 'typeorm';
import type { ViolationKind } from '../runtime/engines/inspection.js';
import type { RunPhase, RunStatus } from '../runtime/engines/run-states.js';
import { TenantRow } from './owned-rows.js';

/** One violation. */
@Entity({ name: 'violations' })
export class ViolationEntity extends TenantRow {
  @Column({ type: 'text' })
  kind!: ViolationKind;

  @Column({ name: 'run_id', type: 'text', nullable: true })
  runId!: string | null;

  @Column({ name: 'policy_id', type: 'text', nullable: true })
  policyId!: string | null;

  @Column({ type: 'text', nullable: true })
  operation!: string | null;

  @Column({ type: 'text', nullable: true })
  phase!: RunPhase | null;

  @Column({ type: 'text', nullable: true })
  status!: RunStatus | null;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'jsonb', nullable: true })
  details!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
