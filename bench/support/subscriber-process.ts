// The bench's subscribers in their own process (their load must not delay the producer): one
// violationRecorded subscription per graphql-ws connection, each arrival timed on CLOCK_MONOTONIC.
import { monotonicMs, percentile } from './rounds.js';
import type { DeliverySummary, SubscriberReply, SubscriberRequest } from './subscriber-protocol.js';
import { subscribeMany, subscribeOverWs, type WsSubscriber } from './ws-subscriber.js';

const QUERY = 'subscription { violationRecorded { id policyId } }';

interface Receipts {
  times: number[];
  perSubscriber: Uint16Array;
}

let subscribers: WsSubscriber[] = [];
const receipts = new Map<string, Receipts>();

function receive(subscriber: number, data: Record<string, unknown>): void {
  const at = monotonicMs();
  const key = (data.violationRecorded as { policyId: string }).policyId;
  let entry = receipts.get(key);
  if (!entry) {
    entry = { times: [], perSubscriber: new Uint16Array(subscribers.length || 1) };
    receipts.set(key, entry);
  }
  entry.times.push(at);
  entry.perSubscriber[subscriber] += 1;
}

async function connect(urls: string[], key: string, count: number): Promise<void> {
  subscribers = new Array<WsSubscriber>(count);
  const opened = await subscribeMany(count, 50, (index) => subscribeOverWs(urls[index % urls.length], key, QUERY, {}, (data) => receive(index, data)));
  opened.forEach((subscriber, index) => (subscribers[index] = subscriber));
}

async function collect(commits: Record<string, number>, waitMs: number): Promise<DeliverySummary> {
  const keys = Object.keys(commits);
  const everyoneHasAll = () =>
    keys.every((key) => {
      const entry = receipts.get(key);
      return entry !== undefined && entry.perSubscriber.every((count) => count > 0);
    });
  const deadline = monotonicMs() + waitMs;
  while (!everyoneHasAll() && monotonicMs() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const latencies: number[] = [];
  let missing = 0;
  let duplicates = 0;
  const complete = new Array<boolean>(subscribers.length).fill(true);
  for (const key of keys) {
    const entry = receipts.get(key);
    for (const at of entry?.times ?? []) latencies.push(at - commits[key]);
    for (let subscriber = 0; subscriber < subscribers.length; subscriber += 1) {
      const count = entry?.perSubscriber[subscriber] ?? 0;
      if (count === 0) missing += 1;
      if (count > 1) duplicates += count - 1;
      if (count !== 1) complete[subscriber] = false;
    }
    receipts.delete(key);
  }
  for (let index = 0; index < missing; index += 1) latencies.push(Number.POSITIVE_INFINITY);
  return {
    subscribers: subscribers.length,
    events: keys.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.reduce((max, latency) => Math.max(max, latency), 0),
    missingReceipts: missing,
    duplicateReceipts: duplicates,
    completeSubscribers: complete.filter(Boolean).length,
    failures: subscribers.flatMap((subscriber) => subscriber.failures).slice(0, 20),
  };
}

// Orphaned (the bench died): leave with it.
process.on('disconnect', () => process.exit(0));

process.on('message', async (request: SubscriberRequest) => {
  const reply = (message: SubscriberReply) => process.send!(message);
  if (request.type === 'connect') {
    await connect(request.urls, request.key, request.count);
    reply({ type: 'connected' });
  } else if (request.type === 'collect') {
    reply({ type: 'collected', summary: await collect(request.commits, request.waitMs) });
  } else {
    for (const subscriber of subscribers) subscriber.close();
    reply({ type: 'closed' });
    setImmediate(() => process.exit(0));
  }
});
