// Migration: tenants, API keys, contracts, transitions, outbox and idempotency records.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The foundation schema. Forward-only: `down` is not supported. */
export class Foundation1764072000000 implements MigrationInterface {
  name = 'Foundation1764072000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tenants (
        id text PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        principal text NOT NULL,
        role text NOT NULL CHECK (role IN ('viewer','operator','approver','admin')),
        key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE TABLE contracts (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        version integer NOT NULL,
        issue_id text NOT NULL,
        source text NOT NULL,
        status text NOT NULL,
        status_reason text,
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        description text CHECK (char_length(description) <= 4000),
        proposed_changes jsonb NOT NULL,
        affected_capabilities text[] NOT NULL,
        risk_level text NOT NULL,
        confidence_score double precision NOT NULL CHECK (confidence_score BETWEEN 0 AND 1),
        validator_verdict jsonb NOT NULL,
        eligibility_verdict jsonb NOT NULL,
        eligibility_decision text NOT NULL,
        created_by text NOT NULL,
        approved_by text,
        approved_at timestamptz,
        activation_window_start timestamptz,
        activation_window_end timestamptz,
        execution_constraints jsonb,
        job_id text,
        audit_verdict text NOT NULL DEFAULT 'PENDING',
        audit_reason text,
        audit_completed_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        expires_at timestamptz,
        CONSTRAINT approved_requires_approver CHECK (status NOT IN ('APPROVED','ACTIVE') OR approved_by IS NOT NULL),
        CONSTRAINT approver_is_not_creator CHECK (approved_by IS NULL OR approved_by <> created_by)
      );
      CREATE INDEX contracts_tenant_created ON contracts (tenant_id, created_at DESC, id DESC);
      CREATE INDEX contracts_expiry ON contracts (expires_at) WHERE status IN ('DRAFT','VALIDATED','ELIGIBLE');
      CREATE INDEX contracts_window ON contracts (activation_window_end) WHERE status = 'APPROVED';
      CREATE TABLE transitions (
        id bigserial PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        reason text NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX transitions_subject ON transitions (tenant_id, subject_id, id);
      CREATE TABLE outbox_events (
        id bigserial PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        type text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        actor text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id()
      );
      CREATE INDEX outbox_events_tenant_subject ON outbox_events (tenant_id, subject_id, id);
      CREATE TABLE idempotency_records (
        tenant_id text NOT NULL REFERENCES tenants(id),
        operation text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        result_id text,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, operation, idempotency_key)
      );
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
