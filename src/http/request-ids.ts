// Request ids: every HTTP request gets one (the caller's `x-request-id` when it is a sane token, else
// a fresh UUID), echoed in the `x-request-id` response header, kept in `res.locals`, and — for the
// code that shapes errors without a request at hand (Apollo's formatError) — in an async scope.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

const scope = new AsyncLocalStorage<string>();

/** A caller's id is kept only when it cannot corrupt a log line or a header. */
const SANE_ID = /^[\w.:@/+=-]{1,128}$/;

/** The id of this request (set by {@link assignRequestId}). */
export function requestIdOf(res: Response): string {
  return res.locals.requestId as string;
}

/** The id of the request being served in this async scope, if any (see {@link requestIdScope}). */
export function currentRequestId(): string | undefined {
  return scope.getStore();
}

/** Middleware, mounted first: assigns the id and sets the response header. */
export const assignRequestId: RequestHandler = (req: Request, res: Response, next) => {
  const offered = req.get('x-request-id');
  const requestId = offered && SANE_ID.test(offered) ? offered : randomUUID();
  res.locals.requestId = requestId;
  res.setHeader('x-request-id', requestId);
  next();
};

/** Middleware: runs the rest of the chain in the request's async scope (after body parsing, whose
 * stream callbacks would leave it). */
export const requestIdScope: RequestHandler = (_req, res, next) => {
  scope.run(requestIdOf(res), next);
};
