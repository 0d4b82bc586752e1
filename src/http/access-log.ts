// Access log: one line per HTTP request (pino-http), written when the response ends or the client
// goes away: request id, method, path, status, duration and, for GraphQL, tenant, principal and the
// operation (its bounded label, and the name the client gave it). The request id is the one
// request-ids.ts assigned (mount this after it), so every line of a request names the same id.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { GraphQLContext, OperationFacts } from '../resolvers/context.js';
import { operationLabel } from './operation-label.js';
import { requestIdOf } from './request-ids.js';
/** The longest client-given operation name logged. */
const MAX_OPERATION_NAME = 100;

/** The access-log middleware; mount it right after the request ids. */
export function accessLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (_req, res) => requestIdOf(res as Response),
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customSuccessObject: (req, res, { responseTime }) => lineOf(req, res, responseTime),
    customErrorObject: (req, res, error, { responseTime }) => ({ ...lineOf(req, res, responseTime), error: error.message }),
  }) as unknown as RequestHandler;
}

/** The record of a request's operation that its access-log line reads (filled by {@link accessLogPlugin}). */
export function operationFactsOf(res: Response): OperationFacts {
  return ((res.locals as { operationFacts?: OperationFacts }).operationFacts ??= {});
}

/** Apollo plugin: records who ran which operation, for the access-log line. */
export const accessLogPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, operation, request }) {
        const principal = contextValue.session?.request.principal;
        Object.assign(contextValue.operationFacts ?? {}, {
          operation: operationLabel(operation),
          operationName: request.operationName?.slice(0, MAX_OPERATION_NAME) ?? null,
          tenant: principal?.tenantId,
          principal: principal?.name,
        });
      },
    };
  },
};

function lineOf(req: IncomingMessage, res: ServerResponse, durationMs: number): Record<string, unknown> {
  const facts = (res as Response).locals?.operationFacts as OperationFacts | undefined;
  return {
    method: req.method,
    path: ((req as Request).originalUrl ?? req.url ?? '').split('?')[0],
    status: res.statusCode,
    durationMs,
    ...(res.writableFinished ? {} : { aborted: true }),
    ...facts,
  };
}
