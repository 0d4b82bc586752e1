// The CLI's connection: the runtime over DATABASE_URL or the embedded database in DATA_DIR (attaching
// to the cluster when a server runs on it), opened only when a command needs it — help never does.
import pino from 'pino';
import { readConfig } from '../config.js';
import type { GovernanceRuntime } from '../runtime/governance-runtime.js';

/** Opens the runtime on first use; close() releases whatever was opened. */
export interface CliSession {
  runtime(): Promise<GovernanceRuntime>;
  close(): Promise<void>;
}

/** A session that has opened nothing yet. */
export function lazySession(): CliSession {
  let closeDatabase: (() => Promise<void>) | null = null;
  let opened: Promise<GovernanceRuntime> | null = null;
  const open = async (): Promise<GovernanceRuntime> => {
    const [{ openDatabase }, { makeGovernanceRuntime }, { systemClock }] = await Promise.all([
      import('../database/open-database.js'),
      import('../runtime/make-runtime.js'),
      import('../runtime/clock.js'),
    ]);
    const config = readConfig();
    const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger, poolSize: 2 });
    closeDatabase = database.close;
    return makeGovernanceRuntime({ dataSource: database.dataSource, clock: systemClock });
  };
  return {
    runtime: () => (opened ??= open()),
    close: async () => {
      await opened?.catch(() => undefined);
      await closeDatabase?.();
    },
  };
}
