// The bench's side of the subscriber process: opens the subscribers, and collects each round.
import { fork } from 'node:child_process';
import path from 'node:path';
import { ask } from './ipc.js';
import type { DeliverySummary, SubscriberReply } from './subscriber-protocol.js';

/** Subscribers spread round-robin over instances. */
export interface Subscribers {
  /** The subscriber process's id (for CPU accounting). */
  pid: number;
  /** Waits (at most `waitMs`) until every subscriber has every event committed at these times, and summarises. */
  collect(commits: ReadonlyMap<string, number>, waitMs: number): Promise<DeliverySummary>;
  close(): Promise<void>;
}

/** Opens `count` violationRecorded subscribers, one connection each, spread over `urls`. */
export async function startSubscribers(urls: readonly string[], key: string, count: number): Promise<Subscribers> {
  const child = fork(path.join(__dirname, 'subscriber-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await ask<SubscriberReply, 'connected'>(child, { type: 'connect', urls, key, count }, 'connected');
  return {
    pid: child.pid!,
    collect: async (commits, waitMs) => (await ask<SubscriberReply, 'collected'>(child, { type: 'collect', commits: Object.fromEntries(commits), waitMs }, 'collected')).summary,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask<SubscriberReply, 'closed'>(child, { type: 'close' }, 'closed');
      await exited;
    },
  };
}
