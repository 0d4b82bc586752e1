// Composition of the HTTP side: Express 5 + Apollo Server 5 on /graphql, graphql-ws on the same
// port, health, metrics and the local GraphiQL. Returns a handle that drains and closes it all.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Logger } from 'pino';
import type { EventDelivery } from './delivery/event-stream.js';
import type { DataSource } from 'typeorm';
import { accessLog, accessLogPlugin, operationFactsOf } from './http/access-log.js';
import { authenticationPlugin } from './http/authentication.js';
import { compiledReadsPlugin, stringifyResult } from './http/compiled-reads.js';
import { consoleRoutes } from './http/console.js';
import { corsFor } from './http/cors.js';
import { csrfPrevention } from './http/csrf.js';
import { formatHttpError, unexpectedErrorLogging } from './http/error-formatting.js';
import { httpErrorHandler, requireJsonBody, unknownRoute } from './http/http-errors.js';
import { introspectionRules } from './http/introspection.js';
import { requestErrorStatus } from './http/response-status.js';
import { assignRequestId, requestIdOf, requestIdScope } from './http/request-ids.js';
import { graphiqlRoutes } from './http/graphiql.js';
import { graphqlOverSse, SSE_PATH } from './http/graphql-over-sse.js';
import { httpSubscriptionRefusal } from './http/http-subscription-refusal.js';
import { makeOperationRunner } from './http/operation-runner.js';
import { healthRoutes } from './http/health.js';
import { metricsRoute, type Metrics } from './http/metrics.js';
import { batchLimit, makeQueryArmor, type QueryLimits } from './http/query-limits.js';
import { makeRateLimiter, type RateLimits } from './http/rate-limits.js';
import { serveSubscriptions } from './http/subscriptions.js';
import type { GraphQLContext } from './resolvers/context.js';
import type { GovernanceRuntime } from './runtime/governance-runtime.js';
import { buildGovernanceSchema } from './schema/build-schema.js';
import { graphqlSpanPlugin, graphqlSpans, httpSpans } from './telemetry/http-spans.js';

/** What the HTTP side is composed from. */
export interface ServerDeps {
  runtime: GovernanceRuntime;
  delivery: EventDelivery;
  dataSource: DataSource;
  logger: Logger;
  metrics: Metrics;
  /** The bearer token /metrics requires; null leaves it open. */
  metricsToken: string | null;
  /** Whether a tracer provider is registered: then requests and operations get spans. */
  tracing: boolean;
  limits: QueryLimits;
  /** Operations and subscriptions per API key and per tenant (on every transport). */
  rateLimits: RateLimits;
  /** Browser origins allowed by CORS (none: CORS off). */
  corsOrigins: readonly string[];
  introspection: boolean;
  /** Whether page fields of queries are answered with the JSON PostgreSQL builds (compiled-reads.ts). */
  compiledReads: boolean;
  /** Operations (subscriptions) one WebSocket connection may run at once. */
  maxOperationsPerConnection: number;
  host: string;
  port: number;
}

/** A listening server. */
export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts HTTP and graphql-ws on one port. */
export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { runtime, delivery, logger, metrics, limits } = deps;
  const schema = await buildGovernanceSchema();
  const app = express();
  const httpServer = createServer(app);
  const armor = makeQueryArmor(limits);
  const validationRules = [...armor.validationRules, ...introspectionRules(deps.introspection)];
  const rateLimiter = makeRateLimiter(deps.rateLimits, metrics.countRateLimited);
  const runner = makeOperationRunner({ schema, runtime, delivery, validationRules, maxTokens: limits.maxTokens, maxCost: limits.maxCost, logger });
  const disposeSubscriptions = serveSubscriptions({ httpServer, runner, runtime, delivery, logger, rateLimiter, maxOperationsPerConnection: deps.maxOperationsPerConnection });
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    validationRules,
    introspection: true,
    csrfPrevention,
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: limits.maxBatch > 1,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    formatError: formatHttpError,
    stringifyResult,
    plugins: [
      ...armor.plugins,
      httpSubscriptionRefusal,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are declared: its per-field hook would only cost time.
      ApolloServerPluginCacheControlDisabled(),
      authenticationPlugin(runtime, limits, rateLimiter),
      metrics.apolloPlugin,
      accessLogPlugin,
      ...(deps.tracing ? [graphqlSpanPlugin] : []),
      unexpectedErrorLogging,
      requestErrorStatus,
      ...(deps.compiledReads ? [compiledReadsPlugin(metrics.countCompiledRead)] : []),
    ],
  });
  await apollo.start();

  app.use(assignRequestId);
  app.use(accessLog(logger));
  if (deps.tracing) app.use(httpSpans());
  app.use(healthRoutes(deps.dataSource));
  app.get('/metrics', metricsRoute(metrics, deps.metricsToken));
  app.use(graphiqlRoutes());
  app.use(consoleRoutes());
  app.use('/graphql', corsFor(deps.corsOrigins));
  app.use(SSE_PATH, requireJsonBody, express.json({ limit: '1mb' }), graphqlOverSse(runner, runtime, rateLimiter, logger));
  app.use(
    '/graphql',
    requireJsonBody,
    express.json({ limit: '1mb' }),
    requestIdScope,
    batchLimit(limits),
    ...graphqlSpans(deps.tracing),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const requestId = requestIdOf(res);
        return { requestId, logger: logger.child({ requestId }), runtime, delivery, session: null, operationFacts: operationFactsOf(res) };
      },
    }),
  );
  app.use(unknownRoute);
  app.use(httpErrorHandler(logger));

  await new Promise<void>((resolve) => httpServer.listen(deps.port, deps.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${deps.host}:${port}/graphql`,
    port,
    // WebSockets first: Apollo's drain would cut them (they carry no request), so clients would
    // never see their closing errors and close code.
    close: async () => {
      await disposeSubscriptions();
      await apollo.stop();
    },
  };
}
