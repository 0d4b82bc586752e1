// Migration: deferred lessons — an index of the DEFERRED ones by when their deferral ends, which the
// sweeper returning them to PENDING reads (it never reads the other lessons).
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Index of deferred lessons. Forward-only: `down` is not supported. */
export class LessonDeferrals1764780000000 implements MigrationInterface {
  name = 'LessonDeferrals1764780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX lessons_deferred_until ON lessons (deferred_until, id) WHERE status = 'DEFERRED'`);
  }

  async down(): Promise<void> {
    throw new Error('LessonDeferrals1764780000000 is forward-only');
  }
}
