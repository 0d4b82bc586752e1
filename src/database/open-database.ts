// Opens the database the configuration names — DATABASE_URL, or the embedded cluster in DATA_DIR —
// connects, applies migrations, and returns a handle that closes the pool and the cluster it started.
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { makeDataSource, migrate, type StatementObserver } from './data-source.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { statementSpans } from './statement-spans.js';

/** An open, migrated database. */
export interface OpenDatabase {
  dataSource: DataSource;
  /** The connection URL (for connections outside the pool, e.g. LISTEN). */
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
}

/** Connects (starting the embedded cluster when no URL is given) and migrates. */
export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  const embedded = options.databaseUrl ? null : await startEmbeddedPostgres(options.dataDir, options.logger);
  const url = options.databaseUrl ?? embedded!.url;
  const dataSource = makeDataSource({ url, logger: options.logger, poolSize: options.poolSize, onStatement: options.onStatement });
  try {
    await dataSource.initialize();
    if (options.traceStatements) dataSource.subscribers.push(statementSpans());
    await migrate(dataSource);
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
