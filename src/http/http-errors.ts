// HTTP-level refusals as GraphQL-shaped JSON — `{ errors: [{ message, extensions: { code, reason,
// requestId } }] }` — never Express's HTML page or a stack: malformed JSON (400), a body over the
// limit (413), a media type or charset other than JSON in UTF-8 (415), an unknown route (404), and
// anything unexpected (500, logged with the request id).
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { ErrorCode } from '../runtime/errors.js';
import { requestIdOf } from './request-ids.js';

/** Why a request was refused before GraphQL saw it (`extensions.reason`). */
export type HttpRefusalReason = 'MALFORMED_JSON' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'UNKNOWN_ROUTE' | 'BAD_HTTP_REQUEST';

/** Sends one GraphQL-shaped error with the request id. */
export function sendHttpError(res: Response, status: number, code: ErrorCode, message: string, reason?: HttpRefusalReason): void {
  const extensions = { code, ...(reason ? { reason } : {}), requestId: requestIdOf(res) };
  res.status(status).type('application/json; charset=utf-8').send(JSON.stringify({ errors: [{ message, extensions }] }));
}

const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;

/** POST bodies must be JSON (`application/json`, any casing, optional parameters); else 415. */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || JSON_MEDIA_TYPE.test(req.get('content-type') ?? '')) {
    next();
    return;
  }
  sendHttpError(res, 415, 'BAD_REQUEST', 'POST bodies must be application/json', 'UNSUPPORTED_MEDIA_TYPE');
};

/** The last route: anything not served above is a JSON 404. */
export const unknownRoute: RequestHandler = (req, res) => {
  sendHttpError(res, 404, 'NOT_FOUND', `No route for ${req.method} ${req.path}`, 'UNKNOWN_ROUTE');
};

/** body-parser's error types (its `type` property) and what the client is told. */
const BODY_ERRORS: Record<string, { status: number; message: string; reason: HttpRefusalReason }> = {
  'entity.parse.failed': { status: 400, message: 'The body is not valid JSON', reason: 'MALFORMED_JSON' },
  'entity.too.large': { status: 413, message: 'The body is larger than the limit', reason: 'PAYLOAD_TOO_LARGE' },
  'charset.unsupported': { status: 415, message: 'The body must be encoded in UTF-8', reason: 'UNSUPPORTED_MEDIA_TYPE' },
  'encoding.unsupported': { status: 415, message: 'The body must be identity, gzip, deflate or br encoded', reason: 'UNSUPPORTED_MEDIA_TYPE' },
};

/** The error handler, mounted last: body-parser refusals and other client errors keep their 4xx;
 * anything else is logged and answered 500 INTERNAL without internals. */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    if (known) return sendHttpError(res, known.status, 'BAD_REQUEST', known.message, known.reason);
    if (typeof status === 'number' && status >= 400 && status < 500) return sendHttpError(res, status, 'BAD_REQUEST', 'The HTTP request is not acceptable', 'BAD_HTTP_REQUEST');
    logger.error({ err: error, requestId: requestIdOf(res) }, 'unexpected HTTP error');
    sendHttpError(res, 500, 'INTERNAL', 'Internal server error');
  };
}
