// README is tested: the server started as README says prints what README shows, and every README
// transcript (its `$ ` commands: the CLI through npm, requests through curl) runs against that real
// server with the output README promises — ids, keys and times aside, which are learned in order.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createTestDatabase, withAdminClient } from '../support/databases.js';
import { freePort, killSpawnedProcesses, startInstanceProcess, type ServerProcess } from '../support/process.js';
import { Aliases, fencedBlocks, transcripts } from '../support/readme-transcripts.js';

const PROJECT_ROOT = path.resolve(__dirname, '../..');
const README = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
const README_ORIGIN = 'http://127.0.0.1:4000';

describe('README', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: ServerProcess;
  let origin: string;
  const aliases = new Aliases();

  beforeAll(async () => {
    database = await createTestDatabase(inject('adminDatabaseUrl'), inject('templateDatabase'));
    // A fresh database, as on a first start: no tenant yet (the template has `default`).
    await withAdminClient(database.url, (client) => client.query('DELETE FROM tenants'));
    server = await startInstanceProcess(database.url, await freePort());
    origin = new URL(server.url).origin;
  });
  afterAll(async () => {
    await killSpawnedProcesses();
    await database.drop();
  });

  const inThisRun = (text: string) => aliases.apply(text).replaceAll(README_ORIGIN, origin);

  const shownTranscripts = transcripts(README);

  it('has transcripts to run', () => {
    expect(shownTranscripts.length).toBeGreaterThan(0);
  });

  // One test, not one per transcript: README is one terminal session read from the top — the start-up
  // lines give the bootstrap key, and each transcript uses the keys, ids and shell variables of those
  // before it — so its parts cannot run in any other order.
  it('shows what a fresh start prints, then runs every transcript in README order with the output it shows', { timeout: 300_000 }, async () => {
    const shown = fencedBlocks(README).find((block) => block.body.some((line) => line.startsWith('Bootstrap admin API key')));
    expect(shown, 'README shows the start-up lines').toBeDefined();
    expect(aliases.match(inThisRun(shown!.body.join('\n')), server.stdout())).toEqual({ ok: true });

    /** Shell variables a transcript sets (`$ OPS=gov_…`), kept for the later ones, as in one terminal. */
    let shellVariables = '';
    for (const transcript of shownTranscripts) {
      for (const step of transcript.steps) {
        const command = inThisRun(step.command);
        if (/^(\w+=\S+\s*)+$/.test(command)) {
          shellVariables += `${command}\n`;
          continue;
        }
        const { stdout: printed } = await promisify(execFile)('bash', ['-c', `${shellVariables}${command}`], {
          cwd: PROJECT_ROOT,
          env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
        });
        // npm's own banner (`> governance-runtime@… cli`, `> node dist/cli.js …`) is not the CLI's output.
        const stdout = printed.replace(/^> .*\n/gm, '');
        const where = { readmeLine: transcript.line, command: step.command };
        expect({ ...where, ...aliases.match(inThisRun(step.expected), stdout) }).toEqual({ ...where, ok: true });
      }
    }
  });
});
