// Storage shape: the incident record every completed run gets (outcome, error).
import { Column, Entity } from 'typeorm';
import { RunRow } from './owned-rows.js';

/** One run's incident. */
@Entity({ name: 'incidents' })
export class IncidentEntity extends RunRow {
  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
