// Storage shape: the policy evaluation recorded at run completion.
import { Column, Entity } from 'typeorm';
import { RunRow } from './owned-rows.js';

/** One run's policy evaluation. */
@Entity({ name: 'policy_evaluations' })
export class PolicyEvaluationEntity extends RunRow {
  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'policies_checked', type: 'integer' })
  policiesChecked!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
