// Reading GraphQL responses in tests: the error code a request got, or its data when it succeeded.
import type { GraphQLResponse } from './test-server.js';

/** The `extensions.code` of the first error, or undefined when the request succeeded. */
export function errorCode(response: GraphQLResponse<unknown>): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/** The data of a successful response; throws with the errors otherwise. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || response.data == null) throw new Error(`Expected success, got ${JSON.stringify(response.errors)}`);
  return response.data;
}
