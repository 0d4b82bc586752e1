// A graphql-ws subscriber for the bench: one WebSocket speaking graphql-transport-ws (the protocol
// the server's graphql-ws speaks), authenticated with an API key, running one subscription.
import WebSocket from 'ws';

/** A live subscription. */
export interface WsSubscriber {
  /** Errors the server sent for the subscription, or the socket's close, if any. */
  readonly failures: string[];
  close(): void;
}

interface ProtocolMessage {
  id?: string;
  type: string;
  payload?: { data?: Record<string, unknown> } & Record<string, unknown>;
}

/** Connects to `httpUrl` (http://…/graphql), subscribes, and calls `onData` with each result's data. */
export async function subscribeOverWs(httpUrl: string, key: string, query: string, variables: Record<string, unknown>, onData: (data: Record<string, unknown>) => void): Promise<WsSubscriber> {
  const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const failures: string[] = [];
  const send = (message: ProtocolMessage) => socket.send(JSON.stringify(message));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.on('error', (error) => failures.push(error.message));
  const acknowledged = new Promise<void>((resolve, reject) => {
    socket.once('close', (code, reason) => reject(new Error(`connection refused: ${code} ${reason.toString()}`)));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as ProtocolMessage;
      if (message.type === 'connection_ack') resolve();
      else if (message.type === 'next' && message.payload?.data) onData(message.payload.data);
      else if (message.type === 'next' || message.type === 'error') failures.push(JSON.stringify(message.payload));
      else if (message.type === 'ping') send({ type: 'pong' });
    });
  });
  send({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } });
  await acknowledged;
  socket.on('close', (code) => failures.push(`closed ${code}`));
  send({ id: '1', type: 'subscribe', payload: { query, variables } });
  return { failures, close: () => socket.close(1000) };
}

/** Opens `count` subscribers, `concurrency` connections at a time. */
export async function subscribeMany(count: number, concurrency: number, open: (index: number) => Promise<WsSubscriber>): Promise<WsSubscriber[]> {
  const subscribers: WsSubscriber[] = [];
  for (let start = 0; start < count; start += concurrency) {
    subscribers.push(...(await Promise.all(Array.from({ length: Math.min(concurrency, count - start) }, (_, offset) => open(start + offset)))));
  }
  return subscribers;
}
