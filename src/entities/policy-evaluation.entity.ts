// Storage shape: the policy evaluation recorded at run completion (its outcome, confidence and the
// ids of the run's violations it read).
import { Column, Entity } from 'typeorm';
import type { PolicyOutcome } from '../runtime/engines/policy-evaluation.js';
import { RunRow } from './owned-rows.js';

/** One run's policy evaluation. */
@Entity({ name: 'policy_evaluations' })
export class PolicyEvaluationEntity extends RunRow {
  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'policies_checked', type: 'integer' })
  policiesChecked!: number;

  @Column({ name: 'policy_outcome', type: 'text' })
  policyOutcome!: PolicyOutcome;

  @Column({ type: 'double precision' })
  confidence!: number;

  @Column({ name: 'violation_ids', type: 'text', array: true })
  violationIds!: string[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
