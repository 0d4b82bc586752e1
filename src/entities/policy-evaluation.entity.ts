// Storage shape: the policy evaluation recorded at run completion.
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One run's policy evaluation. */
@Entity({ name: 'policy_evaluations' })
export class PolicyEvaluationEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'run_id', type: 'text' })
  runId!: string;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'policies_checked', type: 'integer' })
  policiesChecked!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
