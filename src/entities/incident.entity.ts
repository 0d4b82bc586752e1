// Storage shape: the incident record every completed run gets (outcome, error, severity, category,
// title) and its resolution.
import { Column, Entity } from 'typeorm';
import type { IncidentCategory, IncidentSeverity, IncidentStatus } from '../runtime/engines/incidents.js';
import { ChainedTenantRow } from './owned-rows.js';

/** One run's incident. */
@Entity({ name: 'incidents' })
export class IncidentEntity extends ChainedTenantRow {
  @Column({ name: 'run_id', type: 'text' })
  runId!: string;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ type: 'text' })
  severity!: IncidentSeverity;

  @Column({ type: 'text' })
  category!: IncidentCategory;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  status!: IncidentStatus;

  @Column({ type: 'text', nullable: true })
  resolution!: string | null;

  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
