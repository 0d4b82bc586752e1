// A raw graphql-transport-ws connection for tests that need what graphql-ws's client hides: a socket
// that stops reading (a stalled consumer, so the server's sends back up) and every message as sent.
import WebSocket from 'ws';
import { pollUntil } from './job-updates.js';

/** One protocol message as the server sent it. */
export interface ProtocolMessage {
  id?: string;
  type: string;
  payload?: unknown;
}

/** An acknowledged connection. */
export interface RawConnection {
  /** Every message received, in arrival order. */
  messages: ProtocolMessage[];
  subscribe(id: string, query: string, variables?: Record<string, unknown>): void;
  /** Stops reading from the socket; what the server sends waits in TCP buffers, then in the server. */
  pause(): void;
  resume(): void;
  /** Resolves with the messages once `holds` is true of them; rejects after `timeoutMs`. */
  until(holds: (messages: ProtocolMessage[]) => boolean, timeoutMs?: number): Promise<ProtocolMessage[]>;
  close(): void;
}

/** Connects to the server at `httpUrl` (http://…/graphql) and authenticates with `key`. */
export async function connectRaw(httpUrl: string, key: string): Promise<RawConnection> {
  const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: ProtocolMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as ProtocolMessage));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const send = (message: ProtocolMessage) => socket.send(JSON.stringify(message));
  const connection: RawConnection = {
    messages,
    subscribe: (id, query, variables = {}) => send({ id, type: 'subscribe', payload: { query, variables } }),
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    until: async (holds, timeoutMs) => {
      await pollUntil('the expected WebSocket messages', async () => holds(messages), timeoutMs);
      return messages;
    },
    close: () => socket.terminate(),
  };
  send({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } });
  await connection.until((received) => received.some((message) => message.type === 'connection_ack'));
  return connection;
}
