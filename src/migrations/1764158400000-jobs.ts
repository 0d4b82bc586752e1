// Migration: governance jobs, their step results, capability health, and the database-level
// guards of C3 (ACTIVE needs a job) and C4 (COMPLETED needs audit PASS).
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Jobs and their evidence. Forward-only: `down` is not supported. */
export class Jobs1764158400000 implements MigrationInterface {
  name = 'Jobs1764158400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE jobs (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        contract_id text NOT NULL UNIQUE REFERENCES contracts(id),
        version integer NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING','RUNNING','COMPLETED','FAILED','CANCELLED')),
        status_reason text,
        steps jsonb NOT NULL,
        current_step_index integer NOT NULL,
        total_steps integer NOT NULL,
        completed_steps integer NOT NULL DEFAULT 0,
        failed_steps integer NOT NULL DEFAULT 0,
        health_before jsonb,
        health_after jsonb,
        audit_evidence jsonb,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        started_at timestamptz,
        completed_at timestamptz,
        timeout_at timestamptz NOT NULL,
        CHECK (current_step_index BETWEEN 0 AND total_steps)
      );
      CREATE INDEX jobs_tenant_created ON jobs (tenant_id, created_at DESC, id DESC);
      CREATE INDEX jobs_timeout ON jobs (timeout_at) WHERE status IN ('PENDING','RUNNING');
      CREATE TABLE step_results (
        tenant_id text NOT NULL REFERENCES tenants(id),
        job_id text NOT NULL REFERENCES jobs(id),
        step_index integer NOT NULL,
        status text NOT NULL,
        started_at timestamptz,
        completed_at timestamptz,
        output jsonb,
        error text,
        health_after jsonb,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (job_id, step_index)
      );
      CREATE TABLE capability_health (
        tenant_id text NOT NULL REFERENCES tenants(id),
        capability text NOT NULL,
        status text NOT NULL,
        details jsonb,
        reported_by text NOT NULL,
        reported_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, capability)
      );
      ALTER TABLE contracts
        ADD CONSTRAINT contracts_job FOREIGN KEY (job_id) REFERENCES jobs(id),
        ADD CONSTRAINT active_requires_job CHECK (status NOT IN ('ACTIVE','COMPLETED') OR job_id IS NOT NULL),
        ADD CONSTRAINT completed_requires_audit_pass CHECK (status <> 'COMPLETED' OR audit_verdict = 'PASS');
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
