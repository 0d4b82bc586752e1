// Storage shape of an outbox event: written in the producing transaction without a position; the
// sequencer gives it its commit-ordered position after the commit, and delivery follows positions.
// The table also has `xid` (xid8, by default the writing transaction): which commit wrote the event.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One domain event waiting in (or delivered from) the outbox. */
@Entity({ name: 'outbox_events' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** The delivery position (a subscriber's cursor); null until the sequencer gives it one. */
  @Column({ type: 'bigint', nullable: true })
  position!: string | null;

  /** The W3C trace context (`traceparent`, `tracestate`) of the command that wrote it; null when untraced. */
  @Column({ name: 'trace_context', type: 'jsonb', nullable: true })
  traceContext!: Record<string, string> | null;
}
