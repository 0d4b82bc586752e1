// Storage shape: the completion of a traced run's trace.
import { Column, Entity } from 'typeorm';
import { RunRow } from './owned-rows.js';

/** One run's trace completion. */
@Entity({ name: 'trace_completions' })
export class TraceCompletionEntity extends RunRow {
  @Column({ name: 'trace_id', type: 'text' })
  traceId!: string;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt!: Date;
}
