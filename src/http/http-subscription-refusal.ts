// Subscriptions are not served by plain HTTP requests (POST or GET /graphql): they are refused before
// execution, with BAD_REQUEST (HTTP 400) naming the two transports that serve them.
import type { ApolloServerPlugin } from '@apollo/server';
import { GovernanceError } from '../runtime/errors.js';
import { SSE_PATH } from './graphql-over-sse.js';

/** The transports that serve subscriptions, as the refusal names them. */
export const SUBSCRIPTION_TRANSPORTS = [
  { protocol: 'graphql-ws', url: 'ws://<host>/graphql' },
  { protocol: 'graphql-sse', url: `http://<host>${SSE_PATH}` },
] as const;

/** Apollo plugin: refuses subscription operations sent as plain HTTP requests. */
export const httpSubscriptionRefusal: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new GovernanceError(
          'BAD_REQUEST',
          `Subscriptions are not served over plain HTTP requests: use graphql-ws (WebSocket on /graphql) or GraphQL over Server-Sent Events (graphql-sse protocol on ${SSE_PATH}, header Accept: text/event-stream)`,
          { transports: SUBSCRIPTION_TRANSPORTS.map((transport) => ({ ...transport })), http: { status: 400 } },
        );
      },
    };
  },
};
