// graphql-ws on the HTTP server's port: the API key comes in connectionParams (refused without a
// valid one), the same query limits as HTTP are applied in onSubscribe, and subscribers that asked
// the same thing share each event's execution. A revoked key's sockets are closed (4401) when the
// revocation reaches this instance; at shutdown every operation first ends with UNAVAILABLE and
// `resumeAfter`, then the sockets close (1001).
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { GraphQLError, parse, print, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventDelivery } from '../delivery/event-stream.js';
import type { GraphQLContext, Session } from '../resolvers/context.js';
import { GovernanceError } from '../runtime/errors.js';
import type { GovernanceRuntime } from '../runtime/governance-runtime.js';
import { openSession } from './authentication.js';
import { formatError, logUnexpectedErrors } from './error-formatting.js';
import { executePresented, sharedSubscribe } from './shared-subscription-execution.js';

type ConnectionExtra = {
  session?: Session;
  connectionId: string;
  /** Ids of the operations running on this connection. */
  operations?: Set<string>;
};

/** Close codes this server sends (README "Subscriptions"). */
export const WsCloseCodes = {
  /** No valid key in connectionParams.authorization, or the key was revoked. */
  unauthorized: 4401,
  /** Server shutdown (graphql-ws's own): operations ended first with UNAVAILABLE and resumeAfter. */
  goingAway: 1001,
} as const;

/** How long shutdown waits for operations to deliver their closing error before closing sockets. */
const DRAIN_MS = 2_000;

/** Starts graphql-ws on `/graphql` of the given HTTP server; returns its disposer. */
export function serveSubscriptions(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  runtime: GovernanceRuntime;
  delivery: EventDelivery;
  logger: Logger;
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  maxOperationsPerConnection: number;
}): () => Promise<void> {
  const { httpServer, schema, runtime, delivery, logger } = options;
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const rules = [...specifiedRules, ...options.validationRules];
  const sockets = new SocketsByKey();
  const stopWatchingRevocations = delivery.hub.onRevocation((apiKeyId) => sockets.close(apiKeyId, WsCloseCodes.unauthorized, 'Unauthorized: the API key was revoked'));
  const connections = new Set<{ subscriptions: Record<string, unknown> }>();
  const cleanup = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      schema,
      onConnect: async (ctx) => {
        ctx.extra.connectionId = randomUUID();
        try {
          ctx.extra.session = await openSession(runtime, authorizationParam(ctx.connectionParams), { requestId: ctx.extra.connectionId, logger });
        } catch {
          ctx.extra.socket.close(WsCloseCodes.unauthorized, 'Unauthorized: a valid API key is required in connectionParams.authorization');
          return false;
        }
        sockets.add(ctx.extra.session.request.principal.apiKeyId, ctx.extra.socket);
        connections.add(ctx);
        return true;
      },
      onClose: (ctx) => {
        connections.delete(ctx);
        if (ctx.extra.session) sockets.remove(ctx.extra.session.request.principal.apiKeyId, ctx.extra.socket);
      },
      // Refusals are returned raw (with Apollo's codes) and shaped once, in onError.
      onSubscribe: (ctx, id, payload) => {
        if (operationsOf(ctx.extra).size >= options.maxOperationsPerConnection) {
          return [new GovernanceError('RATE_LIMITED', `A connection may run at most ${options.maxOperationsPerConnection} operations at once`, { limit: 'maxOperationsPerConnection' })];
        }
        const document = parseDocument(payload.query, options.maxTokens);
        if (document instanceof GraphQLError) return [withDefaultCode(document, 'GRAPHQL_PARSE_FAILED')];
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors.map((error) => withDefaultCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        operationsOf(ctx.extra).add(id);
        // Returned, so graphql-ws neither parses nor validates the document again.
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      onComplete: (ctx, id) => {
        operationsOf(ctx.extra).delete(id);
      },
      context: (ctx): GraphQLContext => {
        const requestId = randomUUID();
        const operationLogger = logger.child({ requestId, connectionId: ctx.extra.connectionId });
        const principal = ctx.extra.session?.request.principal;
        if (!principal) return { requestId, logger: operationLogger, runtime, delivery, session: null };
        const request = { principal, requestId, logger: operationLogger };
        return { requestId, logger: operationLogger, runtime, delivery, session: { request, loaders: runtime.loaders(request) } };
      },
      execute: (args) => executePresented(args, present),
      // What a selection resolves to depends on the document, its variables and the caller's tenant
      // and role (permissions), nothing else: those subscribers share one execution per event.
      subscribe: sharedSubscribe({
        keyOf: (args) => {
          const principal = contextOf(args).session?.request.principal;
          return JSON.stringify([principal?.tenantId, principal?.role, print(args.document), args.operationName ?? null, args.variableValues ?? {}]);
        },
        contextFor: (args) => {
          const context = contextOf(args);
          return context.session ? { ...context, session: { ...context.session, loaders: runtime.loaders(context.session.request) } } : context;
        },
        present,
      }),
      onError: (_ctx, _id, _payload, errors) => errors.map(toClientError),
    },
    wsServer,
  );
  return async () => {
    stopWatchingRevocations();
    await untilOperationsEnd(connections, DRAIN_MS);
    await cleanup.dispose();
  };
}

