#!/usr/bin/env node
// Entry point of the `governance` command (`npm run cli -- …`, or the package's bin): runs one
// command through the runtime, then closes the database and exits with a documented code.
import 'reflect-metadata';
import { exitFor } from './cli/exit-codes.js';
import { makeProgram } from './cli/program.js';
import { lazySession } from './cli/session.js';

async function main(argv: string[]): Promise<number> {
  const session = lazySession();
  try {
    await makeProgram(session).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    const { status, line } = exitFor(error);
    if (line) process.stderr.write(`${line}\n`);
    return status;
  } finally {
    await session.close();
  }
}

// A reader that stops early (`governance apikey list | head`) is no failure: the rest of the output
// is dropped and the call still closes its database (and the embedded cluster it started).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
