// graphql-ws on the HTTP server's port: the API key comes in connectionParams (refused without a
// valid one), the same query and rate limits as HTTP are applied in onSubscribe, and subscribers
// that asked the same thing share each event's execution. A revoked key's sockets are closed (4401)
// when the revocation reaches this instance, an expired key's when it expires; at shutdown every operation first ends with
// UNAVAILABLE and `resumeAfter`, then the sockets close (1001).
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { getOperationAST, type ExecutionArgs, type GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventDelivery } from '../delivery/event-stream.js';
import type { Session } from '../resolvers/context.js';
import type { GovernanceRuntime } from '../runtime/governance-runtime.js';
import { openSession } from './authentication.js';
import { whenKeyExpires } from './key-expiry.js';
import type { FrameTarget } from './frame-groups.js';
import type { OperationRunner } from './operation-runner.js';
import { RateLimitedError, type RateLimiter, type Release } from './rate-limits.js';

type ConnectionExtra = {
  session?: Session;
  connectionId: string;
  /** The operations running on this connection, by id, with the release of their subscription's place (rate limits). */
  operations?: Map<string, Release>;
  /** Cancels the close at the key's expiry. */
  stopExpiry?: () => void;
};

/** Close codes this server sends (README "Subscriptions"). */
export const WsCloseCodes = {
  /** No valid key in connectionParams.authorization, or the key was revoked or expired. */
  unauthorized: 4401,
  /** Server shutdown (graphql-ws's own): operations ended first with UNAVAILABLE and resumeAfter. */
  goingAway: 1001,
} as const;

/** How long shutdown waits for operations to deliver their closing error before closing sockets. */
const DRAIN_MS = 2_000;

/** Starts graphql-ws on `/graphql` of the given HTTP server; returns its disposer. */
export function serveSubscriptions(options: {
  httpServer: Server;
  runner: OperationRunner;
  runtime: GovernanceRuntime;
  delivery: EventDelivery;
  logger: Logger;
  rateLimiter: RateLimiter;
  maxOperationsPerConnection: number;
}): () => Promise<void> {
  const { httpServer, runner, runtime, delivery, logger } = options;
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const sockets = new SocketsByKey();
  const stopWatchingRevocations = delivery.hub.onRevocation((apiKeyId) => sockets.close(apiKeyId, WsCloseCodes.unauthorized, 'Unauthorized: the API key was revoked'));
  const connections = new Set<{ subscriptions: Record<string, unknown> }>();
  // Where each subscription operation's frames go, by its context (set in onSubscribe).
  const frameTargets = new WeakMap<object, FrameTarget>();
  const cleanup = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      onConnect: async (ctx) => {
        ctx.extra.connectionId = randomUUID();
        try {
          ctx.extra.session = await openSession(runtime, authorizationParam(ctx.connectionParams), { requestId: ctx.extra.connectionId, logger });
        } catch {
          ctx.extra.socket.close(WsCloseCodes.unauthorized, 'Unauthorized: a valid API key is required in connectionParams.authorization');
          return false;
        }
        const { principal } = ctx.extra.session.request;
        sockets.add(principal.apiKeyId, ctx.extra.socket);
        ctx.extra.stopExpiry = whenKeyExpires(runtime, principal, () => ctx.extra.socket.close(WsCloseCodes.unauthorized, 'Unauthorized: the API key expired'));
        connections.add(ctx);
        return true;
      },
      onClose: (ctx) => {
        connections.delete(ctx);
        ctx.extra.stopExpiry?.();
        for (const release of operationsOf(ctx.extra).values()) release();
        if (ctx.extra.session) sockets.remove(ctx.extra.session.request.principal.apiKeyId, ctx.extra.socket);
      },
      // Refusals are returned raw (with Apollo's codes) and shaped once, in onError.
      onSubscribe: async (ctx, id, payload) => {
        const requestId = randomUUID();
        const context = runner.contextFor(ctx.extra.session ?? null, requestId, logger.child({ requestId, connectionId: ctx.extra.connectionId }));
        const prepared = runner.prepare(payload, context);
        if (Array.isArray(prepared)) return prepared;
        const principal = ctx.extra.session!.request.principal;
        try {
          await options.rateLimiter.admitOperation(principal);
          // Counted and taken with no await in between, so a burst of operations cannot overrun it.
          if (operationsOf(ctx.extra).size >= options.maxOperationsPerConnection) {
            return [new RateLimitedError('maxOperationsPerConnection', options.maxOperationsPerConnection, 1, `A connection may run at most ${options.maxOperationsPerConnection} operations at once`)];
          }
          operationsOf(ctx.extra).set(id, isSubscription(prepared) ? options.rateLimiter.holdSubscription(principal) : () => {});
        } catch (error) {
          if (error instanceof RateLimitedError) return [error];
          throw error;
        }
        frameTargets.set(context, { operationId: id, socket: ctx.extra.socket });
        // Returned, so graphql-ws neither parses nor validates the document again.
        return prepared;
      },
      onComplete: (ctx, id) => {
        operationsOf(ctx.extra).get(id)?.();
        operationsOf(ctx.extra).delete(id);
      },
      execute: (args) => runner.execute(args),
      subscribe: (args) => runner.subscribe(args, frameTargets.get(args.contextValue as object)),
      onError: (_ctx, _id, _payload, errors) => errors.map((error: GraphQLError) => runner.toClientError(error)),
    },
    wsServer,
  );
  return async () => {
    stopWatchingRevocations();
    await untilOperationsEnd(connections, DRAIN_MS);
    await closeSockets([...wsServer.clients], WsCloseCodes.goingAway, 'Going away: the server is shutting down', DRAIN_MS);
    await cleanup.dispose();
  };
}

/** The `authorization` connection parameter, whatever its case (Apollo and Hasura clients send
 * `Authorization`, as the HTTP header is written). */
export function authorizationParam(params: Record<string, unknown> | undefined): unknown {
  const name = Object.keys(params ?? {}).find((key) => key.toLowerCase() === 'authorization');
  return name === undefined ? undefined : params![name];
}

function operationsOf(extra: Partial<ConnectionExtra>): Map<string, Release> {
  extra.operations ??= new Map();
  return extra.operations;
}

function isSubscription(args: ExecutionArgs): boolean {
  return getOperationAST(args.document, args.operationName)?.operation === 'subscription';
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

/** Closes the sockets and waits (at most `limitMs`) for their closing handshakes, so clients see the code. */
async function closeSockets(sockets: readonly WebSocket[], code: number, reason: string, limitMs: number): Promise<void> {
  const closed = sockets.map((socket) => new Promise<void>((resolve) => {
    if (socket.readyState === socket.CLOSED) return resolve();
    socket.once('close', () => resolve());
    socket.close(code, reason);
  }));
  await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, limitMs).unref())]);
}

/** Waits until no connection runs an operation (their closing errors are sent), or `limitMs` passes. */
async function untilOperationsEnd(connections: ReadonlySet<{ subscriptions: Record<string, unknown> }>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  const running = () => [...connections].some((connection) => Object.keys(connection.subscriptions).length > 0);
  while (running() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}
