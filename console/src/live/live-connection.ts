// The console's one WebSocket to the server (graphql-ws), shared by every live view of a session.
// It does not retry by itself: each feed resubscribes with `after` (see live-feed.ts), so a
// reconnect never replays from a stale position. A silent connection is closed after a missed pong.
import { createClient, type Client } from 'graphql-ws';
import { isKeyRefusal } from './resume-policy';
const PING_INTERVAL_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;

/** The session's live connection. */
export interface LiveConnection {
  client: Client;
  /** Whether the socket is open and acknowledged right now. */
  isConnected(): boolean;
  /** Calls `listener` whenever the socket opens or closes; returns how to stop. */
  onChange(listener: () => void): () => void;
  dispose(): void;
}

/** The graphql-ws endpoint of the server that served the page. */
export function liveEndpoint(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/** Opens (lazily, on the first subscription) the live connection for an API key. */
export function makeLiveConnection(apiKey: string, onKeyRefused: () => void): LiveConnection {
  const listeners = new Set<() => void>();
  let connected = false;
  let pongTimeout: ReturnType<typeof setTimeout> | undefined;
  const changed = (now: boolean) => {
    connected = now;
    for (const listener of listeners) listener();
  };
  const client = createClient({
    url: liveEndpoint(window.location),
    connectionParams: { authorization: `Bearer ${apiKey}` },
    retryAttempts: 0,
    keepAlive: PING_INTERVAL_MS,
    lazyCloseTimeout: 5_000,
    on: {
      connected: () => changed(true),
      ping: (received) => {
        // Our own ping: the server must answer in time, or the socket is dead (a network drop).
        if (!received) pongTimeout = setTimeout(() => void client.terminate(), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimeout);
      },
      closed: (event) => {
        clearTimeout(pongTimeout);
        changed(false);
        if (isKeyRefusal(event)) onKeyRefused();
      },
    },
  });
  return {
    client,
    isConnected: () => connected,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => {
      listeners.clear();
      void client.dispose();
    },
  };
}
