// A server instance for the bench in its own process — openDatabase + startApp on the bench database —
// reporting its URL over IPC and capturing the SQL text it sends when asked.
import 'reflect-metadata';
import pino from 'pino';
import { startApp } from '../../src/app.js';
import { readConfig } from '../../src/config.js';
import { openDatabase } from '../../src/database/open-database.js';
import { makeMetrics } from '../../src/http/metrics.js';
import { systemClock } from '../../src/runtime/clock.js';
import { startTracing } from '../../src/telemetry/tracing.js';
import { stepsWithoutEvents } from './no-outbox-steps.js';
import type { InstanceRequest, InstanceSettings } from './instance-protocol.js';

async function main(): Promise<void> {
  const settings = JSON.parse(process.env.BENCH_INSTANCE ?? '{}') as InstanceSettings;
  const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'error' });
  const metrics = makeMetrics();
  let captured: string[] | null = null;
  // The OTLP exporter reads its endpoint from the environment, as in production.
  if (settings.otlpEndpoint) process.env.OTEL_EXPORTER_OTLP_ENDPOINT = settings.otlpEndpoint;
  const tracing = await startTracing({ otlpEndpoint: settings.otlpEndpoint });
  const database = await openDatabase({
    traceStatements: tracing !== null,
    databaseUrl: settings.databaseUrl,
    dataDir: '',
    logger,
    onStatement: (sql) => {
      metrics.countStatement(sql);
      captured?.push(sql);
    },
  });
  // Sweepers and the periodic write of keys' last use off: they would add statements to the ones counted.
  // Rate limits off: the bench loads one key past them on purpose (P9 holds 10,000 subscriptions of one key).
  const defaults = readConfig({});
  const config = {
    ...defaults,
    port: 0,
    sweepIntervalMs: 0,
    auditCheckpointIntervalMs: 0,
    apiKeyUseIntervalMs: 0,
    rateLimits: { ...defaults.rateLimits, operationsPerKey: 0, operationsPerTenant: 0, subscriptionsPerKey: 0, subscriptionsPerTenant: 0 },
    apiKeyCacheTtlMs: settings.apiKeyCacheTtlMs ?? defaults.apiKeyCacheTtlMs,
    outboxWritersNotify: settings.writersNotify ?? defaults.outboxWritersNotify,
    compiledReads: settings.compiledReads ?? defaults.compiledReads,
    limits: { ...defaults.limits, maxCost: settings.maxQueryCost ?? defaults.limits.maxCost },
  };
  const completionSteps = settings.publishing === 'off' ? stepsWithoutEvents : undefined;
  const app = await startApp({ database, clock: systemClock, logger, metrics, config, completionSteps, tracing: tracing !== null });
  await app.delivery.hub.ready;

  const reply = (message: object) => process.send!(message);
  process.on('message', async (request: InstanceRequest) => {
    if (request.type === 'capture') {
      captured = [];
      reply({ type: 'capturing' });
    } else if (request.type === 'captured') {
      reply({ type: 'captured', statements: captured ?? [] });
      captured = null;
    } else if (request.type === 'stop') {
      await app.stop();
      await database.close();
      await tracing?.shutdown();
      reply({ type: 'stopped' });
      setImmediate(() => process.exit(0));
    }
  });
  reply({ type: 'ready', url: app.server.url });
  // Orphaned (the bench died): leave with it.
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench instance failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
