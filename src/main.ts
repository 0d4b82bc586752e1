// Entry point of `npm start` (node dist/main.js): configuration, the DATA_DIR lock (embedded
// database only), database (embedded or DATABASE_URL), migrations, bootstrap key, the instance
// (delivery, HTTP + WS, sweepers), and a clean shutdown on SIGINT/SIGTERM, even during start-up.
import 'reflect-metadata';
import type { Logger } from 'pino';
import { startApp } from './app.js';
import { readConfig, type ServerConfig } from './config.js';
import { DataDirInUseError, lockDataDir } from './database/data-dir-lock.js';
import { openDatabase } from './database/open-database.js';
import { takeOverTerminationSignals } from './database/termination-signals.js';
import { makeLogger } from './http/logger.js';
import { makeMetrics } from './http/metrics.js';
import { systemClock } from './runtime/clock.js';
import { Shutdown } from './shutdown.js';
import { startTracing } from './telemetry/tracing.js';

async function start(config: ServerConfig, logger: Logger, shutdown: Shutdown): Promise<void> {
  if (!config.databaseUrl) {
    const lock = await lockDataDir(config.dataDir);
    shutdown.onStop(() => lock.release());
    await takeOverTerminationSignals();
  }
  process.stdout.write(`Governance runtime starting, pid ${process.pid}\n`);
  const metrics = makeMetrics();
  const tracing = await startTracing({ otlpEndpoint: config.otlpEndpoint });
  if (tracing) shutdown.onStop(() => tracing.shutdown());
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger, onStatement: metrics.countStatement, traceStatements: tracing !== null });
  shutdown.onStop(() => database.close());
  if (shutdown.requested) return;
  const app = await startApp({ database, clock: systemClock, logger, metrics, config, tracing: tracing !== null });
  shutdown.onStop(() => app.stop());
  if (shutdown.requested) return;
  const bootstrap = await app.runtime.bootstrapDefaultTenant();
  if (bootstrap) {
    process.stdout.write(`Bootstrap admin API key for tenant "${bootstrap.tenantId}" (shown once, store it now):\n${bootstrap.key}\n`);
  }
  process.stdout.write(`Governance runtime serving ${app.server.url} (GraphiQL: ${app.server.url.replace(/graphql$/, 'graphiql')})\n`);
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = makeLogger(config.logLevel, config.logFormat);
  const shutdown = new Shutdown(logger);
  try {
    await shutdown.during(start(config, logger, shutdown));
  } catch (error) {
    await shutdown.closeAll();
    throw error;
  }
}

main().catch((error: unknown) => {
  const reason = error instanceof DataDirInUseError ? error.message : `Failed to start: ${error instanceof Error ? error.stack : String(error)}`;
  process.stderr.write(`${reason}\n`);
  process.exit(1);
});
