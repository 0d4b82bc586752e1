// Migration: an event's row enters the delivery indexes once, when it is sequenced. Every read by
// position (the reader's, a subscriber's replay, pruning, the age of what waits) asks only for rows
// that have a position, yet the position, tenant and creation-time indexes also held an entry for each
// unsequenced row: written by the producing commit, then written again (with the position) by the
// sequencer's update. Partial on `position IS NOT NULL`, they are written once, by the sequencer; the
// producing commit writes only the primary key and the sequencer's own index of waiting rows.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The indexes that serve reads of sequenced events: name, uniqueness, columns. */
const SEQUENCED_INDEXES = [
  ['outbox_events_position', 'UNIQUE', '(position)'],
  ['outbox_events_tenant_position', '', '(tenant_id, position)'],
  ['outbox_events_tenant_subject', '', '(tenant_id, subject_id, position)'],
  ['outbox_events_created', '', '(created_at)'],
] as const;

/** Rebuilds the delivery indexes as partial ones. Forward-only: `down` is not supported. */
export class OutboxSequencedIndexes1765300000000 implements MigrationInterface {
  name = 'OutboxSequencedIndexes1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, unique, columns] of SEQUENCED_INDEXES) {
      await queryRunner.query(`DROP INDEX ${name}`);
      await queryRunner.query(`CREATE ${unique} INDEX ${name} ON outbox_events ${columns} WHERE position IS NOT NULL`);
    }
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
