// Composition of the HTTP side: Express 5 + Apollo Server 5 on /graphql, graphql-ws on the same
// port, health, metrics and the local GraphiQL. Returns a handle that drains and closes it all.
import { randomUUID } from 'node:crypto';
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
import { authenticationPlugin } from './http/authentication.js';
import { consoleRoutes } from './http/console.js';
import { formatError, unexpectedErrorLogging } from './http/error-formatting.js';
import { graphiqlRoutes } from './http/graphiql.js';
import { graphqlOverSse, SSE_PATH } from './http/graphql-over-sse.js';
import { httpSubscriptionRefusal } from './http/http-subscription-refusal.js';
import { makeOperationRunner } from './http/operation-runner.js';
import { healthRoutes } from './http/health.js';
import type { Metrics } from './http/metrics.js';
import { batchLimit, makeQueryArmor, type QueryLimits } from './http/query-limits.js';
import { serveSubscriptions } from './http/subscriptions.js';
import type { GraphQLContext } from './resolvers/context.js';
import type { GovernanceRuntime } from './runtime/governance-runtime.js';
import { buildGovernanceSchema } from './schema/build-schema.js';

/** What the HTTP side is composed from. */
export interface ServerDeps {
  runtime: GovernanceRuntime;
  delivery: EventDelivery;
  dataSource: DataSource;
  logger: Logger;
  metrics: Metrics;
  limits: QueryLimits;
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
  const runner = makeOperationRunner({ schema, runtime, delivery, validationRules: armor.validationRules, maxTokens: limits.maxTokens, maxCost: limits.maxCost, logger });
  const disposeSubscriptions = serveSubscriptions({ httpServer, runner, runtime, delivery, logger, maxOperationsPerConnection: deps.maxOperationsPerConnection });
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: limits.maxBatch > 1,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    formatError,
    plugins: [
      ...armor.plugins,
      httpSubscriptionRefusal,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are declared: its per-field hook would only cost time.
      ApolloServerPluginCacheControlDisabled(),
      authenticationPlugin(runtime, limits),
      metrics.apolloPlugin,
      unexpectedErrorLogging,
    ],
  });
  await apollo.start();

  app.use(healthRoutes(deps.dataSource));
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(graphiqlRoutes());
  app.use(consoleRoutes());
  app.use(SSE_PATH, express.json({ limit: '1mb' }), graphqlOverSse(runner, runtime, logger));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    batchLimit(limits),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = req.get('x-request-id') || randomUUID();
        res.setHeader('x-request-id', requestId);
        return { requestId, logger: logger.child({ requestId }), runtime, delivery, session: null };
      },
    }),
  );

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
