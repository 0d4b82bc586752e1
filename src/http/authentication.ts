// Authentication: the bearer API key is checked once the operation is known (after parsing,
// validation and its cost, so an over-limit or malformed request never reaches the database), for
// HTTP and WS; then the key's and its tenant's rate limits.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext, Session } from '../resolvers/context.js';
import { isDatabaseUnreachable } from '../runtime/database-failures.js';
import { UnauthenticatedError, UnavailableError } from '../runtime/errors.js';
import type { GovernanceRuntime } from '../runtime/governance-runtime.js';
import { refuseOverCost, type QueryLimits } from './query-limits.js';
import { RateLimitedError, type RateLimiter } from './rate-limits.js';

/** Extracts the key from "Bearer <key>"; null when absent or malformed. */
export function bearerKey(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** The `WWW-Authenticate` challenge (RFC 6750) for a refused request: `invalid_token` when it
 * carried an Authorization header at all. */
export function bearerChallenge(authorization: unknown): string {
  return typeof authorization === 'string' && authorization !== '' ? 'Bearer error="invalid_token"' : 'Bearer';
}

/** Resolves a presented authorization value to a session; throws UNAUTHENTICATED. */
export async function openSession(runtime: GovernanceRuntime, authorization: unknown, context: Pick<GraphQLContext, 'requestId' | 'logger'>): Promise<Session> {
  const key = bearerKey(authorization);
  const principal = key ? await runtime.authenticate(key) : null;
  if (!principal) throw new UnauthenticatedError();
  const request = { principal, requestId: context.requestId, logger: context.logger.child({ tenant: principal.tenantId, principal: principal.name }) };
  return { request, loaders: runtime.loaders(request) };
}

/** The Retry-After of a 503 answered while the database is down. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

/** The key could not be looked up because the database is down: HTTP 503 with a Retry-After. */
function unavailableResponse(cause: unknown): UnavailableError {
  const unavailable = new UnavailableError('NOT_COMMITTED', cause);
  unavailable.extensions.http = { status: 503, headers: new HeaderMap([['retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS)]]) };
  return unavailable;
}

/**
 * Apollo plugin: admits HTTP requests before execution — their cost first, then the key from the
 * Authorization header (a refused key is HTTP 401 with the bearer challenge), then the rate limits
 * (a refusal is HTTP 429 with `Retry-After`). One hook, because Apollo starts every plugin's hook
 * at once: a separate cost plugin could not keep a refused request from looking its key up.
 */
export function authenticationPlugin(runtime: GovernanceRuntime, limits: Pick<QueryLimits, 'maxCost'>, rateLimiter: RateLimiter): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ request }) {
      return {
        async didResolveOperation({ contextValue, schema, document, operationName }) {
          refuseOverCost(schema, limits, { document, operationName, variables: request.variables });
          const authorization = request.http?.headers.get('authorization');
          try {
            contextValue.session ??= await openSession(runtime, authorization, contextValue);
            await rateLimiter.admitOperation(contextValue.session.request.principal);
          } catch (error) {
            if (error instanceof UnauthenticatedError) error.extensions.http = { status: 401, headers: new HeaderMap([['www-authenticate', bearerChallenge(authorization)]]) };
            if (error instanceof RateLimitedError) error.extensions.http = { status: 429, headers: new HeaderMap([['retry-after', String(error.retryAfter)]]) };
            if (isDatabaseUnreachable(error)) throw unavailableResponse(error);
            throw error;
          }
        },
      };
    },
  };
}
