// The CLI's command tree (commander): `apikey …`, `audit …` and `tenant …`, help at every level, usage errors
// as one line on stderr, and exits reported to the caller instead of ending the process here.
import { Command } from 'commander';
import { apikeyCommand } from './apikey-commands.js';
import { auditCommand } from './audit-commands.js';
import type { CliSession } from './session.js';
import { tenantCommand } from './tenant-commands.js';

const ENVIRONMENT_AND_EXIT_CODES = `
Database: DATABASE_URL, or the embedded one in DATA_DIR (default ./.data), as for \`npm start\`.
Exit codes: 0 done, 1 unexpected failure, 2 usage error (bad command, option or value),
            3 refused (unknown tenant, key or object, tenant exists),
            4 invalid (\`audit verify\`: the export does not verify).`;

/** The program; parse it with `parseAsync(argv, { from: 'user' })`. */
export function makeProgram(session: CliSession): Command {
  const program = new Command('governance')
    .description('Operate the governance runtime: tenants, API keys and the audit trail.')
    .addHelpText('after', ENVIRONMENT_AND_EXIT_CODES)
    .addCommand(apikeyCommand(session))
    .addCommand(auditCommand(session))
    .addCommand(tenantCommand(session));
  // Every level throws instead of exiting, so the entry point closes the database and picks the code.
  for (const command of [program, ...program.commands, ...program.commands.flatMap((noun) => noun.commands)]) command.exitOverride();
  return program;
}
