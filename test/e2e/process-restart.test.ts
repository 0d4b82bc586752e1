// The server as `npm start` runs it (node dist/main.js on the embedded PostgreSQL in DATA_DIR): the
// bootstrap key once, data kept across a SIGTERM restart, no postgres left behind, and the CLI
// minting and revoking keys with the server stopped and while it runs on the same cluster. The file
// shares one DATA_DIR, started once before its tests; each test brings the server to the state it
// needs (running or stopped) and uses tenants and keys of its own, so the tests run in any order.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateContractDocument, GetContractDocument, ListContractsDocument } from '../generated/graphql.js';
import { proposal } from '../support/fixtures.js';
import { freePort, killLeftovers, postgresProcessesFor, runCli, startServerProcess, type ServerProcess } from '../support/process.js';
import { gqlAt } from '../support/raw-http.js';
import { dataOf, errorCode } from '../support/responses.js';

const SPAWN_TIMEOUT = 120_000;

/** The key a successful `apikey create` printed alone on its last line, and the id it named. */
function mintedKey(stdout: string): { key: string; id: string } {
  const lines = stdout.trimEnd().split('\n');
  const key = lines[lines.length - 1];
  expect(key).toMatch(/^gov_\S+$/);
  const id = /\b(key_[0-9a-f]+)\b/.exec(stdout)?.[1];
  if (!id) throw new Error(`no key id in CLI output:\n${stdout}`);
  return { key, id };
}

