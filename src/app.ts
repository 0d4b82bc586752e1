// Composition of one server instance on an open database: planner, runtime, event delivery, HTTP +
// WS server and sweepers — shared by `npm start` and the tests, so both run the same thing.
import type { Logger } from 'pino';
import type { ServerConfig } from './config.js';
import type { OpenDatabase } from './database/open-database.js';
import { startEventDelivery, type EventDeliveryService } from './delivery/start-event-delivery.js';
import type { Metrics } from './http/metrics.js';
import type { Clock } from './runtime/clock.js';
import { makeHttpPlanner } from './planners/http-planner.js';
import type { GovernanceRuntime } from './runtime/governance-runtime.js';
import type { CompletionStep } from './runtime/completion/completion-step.js';
import { makeGovernanceRuntime } from './runtime/make-runtime.js';
import { startServer, type RunningServer } from './server.js';
import { startSweeping } from './sweeper-schedule.js';
import { startRecordingKeyUse } from './key-use-schedule.js';

/** What an instance is made of. */
export interface AppOptions {
  database: OpenDatabase;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  config: Omit<ServerConfig, 'databaseUrl' | 'dataDir' | 'logLevel' | 'logFormat' | 'otlpEndpoint'>;
  /** Whether a tracer provider is registered (telemetry/tracing): HTTP and GraphQL spans are opened only then. */
  tracing?: boolean;
  /** The run completion steps (default: the production ones; tests inject failing ones). */
  completionSteps?: readonly CompletionStep[];
}

/** A running instance. */
export interface RunningApp {
  runtime: GovernanceRuntime;
  server: RunningServer;
  delivery: EventDeliveryService;
  /** Stops sweepers, subscribers, the listener and the server, then writes keys' last use (the database stays open). */
  stop(): Promise<void>;
}

/** Starts an instance: delivery first, so no event committed after start-up is missed. */
export async function startApp({ database, clock, logger, metrics, config, completionSteps, tracing = false }: AppOptions): Promise<RunningApp> {
  const planner = config.planner.url ? makeHttpPlanner({ ...config.planner, url: config.planner.url }) : undefined;
  const delivery = await startEventDelivery(clock, database.url, logger, {
    pollIntervalMs: config.eventPollIntervalMs,
    queueCapacity: config.subscriberQueueCapacity,
    sequencerTakeoverIntervalMs: config.sequencerTakeoverIntervalMs,
    writersNotify: config.outboxWritersNotify,
  });
  const announce = { notifyOnCommit: config.outboxWritersNotify, committed: () => delivery.eventsCommitted() };
  const runtime = makeGovernanceRuntime({ dataSource: database.dataSource, clock, observe: metrics.observeUnitOfWork, announce, planner, completionSteps, apiKeyCacheTtlMs: config.apiKeyCacheTtlMs, retry: config.retry });
  // Before the server's own listener closes the key's sockets: a revoked key is looked up again.
  delivery.hub.onRevocation((apiKeyId) => runtime.forgetApiKey(apiKeyId));
  metrics.watchDelivery(delivery);
  const server = await startServer({
    runtime,
    delivery,
    dataSource: database.dataSource,
    logger,
    metrics,
    metricsToken: config.metricsToken,
    tracing,
    limits: config.limits,
    rateLimits: config.rateLimits,
    corsOrigins: config.corsOrigins,
    introspection: config.introspection,
    compiledReads: config.compiledReads,
    maxOperationsPerConnection: config.maxSubscriptionsPerConnection,
    host: config.host,
    port: config.port,
  });
  const sweeper = startSweeping(runtime, { intervalMs: config.sweepIntervalMs, outboxRetentionMs: config.outboxRetentionHours * 3_600_000, checkpointIntervalMs: config.auditCheckpointIntervalMs }, logger);
  const keyUse = startRecordingKeyUse(runtime, config.apiKeyUseIntervalMs, logger);
  return {
    runtime,
    server,
    delivery,
    stop: async () => {
      await sweeper.stop();
      await delivery.stop();
      await server.close();
      await keyUse.stop();
    },
  };
}
