// The TypeORM data source: real migrations (never synchronize) and a statement counter for metrics.
import type { Logger as PinoLogger } from 'pino';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { entities } from '../entities/index.js';
import { migrations } from '../migrations/index.js';
import { ensureAppRole, sessionOptions, type SessionKind } from './app-role.js';

/** Receives one call per SQL statement the pool sends. */
export type StatementObserver = (sql: string) => void;

/** Options for {@link makeDataSource}. */
export interface DataSourceOptions {
  url: string;
  logger: PinoLogger;
  poolSize?: number;
  onStatement?: StatementObserver;
  /** Who the sessions are (app-role.ts): the owner, or the server's restricted role. */
  session: SessionKind;
}

/** Builds (does not connect) the data source for one PostgreSQL database. */
export function makeDataSource({ url, logger, poolSize = 10, onStatement, session }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    migrationsTransactionMode: 'each',
    extra: { max: poolSize, options: sessionOptions(session) },
    logging: true,
    logger: makeStatementLogger(logger, onStatement),
  });
}

function makeStatementLogger(logger: PinoLogger, onStatement?: StatementObserver): TypeOrmLogger {
  return {
    logQuery: (query) => onStatement?.(query),
    logQueryError: (error, query) => logger.debug({ err: error, query }, 'query failed'),
    logQuerySlow: (time, query) => logger.warn({ time, query }, 'slow query'),
    logSchemaBuild: () => {},
    logMigration: (message) => logger.info(message),
    log: (level, message) => (level === 'warn' ? logger.warn(message) : logger.debug(message)),
  };
}

/** Applies every pending migration as the owner (a data source of session 'owner'), then grants
 * the server's role what it needs; safe to call from several instances at once. */
export async function migrate(dataSource: DataSource): Promise<void> {
  const lockHolder = dataSource.createQueryRunner();
  try {
    await lockHolder.query(`SELECT pg_advisory_lock(hashtext('governance-migrations'))`);
    await dataSource.runMigrations({ transaction: 'each' });
    await ensureAppRole(lockHolder);
    await lockHolder.query(`SELECT pg_advisory_unlock(hashtext('governance-migrations'))`);
  } finally {
    await lockHolder.release();
  }
}
