// A signed-in session's way to the server: an urql client for queries and mutations over HTTP
// (POST /graphql with the API key as a bearer token) and the live connection for subscriptions.
// A response saying the key is no longer accepted ends the session.
import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';
import { makeLiveConnection, type LiveConnection } from '../live/live-connection';
import { isUnauthenticated } from './refusals';

/** The clients of one session. */
export interface ServerConnection {
  client: Client;
  live: LiveConnection;
  /** Ends the session because the server no longer accepts the key. */
  keyRefused(): void;
  dispose(): void;
}

/** Connects with `apiKey`; `onKeyRefused` runs when the server stops accepting it. */
export function connectToServer(apiKey: string, onKeyRefused: () => void): ServerConnection {
  const live = makeLiveConnection(apiKey, onKeyRefused);
  const client = new Client({
    url: '/graphql',
    exchanges: [
      mapExchange({
        onError: (error) => {
          if (isUnauthenticated(error.graphQLErrors)) onKeyRefused();
        },
      }),
      // Results are cached per document and variables; a mutation's result refetches the queries
      // that showed the same types, so a decision shows everywhere at once.
      cacheExchange,
      fetchExchange,
    ],
    fetchOptions: { headers: { authorization: `Bearer ${apiKey}` } },
    // Always POST: the server's CSRF protection refuses simple GET requests from browsers.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
  });
  return { client, live, keyRefused: onKeyRefused, dispose: () => live.dispose() };
}
