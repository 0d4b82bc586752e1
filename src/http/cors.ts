// CORS for the GraphQL endpoints: off unless CORS_ORIGINS lists origins; then those origins (and
// only those) may call from a browser, preflights are answered, and the request id and the
// authentication challenge are readable by the page.
import cors from 'cors';
import type { RequestHandler } from 'express';

/** The CORS middleware for `origins`; a pass-through when there are none. */
export function corsFor(origins: readonly string[]): RequestHandler {
  if (origins.length === 0) return (_req, _res, next) => next();
  return cors({
    origin: [...origins],
    methods: ['GET', 'POST'],
    exposedHeaders: ['x-request-id', 'www-authenticate'],
    maxAge: 600,
  });
}
