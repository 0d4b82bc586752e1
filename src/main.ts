// Entry point of `npm start`: configuration, database (embedded or DATABASE_URL), migrations,
// bootstrap key, the instance (delivery, HTTP + WS, sweepers), and a clean shutdown on SIGINT/SIGTERM.
import 'reflect-metadata';
import { startApp } from './app.js';
import { readConfig } from './config.js';
import { openDatabase } from './database/open-database.js';
import { takeOverTerminationSignals } from './database/termination-signals.js';
import { makeLogger } from './http/logger.js';
import { makeMetrics } from './http/metrics.js';
import { systemClock } from './runtime/clock.js';
import { startTracing } from './telemetry/tracing.js';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = makeLogger(config.logLevel, config.logFormat);
  const metrics = makeMetrics();
  const tracing = await startTracing({ otlpEndpoint: config.otlpEndpoint });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger, onStatement: metrics.countStatement, traceStatements: tracing !== null });
  takeOverTerminationSignals();
  const app = await startApp({ database, clock: systemClock, logger, metrics, config, tracing: tracing !== null });
  const bootstrap = await app.runtime.bootstrapDefaultTenant();
  if (bootstrap) {
    process.stdout.write(`Bootstrap admin API key for tenant "${bootstrap.tenantId}" (shown once, store it now):\n${bootstrap.key}\n`);
  }
  process.stdout.write(`Governance runtime serving ${app.server.url} (GraphiQL: ${app.server.url.replace(/graphql$/, 'graphiql')})\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await app.stop();
      await database.close();
      await tracing?.shutdown();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
