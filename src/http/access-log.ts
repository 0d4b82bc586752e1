// Access log: one line per HTTP request (pino-http), written when the response ends or the client
// goes away: request id, method, path, status, duration and, for GraphQL, tenant, principal and the
// operation (its bounded label, and the name the client gave it). The request id is assigned here,
// before any other middleware (the client's x-request-id when it is a plain token, else a new UUID),
// echoed in the response, and reused by the GraphQL context, so every line of a request names it.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { GraphQLContext, OperationFacts } from '../resolvers/context.js';
import { operationLabel } from './operation-label.js';

/** A client's x-request-id is kept only when it is a short plain token (it is logged and echoed). */
const CLIENT_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;
/** The longest client-given operation name logged. */
const MAX_OPERATION_NAME = 100;

/** The access-log middleware; mount it first. */
export function accessLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: assignRequestId,
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

/** The id the access log assigned to this request. */
export function requestIdOf(req: Request): string {
  return String(req.id);
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

function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

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
