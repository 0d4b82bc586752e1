// The messages between the bench and its subscriber process (see subscriber-process.ts).

/** What the bench asks of the subscriber process. */
export type SubscriberRequest =
  | { type: 'connect'; urls: string[]; key: string; count: number }
  /** Waits (at most waitMs) until every subscriber has every event, then summarises the round. */
  | { type: 'collect'; commits: Record<string, number>; waitMs: number }
  | { type: 'close' };

/** One round of deliveries, as the subscribers saw it. */
export interface DeliverySummary {
  subscribers: number;
  events: number;
  /** Commit-to-receipt latencies (ms); receipts still missing at the deadline count as infinite. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  missingReceipts: number;
  duplicateReceipts: number;
  /** Subscribers that received every event of the round exactly once. */
  completeSubscribers: number;
  /** Errors and closed connections seen so far. */
  failures: string[];
}

/** What the subscriber process answers. */
export type SubscriberReply = { type: 'connected' } | { type: 'collected'; summary: DeliverySummary } | { type: 'closed' };
