// `apikey list | create | revoke`: the keys of a tenant, minting one (shown once, optionally
// expiring) in a tenant that exists, and revoking one (its live connections end on every instance).
import { Command, Option } from 'commander';
import { ConflictError, NotFoundError } from '../runtime/errors.js';
import type { ApiKeyRecord } from '../runtime/read-tenants.js';
import { SYSTEM_CLI_ACTOR } from '../runtime/request-context.js';
import { Roles } from '../runtime/roles.js';
import { parseDuration } from './durations.js';
import { instant, jsonOption, print, printJson, table, type Column } from './output.js';
import type { CliSession } from './session.js';

/** The `apikey` command and its subcommands. */
export function apikeyCommand(session: CliSession): Command {
  const apikey = new Command('apikey').description('list, create and revoke API keys');

  jsonOption(apikey.command('list').description('list API keys (revoked and expired ones too), oldest first'))
    .option('--tenant <tenant>', 'only this tenant\'s keys')
    .action(async (options: { tenant?: string; json?: boolean }) => {
      const keys = await (await session.runtime()).apiKeys(options.tenant ?? null);
      if (options.json) printJson(keys);
      else print(table(keys, keyColumns(new Date()), options.tenant ? `No keys in tenant ${options.tenant}.` : 'No keys.'));
    });

  apikey
    .command('create')
    .description('mint a key for a principal in an existing tenant; the key is printed once, on the last line')
    .requiredOption('--tenant <tenant>', 'the tenant the key belongs to (see `tenant list`)')
    .addOption(new Option('--role <role>', 'what the key may do').choices(Roles).makeOptionMandatory())
    .requiredOption('--principal <name>', 'who uses the key (recorded as the actor of what they do)')
    .option('--expires-in <duration>', 'refuse the key after this long, e.g. 30d, 12h, 2w (default: never)', parseDuration)
    .option('--create-tenant', 'create the tenant first when it does not exist (else an unknown tenant is refused)')
    .action(async (options: { tenant: string; role: string; principal: string; expiresIn?: number; createTenant?: boolean }) => {
      const runtime = await session.runtime();
      if (options.createTenant) await runtime.createTenant({ id: options.tenant }).catch(unlessConflict);
      const minted = await runtime.createApiKey({ tenantId: options.tenant, role: options.role, principal: options.principal, expiresInSeconds: options.expiresIn ?? null });
      const expiry = minted.expiresAt ? `, expiring ${instant(minted.expiresAt)}` : '';
      print(`Created key ${minted.id} for ${minted.principal} (${minted.role}) in tenant ${minted.tenantId}${expiry}. It is shown once:\n${minted.key}\n`);
    });

  apikey
    .command('revoke')
    .description('revoke a key: it is refused from now on and its live connections end')
    .argument('<key-id>', 'the key\'s id (see `apikey list`)')
    .action(async (id: string) => {
      const runtime = await session.runtime();
      if (!(await runtime.revokeApiKey(id, SYSTEM_CLI_ACTOR))) throw new NotFoundError('unrevoked API key', id);
      print(`Revoked key ${id}\n`);
    });

  return apikey;
}

/** Rethrows anything but CONFLICT (the tenant exists already: nothing to create). */
function unlessConflict(error: unknown): void {
  if (!(error instanceof ConflictError)) throw error;
}

/** Columns of `apikey list`; an expiry already past is marked. */
function keyColumns(now: Date): Column<ApiKeyRecord>[] {
  return [
    { heading: 'ID', value: (key) => key.id },
    { heading: 'TENANT', value: (key) => key.tenantId },
    { heading: 'PRINCIPAL', value: (key) => key.principal },
    { heading: 'ROLE', value: (key) => key.role },
    { heading: 'CREATED', value: (key) => instant(key.createdAt) },
    { heading: 'LAST USED', value: (key) => instant(key.lastUsedAt) },
    { heading: 'EXPIRES', value: (key) => `${instant(key.expiresAt)}${key.expiresAt && key.expiresAt <= now ? ' (expired)' : ''}` },
    { heading: 'REVOKED', value: (key) => instant(key.revokedAt) },
  ];
}
