// Command line: `apikey create --tenant <t> --role <role> --principal <name>` and
// `apikey revoke <key-id>`, through the runtime, on DATABASE_URL or the embedded database in
// DATA_DIR (attaching to the cluster when the server is running on it).
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { readConfig } from './config.js';
import { openDatabase } from './database/open-database.js';
import { systemClock } from './runtime/clock.js';
import { GovernanceError } from './runtime/errors.js';
import type { GovernanceRuntime } from './runtime/governance-runtime.js';
import { makeGovernanceRuntime } from './runtime/make-runtime.js';

const USAGE = `Usage:
  cli apikey create --tenant <tenant> --role <viewer|operator|approver|admin> --principal <name>
  cli apikey revoke <key-id>`;

type Command = (runtime: GovernanceRuntime, args: string[]) => Promise<string[]>;

const commands: Record<string, Command> = {
  'apikey create': async (runtime, args) => {
    const { values } = parseArgs({ args, options: { tenant: { type: 'string' }, role: { type: 'string' }, principal: { type: 'string' } } });
    if (!values.tenant || !values.role || !values.principal) throw new UsageError('apikey create needs --tenant, --role and --principal');
    const minted = await runtime.createApiKey({ tenantId: values.tenant, role: values.role, principal: values.principal });
    return [`Created key ${minted.id} for ${minted.principal} (${minted.role}) in tenant ${minted.tenantId}. It is shown once:`, minted.key];
  },
  'apikey revoke': async (runtime, args) => {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new UsageError('apikey revoke needs exactly one key id');
    if (!(await runtime.revokeApiKey(positionals[0]))) throw new UsageError(`No live key with id ${positionals[0]}`);
    return [`Revoked key ${positionals[0]}`];
  },
};

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const command = commands[argv.slice(0, 2).join(' ')];
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = readConfig();
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger, poolSize: 2 });
  try {
    const runtime = makeGovernanceRuntime({ dataSource: database.dataSource, clock: systemClock });
    const lines = await command(runtime, argv.slice(2));
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof GovernanceError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`cli failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
