// Raw HTTP to a test server's /graphql, for what the typed client hides: batches (array bodies),
// status codes and response headers; and typed operations against a server that is not a TestServer.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { GraphQLResponse, TestServer } from './test-server.js';

/** A response with its status and headers kept. */
export interface RawResponse {
  status: number;
  headers: Headers;
  body: GraphQLResponse<Record<string, unknown>> | GraphQLResponse<Record<string, unknown>>[];
}

/** Any request whose answer is JSON (fails when it is not: an HTML error page, say). */
export async function fetchJson(url: string, init: RequestInit = {}): Promise<RawResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as RawResponse['body'] };
  } catch {
    throw new Error(`expected JSON from ${init.method ?? 'GET'} ${url}, got ${response.status} ${response.headers.get('content-type')}: ${text.slice(0, 200)}`);
  }
}

/** POSTs any JSON body to `url`, with the key as a bearer token when given. */
export function postJson(url: string, key: string | null, body: unknown): Promise<RawResponse> {
  return fetchJson(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
}

/** The errors of a single (non-batched) response; fails when the body is a batch. */
export function errorsOf(response: RawResponse): NonNullable<GraphQLResponse<unknown>['errors']> {
  if (Array.isArray(response.body)) throw new Error('expected a single response, got a batch');
  return response.body.errors ?? [];
}

/** Sends one GraphQL operation to any server's /graphql (e.g. a spawned `node dist/main.js`). */
export async function gqlAt<TResult, TVariables>(url: string, key: string | null, document: TypedDocumentNode<TResult, TVariables>, variables?: TVariables): Promise<GraphQLResponse<TResult>> {
  return (await postJson(url, key, { query: print(document), variables })).body as GraphQLResponse<TResult>;
}

/** The `gql` of a TestServer for any server's /graphql, so the set-up helpers can drive it. */
export function graphqlAt(url: string): Pick<TestServer, 'gql'> {
  return {
    gql: async (key, document, variables) => (await postJson(url, key, { query: typeof document === 'string' ? document : print(document), variables })).body as never,
  };
}
