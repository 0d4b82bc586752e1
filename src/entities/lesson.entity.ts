// Storage shape: a lesson drawn from a run (DOMAIN.md §4), reviewed by people.
import type { LessonStatus, LessonType } from '../runtime/engines/lessons.js';
import { Column, Entity } from 'typeorm';
import { ChainedTenantRow } from './owned-rows.js';

/** One lesson. */
@Entity({ name: 'lessons' })
export class LessonEntity extends ChainedTenantRow {
  @Column({ name: 'run_id', type: 'text', nullable: true })
  runId!: string | null;

  @Column({ name: 'agent_id', type: 'text', nullable: true })
  agentId!: string | null;

  @Column({ type: 'text' })
  type!: LessonType;

  @Column({ type: 'text' })
  status!: LessonStatus;

  @Column({ type: 'text', nullable: true })
  severity!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'detected_pattern', type: 'jsonb', nullable: true })
  detectedPattern!: unknown;

  @Column({ name: 'deferred_until', type: 'timestamptz', nullable: true })
  deferredUntil!: Date | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
