// Migration: synthetic runs — a run may be marked synthetic (a rehearsal of a scenario, named by
// `synthetic_scenario_id`); only a synthetic run names a scenario.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The synthetic flag and scenario of runs. Forward-only: `down` is not supported. */
export class SyntheticRuns1764770000000 implements MigrationInterface {
  name = 'SyntheticRuns1764770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE runs
        ADD COLUMN is_synthetic boolean NOT NULL DEFAULT false,
        ADD COLUMN synthetic_scenario_id text,
        ADD CONSTRAINT runs_scenario_only_when_synthetic CHECK (synthetic_scenario_id IS NULL OR is_synthetic);
    `);
  }

  async down(): Promise<void> {
    throw new Error('SyntheticRuns1764770000000 is forward-only');
  }
}
