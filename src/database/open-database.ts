// Opens the database the configuration names — DATABASE_URL, or the embedded cluster in DATA_DIR —
// connects, applies migrations, and returns a handle that closes the pool and the cluster it started.
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { makeDataSource, migrate, type StatementObserver } from './data-source.js';
import { startEmbeddedPostgres, type WhenClusterOwned } from './embedded-postgres.js';
import { prepareMarkedStatements } from './prepared-statements.js';
import { statementSpans } from './statement-spans.js';

/** An open, migrated database. */
export interface OpenDatabase {
  dataSource: DataSource;
  /** The connection URL, the configured user's (for connections outside the pool, e.g. LISTEN,
   * which start as the restricted role themselves: see app-role.ts). */
  url: string;
  /** Closes the pool, then stops the embedded cluster if this process started it. */
  close(): Promise<void>;
}

/** Where the database is and how to watch it. */
export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  logger: Logger;
  poolSize?: number;
  onStatement?: StatementObserver;
  /** A span per SQL statement (only while tracing is on: it costs a subscriber call per statement). */
  traceStatements?: boolean;
  /** On the embedded cluster, when another live process started it (default: attach). */
  whenClusterOwned?: WhenClusterOwned;
}

/** Migrates as the configured user, on a connection of its own, closed afterwards. */
async function migrateAsOwner(url: string, logger: Logger): Promise<void> {
  const owner = makeDataSource({ url, logger, poolSize: 2, session: 'owner' });
  await owner.initialize();
  try {
    await migrate(owner);
  } finally {
    await owner.destroy();
  }
}

/** Connects (starting the embedded cluster when no URL is given) and migrates; the returned data
 * source queries as the restricted role (app-role.ts). */
export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  const embedded = options.databaseUrl ? null : await startEmbeddedPostgres(options.dataDir, options.logger, options.whenClusterOwned);
  const url = options.databaseUrl ?? embedded!.url;
  const dataSource = makeDataSource({ url, logger: options.logger, poolSize: options.poolSize, onStatement: options.onStatement, session: 'app' });
  try {
    await migrateAsOwner(url, options.logger);
    await dataSource.initialize();
    prepareMarkedStatements(dataSource);
    if (options.traceStatements) dataSource.subscribers.push(statementSpans());
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    url,
    close: async () => {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
