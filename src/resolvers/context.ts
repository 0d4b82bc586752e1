// The GraphQL context of one request: its id and logger, the runtime, and — once the API key is
// checked — the caller's session (request context plus per-request loaders).
import type { Logger } from 'pino';
import type { EventDelivery } from '../delivery/event-stream.js';
import { UnauthenticatedError } from '../runtime/errors.js';
import type { GovernanceRuntime } from '../runtime/governance-runtime.js';
import type { ReadLoaders } from '../runtime/read-loaders.js';
import type { RequestContext } from '../runtime/request-context.js';

/** An authenticated caller's view of the runtime for one request. */
export interface Session {
  request: RequestContext;
  loaders: ReadLoaders;
}

/** What every resolver receives as its context. */
export interface GraphQLContext {
  requestId: string;
  logger: Logger;
  runtime: GovernanceRuntime;
  /** This instance's event delivery (subscriptions). */
  delivery: EventDelivery;
  session: Session | null;
  /** What the access-log line of this HTTP request says about its operation (absent over WS and SSE). */
  operationFacts?: OperationFacts;
}

/** What a request's GraphQL operation adds to its access-log line. */
export interface OperationFacts {
  operation?: string;
  operationName?: string | null;
  tenant?: string;
  principal?: string;
}

/** The caller's session; UNAUTHENTICATED when the request carries no valid key. */
export function sessionOf(context: GraphQLContext): Session {
  if (!context.session) throw new UnauthenticatedError();
  return context.session;
}