/** The open sockets of each API key. */
class SocketsByKey {
  private readonly byKey = new Map<string, Set<WebSocket>>();

  add(apiKeyId: string, socket: WebSocket): void {
    const sockets = this.byKey.get(apiKeyId) ?? new Set();
    this.byKey.set(apiKeyId, sockets.add(socket));
  }

  remove(apiKeyId: string, socket: WebSocket): void {
    const sockets = this.byKey.get(apiKeyId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.byKey.delete(apiKeyId);
  }

  close(apiKeyId: string, code: number, reason: string): void {
    for (const socket of this.byKey.get(apiKeyId) ?? []) socket.close(code, reason);
    this.byKey.delete(apiKeyId);
  }
}

/** Waits until no connection runs an operation (their closing errors are sent), or `limitMs` passes. */
async function untilOperationsEnd(connections: ReadonlySet<{ subscriptions: Record<string, unknown> }>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  const running = () => [...connections].some((connection) => Object.keys(connection.subscriptions).length > 0);
  while (running() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Every result a client receives over graphql-ws: unexpected errors logged, then shaped as HTTP does. */
function present(result: ExecutionResult, context: unknown): ExecutionResult {
  if (!result.errors) return result;
  logUnexpectedErrors((context as GraphQLContext).logger, result.errors);
  return { ...result, errors: result.errors.map(toClientError) };
}

/** The `authorization` connection parameter, whatever its case (Apollo and Hasura clients send
 * `Authorization`, as the HTTP header is written). */
export function authorizationParam(params: Record<string, unknown> | undefined): unknown {
  const name = Object.keys(params ?? {}).find((key) => key.toLowerCase() === 'authorization');
  return name === undefined ? undefined : params![name];
}

function contextOf(args: ExecutionArgs): GraphQLContext {
  return args.contextValue as GraphQLContext;
}

function operationsOf(extra: Partial<ConnectionExtra>): Set<string> {
  extra.operations ??= new Set();
  return extra.operations;
}

function parseDocument(query: string, maxTokens: number): DocumentNode | GraphQLError {
  try {
    return parse(query, { maxTokens });
  } catch (error) {
    return error instanceof GraphQLError ? error : new GraphQLError('Syntax Error: could not parse the document');
  }
}

/** Shapes a parse or validation error as HTTP does: Apollo's code, field suggestions hidden (as
 * graphql-armor does); domain refusals (query limits) keep theirs. */
function withDefaultCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code) return error;
  const message = error.message.replace(/Did you mean ".+"\?/g, '[Suggestion hidden]').trim();
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, originalError: error.originalError, extensions: { ...error.extensions, code } });
}

function toClientError(error: GraphQLError): GraphQLError {
  const formatted = formatError(error.toJSON(), error);
  return new GraphQLError(formatted.message, { path: formatted.path, extensions: formatted.extensions });
}
