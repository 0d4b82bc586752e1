// Storage shape: the completion of a traced run's trace.
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One run's trace completion. */
@Entity({ name: 'trace_completions' })
export class TraceCompletionEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'run_id', type: 'text' })
  runId!: string;

  @Column({ name: 'trace_id', type: 'text' })
  traceId!: string;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt!: Date;
}
