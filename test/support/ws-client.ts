// A graphql-ws client for tests: connects to a server's /graphql over ws:// with an optional API key
// and runs one operation to completion, reporting its result or how it was refused.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** How one operation over WebSocket ended: a result, GraphQL errors, or a closed connection. */
export type WsOutcome =
  | { kind: 'result'; data: Record<string, unknown> | null | undefined; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }
  | { kind: 'errors'; errors: readonly { message: string; extensions?: Record<string, unknown> }[] }
  | { kind: 'closed'; code: number; reason: string };

/** A client for the server at `httpUrl` (http://…/graphql), presenting `key` as a bearer token. */
export function wsClient(httpUrl: string, key: string | null): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    retryAttempts: 0,
    // One socket for the client's life (closed by dispose), so operations do not re-authenticate.
    lazyCloseTimeout: 60_000,
  });
}

/** Runs one query over the client and waits until it completes or fails. */
export function runOverWs(client: Client, query: string): Promise<WsOutcome> {
  return new Promise((resolve, reject) => {
    let outcome: WsOutcome | null = null;
    client.subscribe<Record<string, unknown>>(
      { query },
      {
        next: (result) => {
          outcome = { kind: 'result', data: result.data, errors: result.errors };
        },
        error: (error: unknown) => {
          const failure = describeFailure(error);
          if (failure) resolve(failure);
          else reject(new Error(`unexpected WebSocket failure: ${String(error)}`));
        },
        complete: () => resolve(outcome ?? { kind: 'result', data: undefined }),
      },
    );
  });
}

function describeFailure(error: unknown): WsOutcome | null {
  if (Array.isArray(error)) return { kind: 'errors', errors: error };
  const closed = error as { code?: unknown; reason?: unknown };
  if (typeof closed.code === 'number') return { kind: 'closed', code: closed.code, reason: String(closed.reason ?? '') };
  return null;
}
