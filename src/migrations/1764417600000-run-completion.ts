// Migration: what run completion writes — incidents, policy evaluations, trace completions,
// lessons — each once per run where the domain says so.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Run completion records. Forward-only: `down` is not supported. */
export class RunCompletion1764417600000 implements MigrationInterface {
  name = 'RunCompletion1764417600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE incidents (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        run_id text NOT NULL UNIQUE REFERENCES runs(id),
        outcome text NOT NULL,
        error_code text,
        error_message text,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE policy_evaluations (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        run_id text NOT NULL UNIQUE REFERENCES runs(id),
        outcome text NOT NULL,
        policies_checked integer NOT NULL CHECK (policies_checked >= 0),
        created_at timestamptz NOT NULL
      );
      CREATE TABLE trace_completions (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        run_id text NOT NULL UNIQUE REFERENCES runs(id),
        trace_id text NOT NULL,
        outcome text NOT NULL,
        completed_at timestamptz NOT NULL
      );
      CREATE TABLE lessons (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        run_id text REFERENCES runs(id),
        agent_id text,
        type text NOT NULL CHECK (type IN ('FAILURE','NEAR_THRESHOLD','CRITICAL_SUCCESS')),
        status text NOT NULL CHECK (status IN ('PENDING','CONVERTED_TO_DRAFT','DEFERRED','DISMISSED')),
        severity text,
        title text NOT NULL,
        description text NOT NULL,
        detected_pattern jsonb,
        deferred_until timestamptz,
        decided_by text,
        decision_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (run_id, type)
      );
      CREATE INDEX lessons_tenant_created ON lessons (tenant_id, created_at DESC, id DESC);
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
