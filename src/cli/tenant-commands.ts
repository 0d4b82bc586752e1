// `tenant create | list`: tenants are created on purpose (a key is minted only in one that exists).
import { Command } from 'commander';
import type { TenantRecord } from '../runtime/read-tenants.js';
import { instant, jsonOption, print, printJson, table } from './output.js';
import type { CliSession } from './session.js';

/** The `tenant` command and its subcommands. */
export function tenantCommand(session: CliSession): Command {
  const tenant = new Command('tenant').description('create and list tenants');

  tenant
    .command('create')
    .description('create a tenant')
    .argument('<id>', 'the tenant\'s id: 1..63 lowercase letters, digits, "-" or "_"')
    .option('--name <name>', 'a display name')
    .action(async (id: string, options: { name?: string }) => {
      const created = await (await session.runtime()).createTenant({ id, name: options.name ?? null });
      print(`Created tenant ${created.id}${created.name ? ` (${created.name})` : ''}\n`);
    });

  jsonOption(tenant.command('list').description('list tenants with their count of live keys')).action(async (options: { json?: boolean }) => {
    const tenants = await (await session.runtime()).tenants();
    if (options.json) printJson(tenants);
    else print(table(tenants, tenantColumns, 'No tenants.'));
  });

  return tenant;
}

const tenantColumns = [
  { heading: 'ID', value: (tenant: TenantRecord) => tenant.id },
  { heading: 'NAME', value: (tenant: TenantRecord) => tenant.name ?? '-' },
  { heading: 'CREATED', value: (tenant: TenantRecord) => instant(tenant.createdAt) },
  { heading: 'LIVE KEYS', value: (tenant: TenantRecord) => String(tenant.liveKeys) },
];
