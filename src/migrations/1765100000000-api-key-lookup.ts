// Migration: the API-key lookup as one statement. Finding the key a request presents must see every
// tenant's keys (the tenant is what the key tells), which the tenant wall allows only to a system
// operation; `live_api_key` is that operation, confined to one key hash: its SET clause opens the
// wall for the function's own query only (PostgreSQL restores the setting when the call returns), so
// the lookup needs no transaction of its own — one round trip instead of three.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeyLookup1765100000000 implements MigrationInterface {
  name = 'ApiKeyLookup1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION live_api_key(presented_hash text, at timestamptz) RETURNS SETOF api_keys
        LANGUAGE sql STABLE
        SET app.system = 'on'
        AS $$ SELECT * FROM api_keys WHERE key_hash = presented_hash AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > at) $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION live_api_key(text, timestamptz)`);
  }
}
