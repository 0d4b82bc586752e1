// Migration: lesson indexes — the DEFERRED lessons by when their deferral ends, which the sweeper
// returning them to PENDING reads (it never reads the other lessons), and each agent's NEAR_THRESHOLD
// lessons by time, which run completion reads for the 24 h debounce of a band.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes of deferred and NEAR_THRESHOLD lessons. Forward-only: `down` is not supported. */
export class LessonDeferrals1764780000000 implements MigrationInterface {
  name = 'LessonDeferrals1764780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX lessons_deferred_until ON lessons (deferred_until, id) WHERE status = 'DEFERRED';
      CREATE INDEX lessons_agent_near_threshold ON lessons (tenant_id, agent_id, created_at) WHERE type = 'NEAR_THRESHOLD';
    `);
  }

  async down(): Promise<void> {
    throw new Error('LessonDeferrals1764780000000 is forward-only');
  }
}
