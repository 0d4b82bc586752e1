// Migration: contracts drafted from lessons. A contract may name the lesson it was drafted from
// (lesson_id); the reference includes the tenant, so a contract never names another tenant's lesson,
// and a lesson is drafted at most once (a partial unique index, which also finds a lesson's draft).
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** contracts.lesson_id with its tenant-scoped key and uniqueness. Forward-only: `down` is not supported. */
export class LessonDrafts1764810000000 implements MigrationInterface {
  name = 'LessonDrafts1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE lessons ADD CONSTRAINT lessons_tenant_id_id_key UNIQUE (tenant_id, id);
      ALTER TABLE contracts ADD COLUMN lesson_id text,
        ADD CONSTRAINT contracts_lesson_id_same_tenant FOREIGN KEY (tenant_id, lesson_id) REFERENCES lessons (tenant_id, id);
      CREATE UNIQUE INDEX contracts_one_per_lesson ON contracts (tenant_id, lesson_id) WHERE lesson_id IS NOT NULL;
    `);
  }

  async down(): Promise<void> {
    throw new Error('LessonDrafts1764810000000 is forward-only');
  }
}
