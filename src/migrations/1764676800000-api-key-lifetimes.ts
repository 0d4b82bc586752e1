// Migration: API keys may expire (`expires_at`, enforced by authentication) and remember when they
// were last used (`last_used_at`, written in batches, at most once a minute per key); tenants get
// an optional display name.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Key expiry, last use and tenant names. Forward-only: `down` is not supported. */
export class ApiKeyLifetimes1764676800000 implements MigrationInterface {
  name = 'ApiKeyLifetimes1764676800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE api_keys ADD COLUMN expires_at timestamptz, ADD COLUMN last_used_at timestamptz;
      ALTER TABLE tenants ADD COLUMN name text;
      CREATE INDEX api_keys_tenant_created ON api_keys (tenant_id, created_at);
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
