// Migration: commit-ordered delivery positions. A single sequencer per database (the holder of an
// advisory lock) gives committed outbox rows their `position` in short transactions; subscribers'
// cursors are positions. Events delivered before this migration keep their old cursor: their
// position is their id (the order the old watermark delivered them in), and new positions start
// above every id ever drawn, so a cursor issued before the upgrade resumes exactly where it was.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox positions and the sequencer's state. Forward-only: `down` is not supported. */
export class OutboxSequencer1764590400000 implements MigrationInterface {
  name = 'OutboxSequencer1764590400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE outbox_events ADD COLUMN position bigint;
      UPDATE outbox_events SET position = id;
      CREATE UNIQUE INDEX outbox_events_position ON outbox_events (position);
      CREATE INDEX outbox_events_unsequenced ON outbox_events (id) WHERE position IS NULL;
      DROP INDEX outbox_events_tenant_subject;
      CREATE INDEX outbox_events_tenant_subject ON outbox_events (tenant_id, subject_id, position);
      CREATE INDEX outbox_events_tenant_position ON outbox_events (tenant_id, position);
      CREATE TABLE outbox_sequencer (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        last_position bigint NOT NULL
      );
      INSERT INTO outbox_sequencer (last_position)
        SELECT GREATEST((SELECT coalesce(max(id), 0) FROM outbox_events), (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM outbox_events_id_seq));
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
