// Storage shape of one step result: evidence reported by the executor (J4), never edited.
import type { StepStatus } from '../runtime/engines/job-completion.js';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The result of one step of one job. */
@Entity({ name: 'step_results' })
export class StepResultEntity {
  @PrimaryColumn({ name: 'job_id', type: 'text' })
  jobId!: string;

  @PrimaryColumn({ name: 'step_index', type: 'integer' })
  stepIndex!: number;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  status!: StepStatus;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  output!: unknown;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'health_after', type: 'jsonb', nullable: true })
  healthAfter!: unknown;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
