// The event source of P6 and P7: reportInspection mutations at a steady open-loop rate, each
// publishing one violation.recorded event named by its own policy id, with its commit time.
import { gql } from './graphql.js';
import { monotonicMs } from './rounds.js';

const REPORT = `mutation BenchReport($runId: ID!, $policyId: String!) {
  reportInspection(runId: $runId, policyId: $policyId, operations: [LOG_PROMPT]) { denied }
}`;

/** Where and how fast to produce. */
export interface Production {
  /** Instances to send to, in turn. */
  urls: readonly string[];
  key: string;
  runId: string;
  /** Prefix of this round's policy ids. */
  label: string;
  events: number;
  perSecond: number;
}

/**
 * Sends one mutation every 1/rate s whether or not the previous one has answered; returns each
 * event's commit time (CLOCK_MONOTONIC ms) by policy id: when its mutation's HTTP response arrived
 * (the commit precedes it). Each mutation denies LOG_PROMPT under its own policy id.
 */
export async function produceViolations({ urls, key, runId, label, events, perSecond }: Production): Promise<Map<string, number>> {
  const commits = new Map<string, number>();
  const started = monotonicMs();
  const sent: Promise<void>[] = [];
  for (let index = 0; index < events; index += 1) {
    const due = started + (index * 1000) / perSecond;
    const wait = due - monotonicMs();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const policyId = `${label}-${index}`;
    sent.push(gql(urls[index % urls.length], key, REPORT, { runId, policyId }).then(() => void commits.set(policyId, monotonicMs())));
  }
  await Promise.all(sent);
  return commits;
}
