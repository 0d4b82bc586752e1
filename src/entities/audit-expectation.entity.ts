// Storage shape: What must happen before a run is done, with its deadline (DOMAIN.md §3).
import { Column, Entity } from 'typeorm';
import type { ExpectationStatus } from '../runtime/engines/run-audit.js';
import { RunActionRow } from './owned-rows.js';

/** One declared expectation of a run. */
@Entity({ name: 'audit_expectations' })
export class AuditExpectationEntity extends RunActionRow<ExpectationStatus> {
  @Column({ type: 'timestamptz' })
  deadline!: Date;

  @Column({ name: 'acked_at', type: 'timestamptz', nullable: true })
  ackedAt!: Date | null;
}
