// Migration: an outbox event carries the W3C trace context of the command that wrote it (null when
// that command was not traced), so its delivery can be linked to the mutation that caused it.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `outbox_events.trace_context`. Forward-only: `down` is not supported. */
export class OutboxTraceContext1764720000000 implements MigrationInterface {
  name = 'OutboxTraceContext1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox_events ADD COLUMN trace_context jsonb`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
