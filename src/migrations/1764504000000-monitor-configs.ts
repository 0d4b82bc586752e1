// Migration: monitor configurations per tenant and policy — the negative capabilities (all denied
// until granted) and the monitoring flags.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Monitor configurations. Forward-only: `down` is not supported. */
export class MonitorConfigs1764504000000 implements MigrationInterface {
  name = 'MonitorConfigs1764504000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE monitor_configs (
        id text NOT NULL UNIQUE,
        tenant_id text NOT NULL REFERENCES tenants(id),
        policy_id text NOT NULL,
        allow_prompt_logging boolean NOT NULL,
        allow_response_logging boolean NOT NULL,
        allow_pii_capture boolean NOT NULL,
        allow_secret_access boolean NOT NULL,
        monitor_token_usage boolean NOT NULL,
        monitor_token_per_step boolean NOT NULL,
        monitor_cost boolean NOT NULL,
        monitor_burn_rate boolean NOT NULL,
        burn_rate_window_seconds integer NOT NULL CHECK (burn_rate_window_seconds > 0),
        monitor_rag_access boolean NOT NULL,
        allowed_rag_sources text[] NOT NULL,
        monitor_latency boolean NOT NULL,
        monitor_step_count boolean NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, policy_id)
      );
      CREATE INDEX violations_policy ON violations (tenant_id, policy_id);
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
