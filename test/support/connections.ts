// The database connections of a test server, for leak checks: its pool's counts (TypeORM's `pg`
// pool) and the backends PostgreSQL shows for its database, read over a connection of the test's own.
import pg from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { TestServer } from './test-server.js';

/** The pool's counts: connections open, idle (open and not lent), and callers waiting for one. */
export interface PoolCounts {
  total: number;
  idle: number;
  waiting: number;
}

/** The backends of the server's database (the watcher's own left out), by state. */
export type BackendStates = Record<string, number>;

/** Watches one server's connections. */
export interface ConnectionWatch {
  pool(): PoolCounts;
  backends(): Promise<BackendStates>;
  close(): Promise<void>;
}

/** Opens a watcher on the server's pool and database. */
export async function watchConnections(server: Pick<TestServer, 'database' | 'serverDataSource'>): Promise<ConnectionWatch> {
  const pool = (server.serverDataSource.driver as PostgresDriver).master as pg.Pool;
  const watcher = new pg.Client({ connectionString: server.database.url });
  await watcher.connect();
  return {
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    backends: async () => {
      const { rows } = await watcher.query<{ state: string; count: string }>(
        `SELECT coalesce(state, 'none') AS state, count(*) AS count FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1`,
      );
      return Object.fromEntries(rows.map((row) => [row.state, Number(row.count)]));
    },
    close: () => watcher.end(),
  };
}
