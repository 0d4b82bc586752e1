// The audit trail against a real server: every kind of tampering with plain SQL (a record altered,
// deleted, inserted; a head rewritten) is detected and the right record named; checkpoints prove
// heads that moved on and catch a rewritten chain; a job read as of three moments of its life;
// roles and tenants; and writes to two objects of one tenant never wait on each other's chain.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  CompleteJobDocument,
  ContractAsOfDocument,
  JobAsOfDocument,
  LatestAuditCheckpointDocument,
  RecordDomainAckDocument,
  RunAsOfDocument,
  StartJobDocument,
  VerifyAuditTrailDocument,
  VerifyTenantCheckpointDocument,
} from '../generated/graphql.js';
import { useContractWorld } from '../support/contract-world.js';
import { activatedContract, recordStep } from '../support/jobs.js';
import { dataOf, errorCode } from '../support/responses.js';
import { useRunWorld } from '../support/run-world.js';
import { createRunAs } from '../support/runs.js';
import type { TestServer } from '../support/test-server.js';

const MINUTE = 60_000;

/** One object's chained records as stored, in chain order. */
async function chainRows(server: TestServer, objectId: string): Promise<{ table: string; id: string; chain_seq: number; hash: string }[]> {
  return server.database.dataSource.query(
    `SELECT 'transitions' AS table, id::text AS id, chain_seq, hash FROM transitions WHERE subject_id = $1
     UNION ALL SELECT 'domain_acks', id, chain_seq, hash FROM domain_acks WHERE run_id = $1
     ORDER BY chain_seq`,
    [objectId],
  );
}

const sql = (server: TestServer, text: string, params: unknown[] = []) => server.database.dataSource.query(text, params);

