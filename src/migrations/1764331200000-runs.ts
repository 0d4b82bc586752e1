// Migration: agent runs — skills, budgets, governance settings, runs (with a full-text index of
// goal and outcome for memory context), audit expectations, domain acks, and violations.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Runs and their audit contract. Forward-only: `down` is not supported. */
export class Runs1764331200000 implements MigrationInterface {
  name = 'Runs1764331200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE skills (
        tenant_id text NOT NULL REFERENCES tenants(id),
        name text NOT NULL,
        description text NOT NULL,
        keywords text[] NOT NULL,
        estimated_cost_cents integer NOT NULL CHECK (estimated_cost_cents >= 0),
        side_effects boolean NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, name)
      );
      CREATE TABLE agent_budgets (
        tenant_id text NOT NULL REFERENCES tenants(id),
        agent_id text NOT NULL,
        limit_cents integer NOT NULL CHECK (limit_cents >= 0),
        window_hours integer NOT NULL CHECK (window_hours > 0),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, agent_id)
      );
      CREATE TABLE governance_settings (
        tenant_id text PRIMARY KEY REFERENCES tenants(id),
        phase_status_enforcement boolean NOT NULL,
        near_threshold_percent double precision NOT NULL,
        critical_success_percent double precision NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE runs (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        version integer NOT NULL,
        agent_id text NOT NULL,
        goal text NOT NULL,
        phase text NOT NULL,
        status text NOT NULL,
        plan jsonb NOT NULL,
        trace_id text,
        policy_id text,
        timeout_seconds integer NOT NULL,
        cost_cents integer,
        outcome text,
        memory_document tsvector GENERATED ALWAYS AS (to_tsvector('english', goal || ' ' || coalesce(outcome, ''))) STORED,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        completed_at timestamptz
      );
      CREATE INDEX runs_tenant_created ON runs (tenant_id, created_at DESC, id DESC);
      CREATE INDEX runs_agent ON runs (tenant_id, agent_id, completed_at);
      CREATE INDEX runs_memory ON runs USING gin (memory_document);
      CREATE TABLE audit_expectations (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        run_id text NOT NULL REFERENCES runs(id),
        domain text NOT NULL,
        action text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING','ACKED','MISSING','FAILED')),
        deadline timestamptz NOT NULL,
        acked_at timestamptz,
        UNIQUE (run_id, domain, action)
      );
      CREATE INDEX audit_expectations_due ON audit_expectations (deadline) WHERE status = 'PENDING';
      CREATE TABLE domain_acks (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        run_id text NOT NULL REFERENCES runs(id),
        domain text NOT NULL,
        action text NOT NULL,
        status text NOT NULL CHECK (status IN ('SUCCESS','FAILED','ROLLED_BACK')),
        result_id text,
        error text,
        rollback_reason text,
        at timestamptz NOT NULL
      );
      CREATE INDEX domain_acks_run ON domain_acks (tenant_id, run_id, at);
      CREATE TABLE violations (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        kind text NOT NULL CHECK (kind IN ('INSPECTION_CONSTRAINT','PHASE_STATUS_INVARIANT')),
        run_id text REFERENCES runs(id),
        policy_id text,
        operation text,
        phase text,
        status text,
        message text NOT NULL,
        details jsonb,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX violations_tenant_created ON violations (tenant_id, created_at DESC, id DESC);
      CREATE INDEX violations_run ON violations (tenant_id, run_id);
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
