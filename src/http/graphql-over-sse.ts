// GraphQL over Server-Sent Events (the graphql-sse protocol, distinct connections mode) on
// /graphql/stream: authenticated by the same Authorization header as HTTP (401 without a valid key),
// limited (query and rate limits: 429 with Retry-After) and shaped as every other transport. A
// stream the server ends (key revoked or expired, shutdown, too slow) ends with one last `next` carrying the
// typed error — with `resumeAfter` where it applies — and then `complete`, so an SSE client learns
// why and where to resume, as a graphql-ws client does.
import type { Request as ExpressRequest, RequestHandler } from 'express';
import { getOperationAST, GraphQLError, type ExecutionResult } from 'graphql';
import type { OperationArgs, Response as SseResponse } from 'graphql-sse';
import { createHandler } from 'graphql-sse/lib/use/express';
import type { Logger } from 'pino';
import type { Session } from '../resolvers/context.js';
import type { GovernanceRuntime } from '../runtime/governance-runtime.js';
import { ensureError, type GovernanceError, UnauthenticatedError } from '../runtime/errors.js';
import { bearerChallenge, openSession } from './authentication.js';
import type { OperationRunner } from './operation-runner.js';
import { RateLimitedError, type RateLimiter, type Release } from './rate-limits.js';
import { requestIdOf } from './request-ids.js';
import { whenKeyExpires } from './key-expiry.js';
import { endingError } from '../delivery/live-sink.js';
import type { Principal } from '../runtime/request-context.js';

/** Where the SSE transport is served. */
export const SSE_PATH = '/graphql/stream';

/** The handler of {@link SSE_PATH}. */
export function graphqlOverSse(runner: OperationRunner, runtime: GovernanceRuntime, rateLimiter: RateLimiter, logger: Logger): RequestHandler {
  const sessions = new WeakMap<ExpressRequest, { session: Session; requestId: string }>();
  // The place each streaming subscription holds (rate limits), by its context (set in onSubscribe).
  const places = new WeakMap<object, Release>();
  // Whose key each operation runs under (its expiry ends the stream), by its context.
  const principals = new WeakMap<object, Principal>();
  return createHandler<SseContext>({
    // A valid key is required for every request; no token means the distinct connections mode only.
    authenticate: async (req) => {
      const requestId = requestIdOf(req.raw.res!);
      const authorization = req.headers.get('authorization');
      try {
        sessions.set(req.raw, { session: await openSession(runtime, authorization, { requestId, logger: logger.child({ requestId }) }), requestId });
        return null;
      } catch (error) {
        return jsonError(401, 'Unauthorized', [ensureError(error)], requestId, { 'www-authenticate': bearerChallenge(authorization) });
      }
    },
    onSubscribe: async (req, params) => {
      const known = sessions.get(req.raw);
      if (!known) return jsonError(401, 'Unauthorized', [new UnauthenticatedError()], requestIdOf(req.raw.res!), { 'www-authenticate': bearerChallenge(undefined) });
      const context = runner.contextFor(known.session, known.requestId, known.session.request.logger);
      const prepared = runner.prepare({ query: params.query, operationName: params.operationName, variables: params.variables }, context);
      if (Array.isArray(prepared)) return jsonError(400, 'Bad Request', prepared.map((error) => runner.toClientError(error)), known.requestId);
      const { principal } = known.session.request;
      try {
        await rateLimiter.admitOperation(principal);
        if (getOperationAST(prepared.document, prepared.operationName)?.operation === 'subscription') places.set(context, rateLimiter.holdSubscription(principal));
      } catch (error) {
        if (error instanceof RateLimitedError) return jsonError(429, 'Too Many Requests', [runner.toClientError(error)], known.requestId, { 'retry-after': String(error.retryAfter) });
        throw error;
      }
      principals.set(context, principal);
      return prepared as OperationArgs<SseContext>;
    },
    execute: (args) => runner.execute(args),
    subscribe: async (args) => {
      const release = places.get(args.contextValue) ?? (() => {});
      const result = await runner.subscribe(args);
      if (!(Symbol.asyncIterator in result)) {
        release();
        return result;
      }
      return endingWithTypedError(result, runner, release, (expire) => whenKeyExpires(runtime, principals.get(args.contextValue)!, expire));
    },
  });
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** graphql-sse's view of our GraphQLContext (it only passes it through). */
type SseContext = Record<PropertyKey, unknown>;

/** A refusal before the stream starts: JSON errors, each with the request id. */
function jsonError(status: number, statusText: string, errors: readonly Error[], requestId: string, headers: Record<string, string> = {}): SseResponse {
  const shaped = errors.map((error) => {
    const json = (error instanceof GraphQLError ? error : new GraphQLError(error.message)).toJSON();
    return { ...json, extensions: { ...json.extensions, requestId } };
  });
  return [JSON.stringify({ errors: shaped }), { status, statusText, headers: { ...JSON_HEADERS, ...headers } }];
}

/** The stream's results; an error that ends it becomes one last result carrying it, shaped for
 * clients. return() reaches the source at once, even while a next() waits for a live event.
 * `onEnd` runs once the stream has ended, whichever way; `untilExpiry` arms the end at the key's
 * expiry (it returns how to disarm it): the source is returned, so a waiting next() wakes and the
 * stream ends with the expiry's error instead of whatever the source had. */
function endingWithTypedError(
  results: AsyncIterableIterator<ExecutionResult>,
  runner: OperationRunner,
  onEnd: () => void,
  untilExpiry: (expire: () => void) => () => void,
): AsyncIterableIterator<ExecutionResult> {
  let ended = false;
  let expired: GovernanceError | null = null;
  const disarm = untilExpiry(() => {
    expired = endingError({ kind: 'expired' }, 0n);
    void results.return?.();
  });
  const finish = () => {
    ended = true;
    disarm();
    onEnd();
  };
  const end = async (): Promise<IteratorReturnResult<undefined>> => {
    finish();
    await results.return?.();
    return { done: true, value: undefined };
  };
  return {
    next: async () => {
      if (ended) return { done: true, value: undefined };
      try {
        const result = await results.next();
        if (expired) throw expired;
        if (result.done) finish();
        return result;
      } catch (thrown) {
        finish();
        void results.return?.();
        const error = thrown instanceof GraphQLError ? thrown : new GraphQLError(ensureError(thrown).message, { originalError: ensureError(thrown) });
        return { done: false, value: { errors: [runner.toClientError(error)] } };
      }
    },
    return: end,
    throw: async (error?: unknown) => {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
