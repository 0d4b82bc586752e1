// Migration: what outbox delivery needs — an index for per-subject replay and the retention
// watermark (events up to `pruned_through_id` may be gone; a resume from before it is refused).
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox delivery support. Forward-only: `down` is not supported. */
export class OutboxDelivery1764244800000 implements MigrationInterface {
  name = 'OutboxDelivery1764244800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX outbox_events_created ON outbox_events (created_at);
      CREATE TABLE outbox_retention (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        pruned_through_id bigint NOT NULL
      );
      INSERT INTO outbox_retention (pruned_through_id) VALUES (0);
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
