// Migration: the stale-run scan — an index of the runs that have not ended by their last update, so
// finding the runs idle past a threshold reads only open runs, never every run.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The partial index of open runs by last update. Forward-only: `down` is not supported. */
export class StaleRunScan1764771000000 implements MigrationInterface {
  name = 'StaleRunScan1764771000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX runs_open_by_update ON runs (tenant_id, updated_at) WHERE phase NOT IN ('COMPLETED', 'FAILED')`);
  }

  async down(): Promise<void> {
    throw new Error('StaleRunScan1764771000000 is forward-only');
  }
}
