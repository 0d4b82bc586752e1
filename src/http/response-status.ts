// The status of a request error (a document that does not parse or validate, variables that do
// not coerce) as the GraphQL-over-HTTP spec asks: 400 for clients that accept
// application/graphql-response+json, 200 for those that only speak application/json (legacy
// clients read the errors from a 200). Authentication (401), GET mutations (405) and HTTP-level
// refusals keep their status whatever the client accepts.
import type { ApolloServerPlugin } from '@apollo/server';
import Negotiator from 'negotiator';
import type { GraphQLContext } from '../resolvers/context.js';

const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/** Whether the response goes out as application/json (Apollo's choice: no Accept, or JSON preferred). */
function answersInPlainJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return new Negotiator({ headers: { accept } }).mediaType(['application/json', 'application/graphql-response+json']) === 'application/json';
}

/** Apollo plugin: request errors answered in application/json get 200. */
export const requestErrorStatus: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart({ request }) {
    return {
      async willSendResponse({ response }) {
        if (response.http.status !== 400 || response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        const requestError = data === undefined && errors?.every((error) => REQUEST_ERROR_CODES.has(String(error.extensions?.code)));
        if (requestError && answersInPlainJson(request.http?.headers.get('accept'))) response.http.status = 200;
      },
    };
  },
};
