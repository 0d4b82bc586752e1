// Error formatting: domain errors keep their code; a database that cannot be reached is UNAVAILABLE;
// Apollo's parse/validation/input errors keep their codes; anything else is logged with its request
// id and shown as INTERNAL, without internals.
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { GraphQLContext } from '../resolvers/context.js';
import { isDatabaseUnreachable } from '../runtime/database-failures.js';
import { ensureError, GovernanceError, inputErrorOfDatabaseError, UnavailableError } from '../runtime/errors.js';
import { currentRequestId } from './request-ids.js';

const CLIENT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/** The domain error behind a thrown value, if any (resolver and validation wrappers removed); a
 * lost or refused database connection (a read during an outage) is UNAVAILABLE, and a database
 * refusal of the client's text is BAD_USER_INPUT. */
export function domainErrorOf(thrown: unknown): GovernanceError | null {
  const error = ensureError(unwrapResolverError(thrown));
  const original = (error as { originalError?: unknown }).originalError ?? error;
  if (error instanceof GovernanceError) return error;
  if (original instanceof GovernanceError) return original;
  if (isDatabaseUnreachable(original)) return unreachableWhileReading(thrown, original);
  return inputErrorOfDatabaseError(original);
}

/** A lost connection met by a read: before the root field returned nothing was changed; below it
 * (a nested field of a mutation's answer) the command may have committed already. */
function unreachableWhileReading(thrown: unknown, cause: unknown): UnavailableError {
  const path = (thrown as { path?: readonly unknown[] } | null)?.path;
  return path && path.length > 1 ? new UnavailableError('UNKNOWN', cause, true) : new UnavailableError('NOT_COMMITTED', cause);
}

function isClientError(formatted: GraphQLFormattedError, thrown: unknown): boolean {
  const code = formatted.extensions?.code;
  return domainErrorOf(thrown) !== null || (typeof code === 'string' && CLIENT_CODES.has(code));
}

/** Shapes one error for the client; never throws. */
export function formatError(formatted: GraphQLFormattedError, thrown: unknown): GraphQLFormattedError {
  try {
    const domain = domainErrorOf(thrown);
    if (domain) {
      // `http` (a status for the response) is Apollo's, not the client's.
      const { http: _http, ...extensions } = domain.extensions;
      return { message: domain.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    const code = formatted.extensions?.code;
    if (isClientError(formatted, thrown)) return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  } catch {
    // fall through: the formatter never throws
  }
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL' } };
}

/** {@link formatError} for Apollo's HTTP requests: each error also carries the request's id. */
export function formatHttpError(formatted: GraphQLFormattedError, thrown: unknown): GraphQLFormattedError {
  const shaped = formatError(formatted, thrown);
  const requestId = currentRequestId();
  return requestId ? { ...shaped, extensions: { ...shaped.extensions, requestId } } : shaped;
}

/** Logs the errors a client did not cause with the request's logger (which carries the request id). */
export function logUnexpectedErrors(logger: Logger, errors: readonly GraphQLError[]): void {
  for (const error of errors) {
    const unavailable = domainErrorOf(error)?.code === 'UNAVAILABLE';
    if (unavailable) logger.warn({ err: ensureError(unwrapResolverError(error)), path: error.path }, 'database unavailable');
    else if (!isClientError(error.toJSON(), error)) logger.error({ err: ensureError(unwrapResolverError(error)), path: error.path }, 'unexpected error');
  }
}

/** Apollo plugin: {@link logUnexpectedErrors} for every HTTP request. */
export const unexpectedErrorLogging: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        logUnexpectedErrors(contextValue.logger, errors);
      },
    };
  },
};
