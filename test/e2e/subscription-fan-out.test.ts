// Subscription fan-out: nested fields are read as of each event's delivery (never cached from an
// earlier event), and subscribers of several connections and roles that share an execution all
// receive every event, identical where they asked the same thing.
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CompleteJobDocument, JobUpdatedWithHistoryDocument, StartJobDocument, type JobUpdatedWithHistorySubscription } from '../generated/graphql.js';
import { jobToWatch, useSubscriptionWorld } from '../support/job-subscriptions.js';
import { recordStep, threeChanges } from '../support/jobs.js';
import { untilSubscribers } from '../support/live-delivery.js';
import { dataOf } from '../support/responses.js';
import { record } from '../support/subscriptions.js';

type Update = JobUpdatedWithHistorySubscription['jobUpdated'];
const HISTORY = print(JobUpdatedWithHistoryDocument);

describe('subscription fan-out', () => {
  const world = useSubscriptionWorld();

  it('reads nested fields as of each event, for every subscriber of every connection and role', async () => {
    const { job, viewer } = await jobToWatch(world, threeChanges);
    const keys = [viewer, viewer, world.operator, world.approver];
    const subscriptions = keys.flatMap((key) => {
      const client = world.connect(key);
      return [0, 1].map(() => record(client, HISTORY, { id: job.id }, (data) => (data as JobUpdatedWithHistorySubscription).jobUpdated as Update));
    });
    await untilSubscribers(world.server, subscriptions.length);

    // Each command waits until every subscriber has its event, so an event's nested fields are read
    // before the next command commits: what each one shows is exactly the job as of that event.
    const untilEveryoneHas = (count: number) => Promise.all(subscriptions.map((subscription) => subscription.until((seen) => seen.length >= count)));
    dataOf(await world.server.gql(world.operator, StartJobDocument, { id: job.id }));
    await untilEveryoneHas(1);
    for (const stepIndex of [0, 1, 2]) {
      await recordStep(world.server, world, job.id, { stepIndex, status: 'COMPLETED' });
      await untilEveryoneHas(2 + stepIndex);
    }
    dataOf(await world.server.gql(world.operator, CompleteJobDocument, { id: job.id }));
    const received = await untilEveryoneHas(6);

    for (const subscription of subscriptions) expect(subscription.errors).toEqual([]);
    const [first] = received;
    expect(first!.map((event) => `${event.type}:${event.job.stepResults.map((step) => step.stepIndex).join('')}:${event.job.transitions.map((t) => t.toStatus).join('>')}`)).toEqual([
      'job.started::PENDING>RUNNING',
      'job.step_recorded:0:PENDING>RUNNING',
      'job.step_recorded:01:PENDING>RUNNING',
      'job.step_recorded:012:PENDING>RUNNING',
      'job.completed:012:PENDING>RUNNING>COMPLETED',
      'audit.requested:012:PENDING>RUNNING>COMPLETED',
    ]);
    for (const events of received) expect(events).toEqual(first);
  });
});
