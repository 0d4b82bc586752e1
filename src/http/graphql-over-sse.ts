// GraphQL over Server-Sent Events (the graphql-sse protocol, distinct connections mode) on
// /graphql/stream: authenticated by the same Authorization header as HTTP (401 without a valid key),
// limited and shaped as every other transport. A stream the server ends (key revoked, shutdown, too
// slow) ends with one last `next` carrying the typed error — with `resumeAfter` where it applies — and
// then `complete`, so an SSE client learns why and where to resume, as a graphql-ws client does.
import type { Request as ExpressRequest, RequestHandler } from 'express';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { OperationArgs, Response as SseResponse } from 'graphql-sse';
import { createHandler } from 'graphql-sse/lib/use/express';
import type { Logger } from 'pino';
import type { Session } from '../resolvers/context.js';
import type { GovernanceRuntime } from '../runtime/governance-runtime.js';
import { ensureError, UnauthenticatedError } from '../runtime/errors.js';
import { requestIdOf } from './access-log.js';
import { openSession } from './authentication.js';
import type { OperationRunner } from './operation-runner.js';

/** Where the SSE transport is served. */
export const SSE_PATH = '/graphql/stream';

/** The handler of {@link SSE_PATH}. */
export function graphqlOverSse(runner: OperationRunner, runtime: GovernanceRuntime, logger: Logger): RequestHandler {
  const sessions = new WeakMap<ExpressRequest, { session: Session; requestId: string }>();
  return createHandler<SseContext>({
    // A valid key is required for every request; no token means the distinct connections mode only.
    authenticate: async (req) => {
      const requestId = requestIdOf(req.raw);
      try {
        sessions.set(req.raw, { session: await openSession(runtime, req.headers.get('authorization'), { requestId, logger: logger.child({ requestId }) }), requestId });
        return null;
      } catch (error) {
        return jsonError(401, 'Unauthorized', ensureError(error), { 'www-authenticate': 'Bearer' });
      }
    },
    onSubscribe: (req, params) => {
      const known = sessions.get(req.raw);
      if (!known) return jsonError(401, 'Unauthorized', new UnauthenticatedError(), { 'www-authenticate': 'Bearer' });
      const context = runner.contextFor(known.session, known.requestId, known.session.request.logger);
      const prepared = runner.prepare({ query: params.query, operationName: params.operationName, variables: params.variables }, context);
      if (Array.isArray(prepared)) return [JSON.stringify({ errors: prepared.map((error) => runner.toClientError(error)) }), { status: 400, statusText: 'Bad Request', headers: JSON_HEADERS }];
      return prepared as OperationArgs<SseContext>;
    },
    execute: (args) => runner.execute(args),
    subscribe: async (args) => {
      const result = await runner.subscribe(args);
      return Symbol.asyncIterator in result ? endingWithTypedError(result, runner) : result;
    },
  });
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** graphql-sse's view of our GraphQLContext (it only passes it through). */
type SseContext = Record<PropertyKey, unknown>;

function jsonError(status: number, statusText: string, error: Error, headers: Record<string, string> = {}): SseResponse {
  const clientError = error instanceof GraphQLError ? error : new GraphQLError(error.message);
  return [JSON.stringify({ errors: [clientError.toJSON()] }), { status, statusText, headers: { ...JSON_HEADERS, ...headers } }];
}

/** The stream's results; an error that ends it becomes one last result carrying it, shaped for
 * clients. return() reaches the source at once, even while a next() waits for a live event. */
function endingWithTypedError(results: AsyncIterableIterator<ExecutionResult>, runner: OperationRunner): AsyncIterableIterator<ExecutionResult> {
  let ended = false;
  const end = async (): Promise<IteratorReturnResult<undefined>> => {
    ended = true;
    await results.return?.();
    return { done: true, value: undefined };
  };
  return {
    next: async () => {
      if (ended) return { done: true, value: undefined };
      try {
        return await results.next();
      } catch (thrown) {
        ended = true;
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
