// The CLI as operators run it: `node dist/cli.js` (the package's `governance` bin, `npm run cli`) in
// real processes on this file's database, next to a real server on the same database. Help at every
// level, usage errors, tenants, keys with expiry and last use, revocation, and the exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliOn, type CliRun } from '../support/process.js';
import { tableRowCounts } from '../support/table-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const SPAWN_TIMEOUT = 60_000;
const VIEWER_QUERY = '{ viewer { principal role tenant } }';

/** A key row as `apikey list --json` prints it. */
interface ListedKey {
  id: string;
  tenantId: string;
  principal: string;
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** The key id and clear key from `apikey create`'s output (the key alone on the last line). */
function minted(run: CliRun): { id: string; key: string } {
  expect(run.code, run.stderr).toBe(0);
  const key = run.stdout.trimEnd().split('\n').at(-1)!;
  expect(key).toMatch(/^gov_\S+$/);
  return { id: /\b(key_[0-9a-f]+)\b/.exec(run.stdout)![1], key };
}

/** The one line a refused or mistaken call prints on stderr. */
function onlyLine(run: CliRun): string {
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  return lines[0];
}

describe('the CLI (node dist/cli.js on DATABASE_URL)', () => {
  let server: TestServer;
  const cli = (...args: string[]) => runCliOn(server.database.url, args);
  /** Sends the viewer query with the key; its HTTP status and error code (undefined when it succeeded). */
  const asKey = async (key: string) => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: VIEWER_QUERY }) });
    const body = (await response.json()) as { data?: { viewer: { principal: string } } | null; errors?: { extensions?: { code?: string } }[] };
    return { status: response.status, code: body.errors?.[0]?.extensions?.code, principal: body.data?.viewer.principal };
  };
  const listed = async (...args: string[]) => {
    const run = await cli('apikey', 'list', '--json', ...args);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as ListedKey[];
  };
  /** A tenant of the calling test's own (the tests run in any order), with `vera` (viewer) and `otto` (operator); vera's key expires when asked. */
  const tenantWithKeys = async (tenant: string, veraExpiresIn?: string) => {
    expect((await cli('tenant', 'create', tenant)).code).toBe(0);
    const veraRun = await cli('apikey', 'create', '--tenant', tenant, '--role', 'viewer', '--principal', 'vera', ...(veraExpiresIn ? ['--expires-in', veraExpiresIn] : []));
    return { veraRun, vera: minted(veraRun), otto: minted(await cli('apikey', 'create', '--tenant', tenant, '--role', 'operator', '--principal', 'otto')) };
  };

  beforeAll(async () => {
    // Key use is written every 50 ms here (a minute by default), so `apikey list` shows it soon.
    server = await startTestServer({ config: { apiKeyUseIntervalMs: 50 } });
  });
  afterAll(() => server.close());

  it('prints help at every level on stdout and exits 0', async () => {
    const levels = [['--help'], ['help'], ['apikey', '--help'], ['help', 'apikey'], ['apikey', 'list', '--help'], ['apikey', 'create', '--help'], ['apikey', 'revoke', '--help'], ['tenant', '--help'], ['tenant', 'create', '--help'], ['tenant', 'list', '--help']];
    const runs = await Promise.all(levels.map((args) => cli(...args)));
    runs.forEach((run, index) => {
      const args = levels[index].join(' ');
      expect(run.code, args).toBe(0);
      expect(run.stdout, args).toMatch(/^Usage: governance\b/);
      expect(run.stderr, args).toBe('');
    });
    expect(runs[0].stdout).toContain('Exit codes: 0 done, 1 unexpected failure, 2 usage error');
    expect(runs[5].stdout).toContain('--expires-in <duration>');
  }, SPAWN_TIMEOUT);

  it('exits 2 on a usage error, with one line on stderr and nothing on stdout', async () => {
    const before = await tableRowCounts(server);
    const mistakes: [string[], string][] = [
      [['apikey', 'frobnicate'], "error: unknown command 'frobnicate'"],
      [['apikey', 'create', '--tenant', 'default', '--role', 'viewer'], "error: required option '--principal <name>' not specified"],
      [['apikey', 'create', '--tenant', 'default', '--role', 'root', '--principal', 'x'], 'Allowed choices are viewer, operator, approver, admin'],
      [['apikey', 'create', '--tenant', 'default', '--role', 'viewer', '--principal', 'x', '--expires-in', 'soon'], 'Use a positive whole number and a unit'],
      [['apikey', 'list', '--bogus'], "error: unknown option '--bogus'"],
      [['apikey', 'revoke'], "error: missing required argument 'key-id'"],
      [['tenant', 'create', 'Not A Tenant'], 'tenant must be 1..63 lowercase letters'],
    ];
    const runs = await Promise.all(mistakes.map(([args]) => cli(...args)));
    runs.forEach((run, index) => {
      const [args, says] = mistakes[index];
      expect(run.code, args.join(' ')).toBe(2);
      expect(onlyLine(run)).toContain(says);
      expect(run.stdout).toBe('');
    });
    // Without a command: the help, on stderr, and still a usage error.
    const bare = await cli();
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: governance');
    expect(await tableRowCounts(server)).toEqual(before);
  }, SPAWN_TIMEOUT);

  it('creates tenants and lists them; an existing tenant is refused with exit 3', async () => {
    const created = await cli('tenant', 'create', 'acme', '--name', 'Acme Corp');
    expect(created).toMatchObject({ code: 0, stdout: 'Created tenant acme (Acme Corp)\n', stderr: '' });
    const again = await cli('tenant', 'create', 'acme');
    expect(again.code).toBe(3);
    expect(onlyLine(again)).toBe('error: tenant acme already exists');

    // The other tests' tenants may be listed too, in id order.
    const listedTenants = JSON.parse((await cli('tenant', 'list', '--json')).stdout) as { id: string }[];
    expect(listedTenants).toContainEqual({ id: 'acme', name: 'Acme Corp', createdAt: expect.any(String), liveKeys: 0 });
    expect(listedTenants.map((tenant) => tenant.id)).toEqual(listedTenants.map((tenant) => tenant.id).sort());
    const table = (await cli('tenant', 'list')).stdout.split('\n');
    expect(table[0]).toMatch(/^ID\s+NAME\s+CREATED\s+LIVE KEYS$/);
    expect(table.find((line) => line.startsWith('acme '))).toMatch(/^acme\s+Acme Corp\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+0$/);
  }, SPAWN_TIMEOUT);

  it('refuses a key in an unknown tenant with one line and exit 3, creating nothing', async () => {
    const before = await tableRowCounts(server);
    const mistyped = await cli('apikey', 'create', '--tenant', 'acmee', '--role', 'viewer', '--principal', 'vera');
    expect(mistyped.code).toBe(3);
    expect(onlyLine(mistyped)).toBe('error: tenant acmee not found');
    expect(mistyped.stdout).toBe('');
    const listing = await cli('apikey', 'list', '--tenant', 'acmee');
    expect(listing.code).toBe(3);
    expect(onlyLine(listing)).toBe('error: tenant acmee not found');
    expect(await tableRowCounts(server)).toEqual(before);
  }, SPAWN_TIMEOUT);

  it('creates keys, with an expiry when asked, and lists them with their lifetimes', async () => {
    const { veraRun, vera, otto } = await tenantWithKeys('keyring', '1h');
    expect(veraRun.stdout).toMatch(new RegExp(`^Created key ${vera.id} for vera \\(viewer\\) in tenant keyring, expiring \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\. It is shown once:\n`));

    const keys = await listed('--tenant', 'keyring');
    expect(keys).toEqual([
      { id: vera.id, tenantId: 'keyring', principal: 'vera', role: 'viewer', createdAt: expect.any(String), lastUsedAt: null, expiresAt: expect.any(String), revokedAt: null },
      { id: otto.id, tenantId: 'keyring', principal: 'otto', role: 'operator', createdAt: expect.any(String), lastUsedAt: null, expiresAt: null, revokedAt: null },
    ]);
    expect(Date.parse(keys[0].expiresAt!) - Date.parse(keys[0].createdAt)).toBe(3_600_000);
    expect(await listed('--tenant', 'default')).toEqual([]);

    const table = (await cli('apikey', 'list', '--tenant', 'keyring')).stdout.split('\n');
    expect(table[0]).toMatch(/^ID\s+TENANT\s+PRINCIPAL\s+ROLE\s+CREATED\s+LAST USED\s+EXPIRES\s+REVOKED$/);
    expect(table[1]).toMatch(new RegExp(`^${vera.id}\\s+keyring\\s+vera\\s+viewer\\s+\\S+ \\S+Z\\s+-\\s+\\S+ \\S+Z\\s+-$`));
  }, SPAWN_TIMEOUT);

  it('the keys authenticate over HTTP, and `apikey list` shows when they were last used', async () => {
    // No expiry: the expiry test moves the server's clock on.
    const { vera } = await tenantWithKeys('key-use');
    const usedAt = server.clock.now().toISOString();
    expect(await asKey(vera.key)).toMatchObject({ status: 200, principal: 'vera' });
    let keys = await listed('--tenant', 'key-use');
    for (let attempt = 0; keys[0].lastUsedAt === null && attempt < 20; attempt += 1) keys = await listed('--tenant', 'key-use');
    expect(keys.map((key) => [key.principal, key.lastUsedAt])).toEqual([
      ['vera', usedAt],
      ['otto', null],
    ]);
  }, SPAWN_TIMEOUT);

  it('refuses an expired key like a revoked one (UNAUTHENTICATED), and revokes with exit 0 (3 for an unknown id)', async () => {
    const { vera, otto } = await tenantWithKeys('key-ends', '1h');
    const [listedVera] = await listed('--tenant', 'key-ends');
    server.clock.advance(Date.parse(listedVera.expiresAt!) - server.clock.now().getTime() + 1000);
    const expired = await asKey(vera.key);
    expect(expired.code).toBe('UNAUTHENTICATED');
    expect(await asKey(otto.key)).toMatchObject({ status: 200, principal: 'otto' });

    const revoked = await cli('apikey', 'revoke', otto.id);
    expect(revoked).toMatchObject({ code: 0, stdout: `Revoked key ${otto.id}\n`, stderr: '' });
    const refused = await asKey(otto.key);
    expect(refused.code).toBe('UNAUTHENTICATED');
    expect(expired.status).toBe(refused.status);

    const twice = await cli('apikey', 'revoke', otto.id);
    expect(twice.code).toBe(3);
    expect(onlyLine(twice)).toBe(`error: unrevoked API key ${otto.id} not found`);

    const keys = await listed();
    expect(keys.find((key) => key.id === otto.id)!.revokedAt).toEqual(expect.any(String));
    const tenants = JSON.parse((await cli('tenant', 'list', '--json')).stdout) as { id: string; liveKeys: number }[];
    // vera's key is live for the CLI's wall clock (an hour after it was minted); otto's is revoked.
    expect(tenants.find((tenant) => tenant.id === 'key-ends')!.liveKeys).toBe(1);
  }, SPAWN_TIMEOUT);

  it('creates the tenant with the key when asked to (--create-tenant), and uses an existing one as it is', async () => {
    const beta = minted(await cli('apikey', 'create', '--tenant', 'beta', '--create-tenant', '--role', 'admin', '--principal', 'bea'));
    expect(await asKey(beta.key)).toMatchObject({ status: 200, principal: 'bea' });
    expect((await cli('tenant', 'create', 'gamma', '--name', 'Gamma Corp')).code).toBe(0);
    minted(await cli('apikey', 'create', '--tenant', 'gamma', '--create-tenant', '--role', 'viewer', '--principal', 'val'));
    const tenants = JSON.parse((await cli('tenant', 'list', '--json')).stdout) as { id: string; name: string | null }[];
    expect(tenants.filter((tenant) => ['beta', 'gamma'].includes(tenant.id)).map((tenant) => [tenant.id, tenant.name])).toEqual([
      ['beta', null],
      ['gamma', 'Gamma Corp'],
    ]);
  }, SPAWN_TIMEOUT);
});