describe('the audit trail of jobs and contracts', () => {
  const world = useContractWorld();
  const verify = async (objectId: string, key = world.operator) => dataOf(await world.server.gql(key, VerifyAuditTrailDocument, { objectId })).verifyAuditTrail;
  /** A job through start and completion (3 chained transitions), and its contract. */
  const finishedJob = async () => {
    const { job, contract } = await activatedContract(world.server, world, {});
    dataOf(await world.server.gql(world.operator, StartJobDocument, { id: job.id }));
    await recordStep(world.server, world, job.id, { stepIndex: 0, status: 'COMPLETED' });
    dataOf(await world.server.gql(world.operator, CompleteJobDocument, { id: job.id }));
    return { job, contract };
  };

  it('an untouched chain verifies, for the job and its contract', async () => {
    const { job, contract } = await finishedJob();
    const rows = await chainRows(world.server, job.id);
    expect(rows.map((row) => row.chain_seq)).toEqual([1, 2, 3]);
    expect(await verify(job.id)).toEqual({ objectId: job.id, objectType: 'job', valid: true, recordCount: 3, head: rows[2].hash, brokenLink: null });
    expect(await verify(contract.id)).toMatchObject({ objectType: 'contract', valid: true, recordCount: 5 });
  });

  it.each([
    { name: 'an altered reason', tamper: 'UPDATE transitions SET reason = $2 WHERE id = $1', params: ['forged'], named: 1, seq: 2 },
    { name: 'an altered instant', tamper: `UPDATE transitions SET at = at + interval '1 second' WHERE id = $1`, params: [], named: 1, seq: 2 },
    { name: 'an altered snapshot', tamper: `UPDATE transitions SET snapshot = jsonb_set(snapshot, '{status}', '"FAILED"') WHERE id = $1`, params: [], named: 1, seq: 2 },
    { name: 'a deleted middle record (the next one breaks)', tamper: 'DELETE FROM transitions WHERE id = $1', params: [], named: 2, seq: 2 },
  ])('detects $name and names the record', async ({ tamper, params, named, seq }) => {
    const { job } = await finishedJob();
    const rows = await chainRows(world.server, job.id);
    await sql(world.server, tamper, [rows[1].id, ...params]);
    const verdict = await verify(job.id);
    expect(verdict).toMatchObject({ valid: false, head: null, brokenLink: { recordId: rows[named].id, kind: 'TRANSITION', seq, foundHash: rows[named].hash } });
    expect(verdict.brokenLink!.expectedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(verdict.brokenLink!.expectedHash).not.toBe(rows[named].hash);
  });

  it('detects a deleted last record: the head on the object no longer matches', async () => {
    const { job } = await finishedJob();
    const rows = await chainRows(world.server, job.id);
    await sql(world.server, 'DELETE FROM transitions WHERE id = $1', [rows[2].id]);
    expect((await verify(job.id)).brokenLink).toEqual({ recordId: job.id, kind: 'HEAD', seq: 3, expectedHash: rows[2].hash, foundHash: rows[1].hash });
  });

  it('detects an inserted record, in the middle and at the end', async () => {
    const { job } = await finishedJob();
    const rows = await chainRows(world.server, job.id);
    const insert = `INSERT INTO transitions (tenant_id, subject_type, subject_id, from_status, to_status, reason, actor, at, chain_seq, hash)
                    VALUES ('default', 'job', $1, 'RUNNING', 'RUNNING', 'inserted', 'mallory', now(), $2, $3) RETURNING id::text AS id`;
    // Made room for at position 2: the later records are renumbered, the inserted one is named.
    await sql(world.server, `UPDATE transitions SET chain_seq = -chain_seq WHERE subject_id = $1 AND chain_seq >= 2`, [job.id]);
    await sql(world.server, `UPDATE transitions SET chain_seq = 1 - chain_seq WHERE subject_id = $1 AND chain_seq < 0`, [job.id]);
    const [middle] = await sql(world.server, insert, [job.id, 2, rows[1].hash]);
    expect(await verify(job.id)).toMatchObject({ valid: false, brokenLink: { recordId: middle.id, kind: 'TRANSITION', seq: 2, foundHash: rows[1].hash } });

    const other = await finishedJob();
    const [last] = await sql(world.server, insert, [other.job.id, 4, 'f'.repeat(64)]);
    expect(await verify(other.job.id)).toMatchObject({ valid: false, brokenLink: { recordId: last.id, kind: 'TRANSITION', seq: 4, foundHash: 'f'.repeat(64) } });
  });

  it('detects a head rewritten on the object row', async () => {
    const { job } = await finishedJob();
    const rows = await chainRows(world.server, job.id);
    await sql(world.server, `UPDATE jobs SET audit_head = $2 WHERE id = $1`, [job.id, rows[1].hash]);
    expect((await verify(job.id)).brokenLink).toEqual({ recordId: job.id, kind: 'HEAD', seq: 3, expectedHash: rows[1].hash, foundHash: rows[2].hash });
  });

  it('reads a job as of three moments of its life, and nothing before it was created', async () => {
    const { server } = world;
    const created = server.clock.now();
    const { job } = await activatedContract(server, world, {});
    server.clock.advance(MINUTE);
    const startedAt = server.clock.now();
    dataOf(await server.gql(world.operator, StartJobDocument, { id: job.id }));
    server.clock.advance(MINUTE);
    await recordStep(server, world, job.id, { stepIndex: 0, status: 'COMPLETED' });
    server.clock.advance(MINUTE);
    const completedAt = server.clock.now();
    dataOf(await server.gql(world.operator, CompleteJobDocument, { id: job.id }));
    const viewer = await server.key('viewer', 'vera');
    const asOf = async (at: Date) => dataOf(await server.gql(viewer, JobAsOfDocument, { id: job.id, asOf: at.toISOString() })).job;

    expect(await asOf(new Date(created.getTime() - 1))).toBeNull();
    expect(await asOf(created)).toEqual({ id: job.id, status: 'PENDING', statusReason: expect.stringMatching(/^created by activation/), version: 1, currentStepIndex: 0, startedAt: null, completedAt: null });
    expect(await asOf(new Date(startedAt.getTime() + 30_000))).toMatchObject({ status: 'RUNNING', version: 2, startedAt: startedAt.toISOString(), completedAt: null });
    expect(await asOf(completedAt)).toMatchObject({ status: 'COMPLETED', version: 4, currentStepIndex: 1, completedAt: completedAt.toISOString() });
    // Without asOf, the job as it is now.
    expect(dataOf(await server.gql(viewer, JobAsOfDocument, { id: job.id })).job).toEqual(await asOf(completedAt));
    // A contract too: ELIGIBLE before approval, ACTIVE after activation.
    const { contract } = await activatedContract(server, world, {});
    expect(dataOf(await server.gql(viewer, ContractAsOfDocument, { id: contract.id, asOf: server.clock.now().toISOString() })).contract).toMatchObject({ status: 'ACTIVE', approvedBy: 'april' });
  });

  it('proves checkpointed heads that moved on since, and catches a chain rewritten under a checkpoint', async () => {
    const { server } = world;
    // A tenant of its own: the default tenant's checkpoint would (rightly) name the chains tampered with above.
    const callers = { operator: await server.key('operator', 'olga', 'ledger'), approver: await server.key('approver', 'april', 'ledger') };
    const { job } = await activatedContract(server, callers, {});
    expect(await server.runtime.checkpointAuditTrails()).toBeGreaterThan(0);
    expect(await server.runtime.checkpointAuditTrails()).toBe(0); // nothing moved: no new checkpoint
    const viewer = await server.key('viewer', 'vic', 'ledger');
    const first = dataOf(await server.gql(viewer, LatestAuditCheckpointDocument, {})).latestAuditCheckpoint!;
    expect(first.heads.find((head) => head.id === job.id)).toMatchObject({ type: 'job', seq: 1 });
    const proof = async (id: string) => dataOf(await server.gql(viewer, VerifyTenantCheckpointDocument, { id })).verifyTenantCheckpoint;

    dataOf(await server.gql(callers.operator, StartJobDocument, { id: job.id }));
    expect(await server.runtime.checkpointAuditTrails()).toBe(1);
    const second = dataOf(await server.gql(viewer, LatestAuditCheckpointDocument, {})).latestAuditCheckpoint!;
    expect(second).toMatchObject({ seq: first.seq + 1, previousHash: first.hash });
    expect(await proof(first.id)).toEqual({ valid: true, checkpoint: { id: first.id, seq: first.seq, objectCount: first.objectCount }, failure: null });
    expect((await proof(second.id)).valid).toBe(true);

    // The first record's stored hash replaced: the chain under the first checkpoint no longer proves.
    const rows = await chainRows(server, job.id);
    await sql(server, `UPDATE transitions SET hash = $2 WHERE id = $1`, [rows[0].id, 'e'.repeat(64)]);
    expect((await proof(first.id)).failure).toEqual({ objectId: job.id, reason: 'CHAIN_BROKEN', expectedHash: rows[0].hash, foundHash: 'e'.repeat(64) });

    await sql(server, `UPDATE audit_checkpoints SET merkle_root = $2 WHERE id = $1`, [second.id, 'd'.repeat(64)]);
    expect((await proof(second.id)).failure).toMatchObject({ objectId: null, reason: 'ROOT_MISMATCH', foundHash: 'd'.repeat(64) });
  });

  it('lets every role verify; another tenant\'s object is NOT_FOUND, and reads as null as of any moment', async () => {
    const { server } = world;
    const { job } = await activatedContract(server, world, {});
    for (const role of ['viewer', 'operator', 'approver', 'admin'] as const) expect((await verify(job.id, await server.key(role, `${role}-r`))).valid).toBe(true);
    const stranger = await server.key('viewer', 'stan', 'elsewhere');
    expect(errorCode(await server.gql(stranger, VerifyAuditTrailDocument, { objectId: job.id }))).toBe('NOT_FOUND');
    expect(errorCode(await server.gql(world.operator, VerifyAuditTrailDocument, { objectId: 'job_unknown' }))).toBe('NOT_FOUND');
    expect(dataOf(await server.gql(stranger, JobAsOfDocument, { id: job.id, asOf: server.clock.now().toISOString() })).job).toBeNull();
    expect(errorCode(await server.gql(null, VerifyAuditTrailDocument, { objectId: job.id }))).toBe('UNAUTHENTICATED');
  });

  it('never makes a write to one object wait for a transaction holding another object of the tenant', async () => {
    const { server } = world;
    const a = await activatedContract(server, world, {});
    const b = await activatedContract(server, world, {});
    const holder = new pg.Client({ connectionString: server.database.url });
    await holder.connect();
    try {
      // What a chained write on A holds until its commit: A's row, with its head, locked.
      await holder.query('BEGIN');
      await holder.query(`UPDATE jobs SET audit_seq = audit_seq WHERE id = $1`, [a.job.id]);
      const started = dataOf(await server.gql(world.operator, StartJobDocument, { id: b.job.id })).startJob;
      expect(started.status).toBe('RUNNING');
      // Measured: while A is held, no lock request of the database waits.
      const [waiting] = await sql(server, `SELECT count(*)::int AS count FROM pg_locks WHERE NOT granted`);
      expect(waiting.count).toBe(0);
      expect((await verify(b.job.id)).valid).toBe(true);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    // A itself was only waiting for its holder: it moves once released, and both chains verify.
    dataOf(await server.gql(world.operator, StartJobDocument, { id: a.job.id }));
    expect((await verify(a.job.id)).valid).toBe(true);
  });
});

describe('the audit trail of runs (transitions and acks on one chain)', () => {
  const world = useRunWorld(['agent-audit']);

  it('chains acks with the run\'s transitions, reads the run as of its creation, and names an altered ack', async () => {
    const { server } = world;
    const run = await createRunAs(server, world.operator, { agentId: 'agent-audit', goal: 'search the web' });
    const createdAt = server.clock.now();
    server.clock.advance(MINUTE);
    const ack = dataOf(await server.gql(world.operator, RecordDomainAckDocument, { runId: run.id, input: { domain: 'billing', action: 'charge', status: 'SUCCESS', resultId: 'ch_1' } })).recordDomainAck;
    const rows = await chainRows(server, run.id);
    expect(rows.map((row) => [row.table, row.chain_seq])).toEqual([['transitions', 1], ['domain_acks', 2]]);
    expect(dataOf(await server.gql(world.operator, VerifyAuditTrailDocument, { objectId: run.id })).verifyAuditTrail).toMatchObject({ objectType: 'run', valid: true, recordCount: 2 });
    expect(dataOf(await server.gql(world.operator, RunAsOfDocument, { id: run.id, asOf: createdAt.toISOString() })).run).toEqual({ id: run.id, phase: 'CREATED', status: 'QUEUED', version: 1 });

    await sql(server, `UPDATE domain_acks SET result_id = 'ch_forged' WHERE id = $1`, [ack.id]);
    expect(dataOf(await server.gql(world.operator, VerifyAuditTrailDocument, { objectId: run.id })).verifyAuditTrail.brokenLink).toMatchObject({ recordId: ack.id, kind: 'ACK', seq: 2, foundHash: rows[1].hash });
  });
});
