// `audit export` and `audit verify` as operators run them (real CLI processes on a real server's
// database): the export round-trips through offline verification, --object and --since cut it
// without breaking it, and a record or checkpoint altered in the file is named with exit code 4.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartJobDocument } from '../generated/graphql.js';
import { mintContractCallers, type ContractCallers } from '../support/contracts.js';
import { activatedContract } from '../support/jobs.js';
import { runCliOn } from '../support/process.js';
import { dataOf } from '../support/responses.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const SPAWN_TIMEOUT = 60_000;

describe('audit export and verify (node dist/cli.js)', () => {
  let server: TestServer;
  let callers: ContractCallers;
  let dir: string;
  let jobId: string;
  let startedAt: Date;
  const cli = (...args: string[]) => runCliOn(server.database.url, args);
  const lines = async (file: string) => (await readFile(file, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  /** `audit export` of the whole default tenant to `name` in the test's directory; the file's path. */
  const exportAll = async (name: string) => {
    const file = join(dir, name);
    const exported = await cli('audit', 'export', '--tenant', 'default', '--out', file);
    expect(exported.code, exported.stderr).toBe(0);
    return file;
  };

  beforeAll(async () => {
    server = await startTestServer();
    callers = await mintContractCallers(server);
    dir = await mkdtemp(join(tmpdir(), 'audit-export-'));
    const { job } = await activatedContract(server, callers, {});
    jobId = job.id;
    await server.runtime.checkpointAuditTrails();
    server.clock.advance(60_000);
    startedAt = server.clock.now();
    dataOf(await server.gql(callers.operator, StartJobDocument, { id: jobId }));
    await server.runtime.checkpointAuditTrails();
  });
  afterAll(() => server.close());

  it('round-trips the whole tenant through offline verification', { timeout: SPAWN_TIMEOUT }, async () => {
    const file = await exportAll('all.jsonl');
    const written = await lines(file);
    expect(written[0]).toMatchObject({ type: 'header', format: 'governance-audit-export', version: 1, tenantId: 'default', since: null });
    expect(written.filter((line) => line.type === 'object').map((line) => line.objectType).sort()).toEqual(['contract', 'job']);
    expect(written.filter((line) => line.type === 'record')).toHaveLength(5 + 2);
    expect(written.filter((line) => line.type === 'checkpoint')).toHaveLength(2);

    const verified = await cli('audit', 'verify', file);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toBe('valid: 2 objects, 7 records, 2 checkpoints (0 checkpointed heads outside the export)\n');
  });

  it('exports one object since an instant, starting after the link before it', { timeout: SPAWN_TIMEOUT }, async () => {
    const file = join(dir, 'job.jsonl');
    expect((await cli('audit', 'export', '--tenant', 'default', '--object', jobId, '--since', startedAt.toISOString(), '--out', file)).code).toBe(0);
    const written = await lines(file);
    expect(written.filter((line) => line.type === 'record').map((line) => (line.fields as { to: string }).to)).toEqual(['RUNNING']);
    expect(written.find((line) => line.type === 'object')).toMatchObject({ objectId: jobId, head: { seq: 2 }, start: { seq: 1 } });
    const verified = await cli('audit', 'verify', file);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toBe('valid: 1 objects, 1 records, 1 checkpoints (1 checkpointed heads outside the export)\n');
  });

  it('names a record altered in the file, and a checkpoint altered in it, with exit code 4', { timeout: SPAWN_TIMEOUT }, async () => {
    // An export of its own (not the round-trip test's file): the tests run in any order.
    const original = await lines(await exportAll('to-forge.jsonl'));
    const forged = original.map((line) => (line.type === 'record' && line.objectId === jobId && line.seq === 2 ? { ...line, fields: { ...(line.fields as object), actor: 'mallory' } } : line));
    const recordForged = join(dir, 'record-forged.jsonl');
    await writeFile(recordForged, forged.map((line) => JSON.stringify(line)).join('\n'));
    const record = await cli('audit', 'verify', recordForged);
    const recordId = original.find((line) => line.type === 'record' && line.objectId === jobId && line.seq === 2)!.recordId as string;
    expect(record.code).toBe(4);
    expect(record.stdout).toMatch(new RegExp(`^INVALID: object ${jobId}: TRANSITION ${recordId} at position 2: expected hash [0-9a-f]{64}, found [0-9a-f]{64}\\n$`));
    expect(record.stderr).toBe(`error: ${recordForged} does not verify\n`);

    const checkpointForged = join(dir, 'checkpoint-forged.jsonl');
    const lastCheckpoint = original.map((line) => line.type).lastIndexOf('checkpoint');
    await writeFile(checkpointForged, original.map((line, index) => JSON.stringify(index === lastCheckpoint ? { ...line, takenAt: '2030-01-01T00:00:00.000Z' } : line)).join('\n'));
    const checkpoint = await cli('audit', 'verify', checkpointForged);
    expect(checkpoint.code).toBe(4);
    expect(checkpoint.stdout).toMatch(/^INVALID: checkpoint ckp_\S+: HASH_MISMATCH: expected [0-9a-f]{64}, found [0-9a-f]{64}\n$/);
  });

  it('refuses an unknown tenant (3) and a file that is not an export (2)', { timeout: SPAWN_TIMEOUT }, async () => {
    const unknown = await cli('audit', 'export', '--tenant', 'nobody');
    expect([unknown.code, unknown.stderr]).toEqual([3, 'error: Tenant nobody not found\n']);
    const notJson = join(dir, 'not.jsonl');
    await writeFile(notJson, 'hello\n');
    expect((await cli('audit', 'verify', notJson)).code).toBe(2);
    expect((await cli('audit', 'export', '--tenant', 'default', '--since', 'yesterday')).code).toBe(2);
  });
});
