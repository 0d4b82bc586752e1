// A real server for one test file: its own database (cloned from the migrated template), the real
// composition (runtime, Apollo, graphql-ws) on a free port, a manual clock, and a GraphQL client.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { readConfig, type ServerConfig } from '../../src/config.js';
import { openDatabase, type OpenDatabase } from '../../src/database/open-database.js';
import { makeMetrics } from '../../src/http/metrics.js';
import type { QueryLimits } from '../../src/http/query-limits.js';
import { ManualClock } from '../../src/runtime/clock.js';
import { ConflictError } from '../../src/runtime/errors.js';
import type { CompletionStep } from '../../src/runtime/completion/completion-step.js';
import type { GovernanceRuntime } from '../../src/runtime/governance-runtime.js';
import { createTestDatabase, ownerDataSource } from './databases.js';

/** A GraphQL response as the client sees it. */
export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** A running server for tests. */
export interface TestServer {
  url: string;
  clock: ManualClock;
  runtime: GovernanceRuntime;
  /** The server's database, but its `dataSource` is the owner's, for tests to arrange and inspect
   * rows of every tenant (the server itself queries as the restricted role, see app-role.ts). */
  database: OpenDatabase;
  /** The pool the server itself queries with (as the restricted role), for connection checks. */
  serverDataSource: DataSource;
  /** The running instance (event delivery, server). */
  app: RunningApp;
  /** Mints a key for a principal with a role in a tenant (default tenant `default`), creating the tenant when it is new. */
  key(role: 'viewer' | 'operator' | 'approver' | 'admin', principal: string, tenant?: string): Promise<string>;
  /** Sends one GraphQL request over HTTP. */
  gql<TResult, TVariables>(key: string | null, document: TypedDocumentNode<TResult, TVariables> | DocumentNode | string, variables?: TVariables): Promise<GraphQLResponse<TResult>>;
  /** SQL statements sent so far (from the server's own metric). */
  statements(): Promise<number>;
  /** Starts another instance on the same database (its own delivery, HTTP and WS server), with the same configuration but `config`'s; stopped by close() unless stopped before. */
  startInstance(config?: Partial<Omit<ServerConfig, 'limits'>>): Promise<RunningApp>;
  close(): Promise<void>;
}

/** Starts a server on a fresh database (or on `databaseUrl`'s, which it migrates and leaves in place). */
export async function startTestServer(
  options: {
    limits?: Partial<QueryLimits>;
    config?: Partial<Omit<ServerConfig, 'limits'>>;
    completionSteps?: readonly CompletionStep[];
    /** A tracer provider is registered (telemetry/tracing). */
    tracing?: boolean;
    /** A database of the test's own (e.g. on a cluster it stops and starts) instead of a clone of the template. */
    databaseUrl?: string;
  } = {},
): Promise<TestServer> {
  const testDatabase = options.databaseUrl ? { url: options.databaseUrl, drop: async () => {} } : await createTestDatabase(inject('adminDatabaseUrl'), inject('templateDatabase'));
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const metrics = makeMetrics();
  const database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: '', logger, onStatement: metrics.countStatement, traceStatements: options.tracing });
  const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
  const defaults = readConfig({});
  const config = { ...defaults, port: 0, sweepIntervalMs: 0, auditCheckpointIntervalMs: 0, apiKeyUseIntervalMs: 0, apiKeyCacheTtlMs: 0, ...options.config, limits: { ...defaults.limits, ...options.limits } };
  const app = await startApp({ database, clock, logger, metrics, config, completionSteps: options.completionSteps, tracing: options.tracing });
  const owner = await ownerDataSource(testDatabase.url);
  const { runtime, server } = app;
  const instances: RunningApp[] = [];
  return {
    url: server.url,
    clock,
    runtime,
    database: { ...database, dataSource: owner },
    serverDataSource: database.dataSource,
    key: async (role, principal, tenant = 'default') => {
      await runtime.createTenant({ id: tenant }).catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error;
      });
      return (await runtime.createApiKey({ tenantId: tenant, role, principal })).key;
    },
    gql: async (key, document, variables) => {
      const query = typeof document === 'string' ? document : print(document);
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<never>;
    },
    statements: async () => (await metrics.registry.getSingleMetric('db_statements_total')!.get()).values[0]?.value ?? 0,
    app,
    startInstance: async (overrides = {}) => {
      const instance = await startApp({ database, clock, logger, metrics: makeMetrics(), config: { ...config, ...overrides }, completionSteps: options.completionSteps });
      const stop = instance.stop;
      let stopped: Promise<void> | null = null;
      const once = { ...instance, stop: () => (stopped ??= stop()) };
      instances.push(once);
      return once;
    },
    close: async () => {
      await Promise.all(instances.map((instance) => instance.stop()));
      await app.stop();
      await owner.destroy();
      await database.close();
      await testDatabase.drop();
    },
  };
}
