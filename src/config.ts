// Configuration from the environment (README lists every variable), read once at start-up.
import type { LogFormat } from './http/logger.js';
import type { QueryLimits } from './http/query-limits.js';
import type { RateLimits } from './http/rate-limits.js';
import { defaultRetrySettings, type RetrySettings } from './runtime/engines/commit-retry.js';

/** The server's settings. */
export interface ServerConfig {
  host: string;
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  logLevel: string;
  logFormat: LogFormat;
  /** The bearer token /metrics requires; null leaves it open. */
  metricsToken: string | null;
  /** Where traces are exported (OTLP over HTTP); null: tracing is off and costs nothing. */
  otlpEndpoint: string | null;
  sweepIntervalMs: number;
  /** How often this instance takes audit checkpoints of every tenant whose chain heads moved (0: never). */
  auditCheckpointIntervalMs: number;
  /** How often this instance writes when its API keys were last used (0: only at shutdown). */
  apiKeyUseIntervalMs: number;
  /** How long an instance remembers an authenticated key (revocations forget it at once). */
  apiKeyCacheTtlMs: number;
  /** Outbox poll interval: a lost NOTIFY delays delivery at most this long. */
  eventPollIntervalMs: number;
  /** Live events a subscriber may fall behind by before it is cut off. */
  subscriberQueueCapacity: number;
  /** How often an instance tries to take over sequencing the outbox (a dead holder is replaced within it). */
  sequencerTakeoverIntervalMs: number;
  /** Whether commits that write events NOTIFY the sequencer (else it polls: see README "How delivery works"). */
  outboxWritersNotify: boolean;
  /** Operations one WebSocket connection may run at once. */
  maxSubscriptionsPerConnection: number;
  /** Delivered events older than this are pruned. */
  outboxRetentionHours: number;
  /** The HTTP planner's endpoint; null selects the built-in planner. */
  planner: { url: string | null; model: string; apiKey: string | null; timeoutMs: number };
  limits: QueryLimits;
  /** Operations and subscriptions per API key and per tenant, counted by each instance. */
  rateLimits: RateLimits;
  /** How a command retries serialization failures, deadlocks and connections lost before COMMIT. */
  retry: RetrySettings;
  /** Browser origins allowed to call the GraphQL endpoints (CORS); empty: CORS off. */
  corsOrigins: string[];
  /** Whether authenticated callers may introspect the schema. */
  introspection: boolean;
  /** Whether page fields of queries are answered with the JSON PostgreSQL builds (README "Compiled page reads"). */
  compiledReads: boolean;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** A count that cannot be 0 (a window, a number of attempts). */
function positiveIntFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = intFrom(env, name, fallback);
  if (value < 1) throw new Error(`${name} must be at least 1, got "${env[name]}"`);
  return value;
}

function booleanFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

/** A comma-separated list; empty entries dropped. */
function listFrom(env: NodeJS.ProcessEnv, name: string): string[] {
  return (env[name] ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

function logFormatFrom(env: NodeJS.ProcessEnv): LogFormat {
  const raw = env.LOG_FORMAT || 'json';
  if (raw === 'json' || raw === 'pretty') return raw;
  throw new Error(`LOG_FORMAT must be json or pretty, got "${raw}"`);
}

/** Reads the configuration, applying INTERFACE.md defaults. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    host: env.HOST || '127.0.0.1',
    port: intFrom(env, 'PORT', 4000),
    databaseUrl: env.DATABASE_URL || null,
    dataDir: env.DATA_DIR || './.data',
    logLevel: env.LOG_LEVEL || 'info',
    logFormat: logFormatFrom(env),
    metricsToken: env.METRICS_TOKEN || null,
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || null,
    sweepIntervalMs: intFrom(env, 'SWEEP_INTERVAL_MS', 30_000),
    auditCheckpointIntervalMs: intFrom(env, 'AUDIT_CHECKPOINT_INTERVAL_MS', 300_000),
    apiKeyUseIntervalMs: intFrom(env, 'API_KEY_LAST_USED_INTERVAL_MS', 60_000),
    apiKeyCacheTtlMs: intFrom(env, 'API_KEY_CACHE_TTL_MS', 1000),
    eventPollIntervalMs: intFrom(env, 'EVENT_POLL_INTERVAL_MS', 1000),
    subscriberQueueCapacity: intFrom(env, 'SUBSCRIBER_QUEUE_CAPACITY', 1000),
    sequencerTakeoverIntervalMs: intFrom(env, 'SEQUENCER_TAKEOVER_INTERVAL_MS', 1000),
    outboxWritersNotify: booleanFrom(env, 'OUTBOX_WRITERS_NOTIFY', true),
    maxSubscriptionsPerConnection: intFrom(env, 'WS_MAX_SUBSCRIPTIONS', 50),
    outboxRetentionHours: intFrom(env, 'OUTBOX_RETENTION_HOURS', 168),
    planner: {
      url: env.PLANNER_URL || null,
      model: env.PLANNER_MODEL || 'gpt-4o-mini',
      apiKey: env.PLANNER_API_KEY || null,
      timeoutMs: intFrom(env, 'PLANNER_TIMEOUT_MS', 10_000),
    },
    corsOrigins: listFrom(env, 'CORS_ORIGINS'),
    introspection: booleanFrom(env, 'GRAPHQL_INTROSPECTION', true),
    compiledReads: booleanFrom(env, 'GRAPHQL_COMPILED_READS', true),
    retry: {
      maxAttempts: positiveIntFrom(env, 'DB_RETRY_MAX_ATTEMPTS', defaultRetrySettings.maxAttempts),
      baseDelayMs: intFrom(env, 'DB_RETRY_BASE_DELAY_MS', defaultRetrySettings.baseDelayMs),
      maxDelayMs: intFrom(env, 'DB_RETRY_MAX_DELAY_MS', defaultRetrySettings.maxDelayMs),
    },
    limits: {
      maxDepth: intFrom(env, 'QUERY_MAX_DEPTH', 10),
      maxAliases: intFrom(env, 'QUERY_MAX_ALIASES', 30),
      maxCost: intFrom(env, 'QUERY_MAX_COST', 5000),
      maxTokens: intFrom(env, 'QUERY_MAX_TOKENS', 5000),
      maxBatch: intFrom(env, 'QUERY_MAX_BATCH', 1),
    },
    rateLimits: {
      windowSeconds: positiveIntFrom(env, 'RATE_LIMIT_WINDOW_SECONDS', 1),
      operationsPerKey: intFrom(env, 'RATE_LIMIT_KEY_OPERATIONS', 1000),
      operationsPerTenant: intFrom(env, 'RATE_LIMIT_TENANT_OPERATIONS', 2000),
      subscriptionsPerKey: intFrom(env, 'RATE_LIMIT_KEY_SUBSCRIPTIONS', 1000),
      subscriptionsPerTenant: intFrom(env, 'RATE_LIMIT_TENANT_SUBSCRIPTIONS', 2000),
    },
  };
}
