// A GraphQL-over-SSE client for tests (graphql-sse's own, distinct connections mode) against a test
// server's /graphql/stream, presenting an API key as the Authorization header.
import { createClient, type Client } from 'graphql-sse';

/** A client for the server at `httpUrl` (http://…/graphql). */
export function sseClient(httpUrl: string, key: string | null): Client {
  return createClient({
    url: `${httpUrl}/stream`,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    retryAttempts: 0,
  });
}