describe('the server process on its embedded database', () => {
  let dataDir: string;
  let port: number;
  let server: ServerProcess | null = null;
  /** What the first start on the fresh DATA_DIR answered. */
  let firstStart: { url: string; bootstrapKey: string | null; stdout: string };
  let adminKey: string;
  /** A contract created with the bootstrap key right after the first start. */
  let contractId: string;

  const start = async () => {
    server = await startServerProcess(dataDir, port);
    return server;
  };
  const stop = async (signal: 'SIGTERM' | 'SIGINT') => {
    const exit = await server!.stop(signal);
    server = null;
    return exit;
  };
  /** The running server (started when stopped). */
  const running = async () => server ?? (await start());
  /** Stops the server when it runs (its exit is checked by the tests that stop it on purpose). */
  const stopped = async () => {
    if (server) expect(await stop('SIGTERM')).toEqual({ code: 0, signal: null });
  };
  const contractCount = async (key: string) => dataOf(await gqlAt((await running()).url, key, ListContractsDocument, {})).contracts.totalCount;
  /** `tenant create` then `apikey create` in it; the key minted. */
  const tenantAndKey = async (tenant: string, role: string, principal: string) => {
    expect((await runCli(dataDir, ['tenant', 'create', tenant])).code).toBe(0);
    const run = await runCli(dataDir, ['apikey', 'create', '--tenant', tenant, '--role', role, '--principal', principal]);
    expect(run.code, run.stderr).toBe(0);
    return mintedKey(run.stdout);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'governance-process-'));
    port = await freePort();
    const { url, bootstrapKey, stdout } = await start();
    firstStart = { url, bootstrapKey, stdout: stdout() };
    adminKey = bootstrapKey!;
    contractId = dataOf(await gqlAt(url, adminKey, CreateContractDocument, { input: proposal() })).createContract.id;
  }, SPAWN_TIMEOUT);
  afterAll(async () => {
    if (server) await stop('SIGTERM');
    await killLeftovers(dataDir);
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('starts on a fresh DATA_DIR, prints a bootstrap key and the URL it serves, and runs its own postgres', async () => {
    expect(firstStart.url).toBe(`http://127.0.0.1:${port}/graphql`);
    expect(firstStart.stdout).toContain(`Governance runtime serving ${firstStart.url}`);
    expect(firstStart.bootstrapKey).toMatch(/^gov_\S+$/);
    await running();
    expect(await postgresProcessesFor(dataDir)).toHaveLength(1);
  }, SPAWN_TIMEOUT);

  it('creates a contract with the bootstrap key', async () => {
    const created = dataOf(await gqlAt((await running()).url, adminKey, CreateContractDocument, { input: proposal() })).createContract;
    expect(created).toMatchObject({ status: 'ELIGIBLE', createdBy: 'admin' });
  }, SPAWN_TIMEOUT);

  it('exits 0 on SIGTERM and leaves no postgres running on DATA_DIR', async () => {
    await running();
    expect(await stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(await postgresProcessesFor(dataDir)).toEqual([]);
  }, SPAWN_TIMEOUT);

  it('restarts on the same DATA_DIR without a new bootstrap key, and the contract is still there', async () => {
    const contracts = await contractCount(adminKey);
    await stopped();
    const { bootstrapKey, stdout } = await start();
    expect(bootstrapKey).toBeNull();
    expect(stdout()).not.toContain('gov_');
    const found = dataOf(await gqlAt(server!.url, adminKey, GetContractDocument, { id: contractId })).contract;
    expect(found).toMatchObject({ id: contractId, status: 'ELIGIBLE', title: proposal().title });
    expect(await contractCount(adminKey)).toBe(contracts);
  }, SPAWN_TIMEOUT);

  describe('keys from the CLI', () => {
    it('creates a tenant and a key with the server stopped, printing the key alone on the last line; the key works once the server runs, in its own tenant', async () => {
      await stopped();
      const carol = await tenantAndKey('acme', 'operator', 'carol');
      expect(await postgresProcessesFor(dataDir)).toEqual([]);

      await start();
      expect(await contractCount(carol.key)).toBe(0);
      const adminsContracts = await contractCount(adminKey);
      const created = dataOf(await gqlAt(server!.url, carol.key, CreateContractDocument, { input: proposal() })).createContract;
      expect(created.createdBy).toBe('carol');
      expect(await contractCount(carol.key)).toBe(1);
      expect(await contractCount(adminKey)).toBe(adminsContracts);
    }, SPAWN_TIMEOUT);

    it('creates a key while the server runs (attaching to its cluster), which works at once', async () => {
      const { url } = await running();
      const dave = await tenantAndKey('tenant-dave', 'viewer', 'dave');
      expect(dataOf(await gqlAt(url, dave.key, ListContractsDocument, {})).contracts.totalCount).toBe(0);
      expect(await postgresProcessesFor(dataDir)).toHaveLength(1);
    }, SPAWN_TIMEOUT);

    it('revokes a key while the server runs: it is UNAUTHENTICATED from then on', async () => {
      const { url } = await running();
      const erin = await tenantAndKey('tenant-erin', 'operator', 'erin');
      expect(await contractCount(erin.key)).toBe(0);
      const adminsContracts = await contractCount(adminKey);
      const run = await runCli(dataDir, ['apikey', 'revoke', erin.id]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(erin.id);
      expect(errorCode(await gqlAt(url, erin.key, ListContractsDocument, {}))).toBe('UNAUTHENTICATED');
      expect(await contractCount(adminKey)).toBe(adminsContracts);
    }, SPAWN_TIMEOUT);

    it('exits 2 on bad usage, saying so on stderr only', async () => {
      for (const args of [[], ['apikey'], ['apikey', 'rename', 'key_1']]) {
        const run = await runCli(dataDir, args);
        expect(run.code, args.join(' ')).toBe(2);
        expect(run.stderr).not.toBe('');
        expect(run.stdout).toBe('');
      }
    }, SPAWN_TIMEOUT);

    it('exits 2 naming the problem for missing options or a bad role, 3 for an unknown key id', async () => {
      const missing = await runCli(dataDir, ['apikey', 'create', '--tenant', 'acme']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--role');
      const badRole = await runCli(dataDir, ['apikey', 'create', '--tenant', 'acme', '--role', 'superuser', '--principal', 'eve']);
      expect(badRole.code).toBe(2);
      expect(badRole.stderr).toContain('Allowed choices are viewer, operator, approver, admin');
      const unknown = await runCli(dataDir, ['apikey', 'revoke', 'key_doesnotexist']);
      expect(unknown.code).toBe(3);
      expect(unknown.stderr).toContain('key_doesnotexist');
    }, SPAWN_TIMEOUT);

    it('exits 0 on SIGINT and leaves no postgres running on DATA_DIR', async () => {
      await running();
      expect(await stop('SIGINT')).toEqual({ code: 0, signal: null });
      expect(await postgresProcessesFor(dataDir)).toEqual([]);
    }, SPAWN_TIMEOUT);
  });
});
