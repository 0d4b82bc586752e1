// Migration: the audit trail's hash chain. Chained objects (contracts, jobs, runs, lessons,
// incidents) get their head (audit_seq, audit_head); transitions, domain acks and violations get
// their position in their object's chain and their hash, transitions the object's fields after them
// (snapshot); tenants get their audit checkpoints (behind the tenant wall). Records written before are chained here, oldest first (by instant, then transition,
// violation, ack, then id), with no snapshot: the chain covers the whole history from the start.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { extendChain, GENESIS, type ChainObjectType } from '../runtime/engines/audit-chain.js';
import { ChainTables, loadChainRecords } from '../runtime/drivers/audit-chain.js';
import { raiseTenantWall } from './1764920000000-row-level-security.js';

const BATCH = 500;

/** The chain columns, and every record written before chained. Forward-only: `down` is not supported. */
export class AuditChain1765022400000 implements MigrationInterface {
  name = 'AuditChain1765022400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.values(ChainTables)) {
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN audit_seq integer NOT NULL DEFAULT 0, ADD COLUMN audit_head text`);
    }
    await queryRunner.query(`
      ALTER TABLE transitions ADD COLUMN chain_seq integer, ADD COLUMN hash text, ADD COLUMN snapshot jsonb;
      ALTER TABLE domain_acks ADD COLUMN chain_seq integer, ADD COLUMN hash text;
      ALTER TABLE violations ADD COLUMN chain_seq integer, ADD COLUMN hash text;
    `);
    await chainExistingRecords(queryRunner);
    await queryRunner.query(`
      ALTER TABLE transitions ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
      ALTER TABLE domain_acks ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
      ALTER TABLE violations ADD CONSTRAINT violations_chained CHECK (run_id IS NULL OR (chain_seq IS NOT NULL AND hash IS NOT NULL));
      DROP INDEX transitions_subject;
      CREATE UNIQUE INDEX transitions_subject ON transitions (tenant_id, subject_id, chain_seq);
      CREATE TABLE audit_checkpoints (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        seq integer NOT NULL CHECK (seq >= 1),
        taken_at timestamptz NOT NULL,
        object_count integer NOT NULL,
        merkle_root text NOT NULL,
        previous_hash text,
        hash text NOT NULL,
        heads jsonb NOT NULL,
        UNIQUE (tenant_id, seq)
      );
    `);
    await raiseTenantWall(queryRunner, 'audit_checkpoints');
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}

async function chainExistingRecords(queryRunner: QueryRunner): Promise<void> {
  const objects: { tenant_id: string; type: ChainObjectType; id: string }[] = await queryRunner.query(`
    SELECT DISTINCT tenant_id, subject_type AS type, subject_id AS id FROM transitions
    UNION SELECT tenant_id, 'run', run_id FROM domain_acks
    UNION SELECT tenant_id, 'run', run_id FROM violations WHERE run_id IS NOT NULL
    ORDER BY 1, 2, 3`);
  for (let start = 0; start < objects.length; start += BATCH) {
    const batch = objects.slice(start, start + BATCH);
    for (const tenantId of new Set(batch.map((object) => object.tenant_id))) {
      const ofTenant = batch.filter((object) => object.tenant_id === tenantId);
      const records = await loadChainRecords(queryRunner, tenantId, ofTenant.map((object) => object.id));
      const links: { kind: string; id: string; seq: number; hash: string }[] = [];
      const heads: { type: string; id: string; seq: number; hash: string | null }[] = [];
      for (const object of ofTenant) {
        const chain = records.get(object.id)!;
        const extended = extendChain({ tenantId, type: object.type, id: object.id }, GENESIS, chain);
        chain.forEach((record, index) => links.push({ kind: record.kind, id: record.recordId, seq: extended.links[index].seq, hash: extended.links[index].hash! }));
        heads.push({ type: object.type, id: object.id, ...extended.head });
      }
      await queryRunner.query(
        `WITH links AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS l(kind text, id text, seq integer, hash text)),
         t AS (UPDATE transitions r SET chain_seq = l.seq, hash = l.hash FROM links l WHERE l.kind = 'TRANSITION' AND r.tenant_id = $2 AND r.id = l.id::bigint),
         a AS (UPDATE domain_acks r SET chain_seq = l.seq, hash = l.hash FROM links l WHERE l.kind = 'ACK' AND r.tenant_id = $2 AND r.id = l.id)
         UPDATE violations r SET chain_seq = l.seq, hash = l.hash FROM links l WHERE l.kind = 'VIOLATION' AND r.tenant_id = $2 AND r.id = l.id`,
        [JSON.stringify(links), tenantId],
      );
      for (const [type, table] of Object.entries(ChainTables)) {
        const ofType = heads.filter((head) => head.type === type);
        if (ofType.length === 0) continue;
        await queryRunner.query(
          `UPDATE ${table} o SET audit_seq = h.seq, audit_head = h.hash FROM jsonb_to_recordset($1::jsonb) AS h(id text, seq integer, hash text) WHERE o.tenant_id = $2 AND o.id = h.id`,
          [JSON.stringify(ofType), tenantId],
        );
      }
    }
  }
}
