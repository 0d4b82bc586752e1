// Job subscriptions over graphql-ws on the real server: resume with `after` (exactly what was missed,
// then live), status filters, tenant isolation, rolled-back commands, WS authentication and limits,
// slow consumers cut off without slowing others, and retention pruning.
import { describe, expect, it } from 'vitest';
import { CancelJobDocument, CompleteJobDocument, StartJobDocument, type JobUpdatedSubscription } from '../generated/graphql.js';
import { activatedContract, recordStep, runningJob } from '../support/jobs.js';
import { idsOf, JOB_EVENTS, jobEvents, jobToWatch, stepsOf, typesOf, untilEvent, useSubscriptionWorld } from '../support/job-subscriptions.js';
import { recordJobUpdates } from '../support/job-updates.js';
import { untilDeliveredSoFar, untilSubscribers } from '../support/live-delivery.js';
import { connectRaw } from '../support/raw-ws.js';
import { dataOf, errorCode } from '../support/responses.js';
import { countRows } from '../support/rows.js';
import { whileWritesRefused } from '../support/write-faults.js';
import { runOverWs } from '../support/ws-client.js';

describe('subscriptions', () => {
  const world = useSubscriptionWorld({ config: { maxSubscriptionsPerConnection: 3 } });

  it('resumes with after: exactly the events missed while disconnected, then live ones, none twice', async () => {
    const { server } = world;
    const callers = world;
    const { job, viewer } = await jobToWatch(world, stepsOf(6));
    const witness = recordJobUpdates(world.connect(viewer), job.id, null);
    const firstClient = world.connect(viewer);
    const first = recordJobUpdates(firstClient, job.id, null);
    await untilSubscribers(server, 2);

    dataOf(await server.gql(callers.operator, StartJobDocument, { id: job.id }));
    await recordStep(server, callers, job.id, { stepIndex: 0, status: 'COMPLETED' });
    const seenBefore = await first.until((seen) => seen.length === 2);
    await firstClient.dispose();
    await untilSubscribers(server, 1);

    for (const stepIndex of [1, 2, 3, 4, 5]) await recordStep(server, callers, job.id, { stepIndex, status: 'COMPLETED' });
    const missed = (await witness.until((seen) => seen.length === 7)).slice(2);
    const lastSeen = seenBefore[1].id;

    const resumed = recordJobUpdates(world.connect(viewer), job.id, lastSeen);
    const replayed = await resumed.until((seen) => seen.length === 5);
    expect(idsOf(replayed)).toEqual(idsOf(missed));
    expect(typesOf(replayed)).toEqual(Array(5).fill('job.step_recorded'));
    expect(replayed.map((event) => event.job.currentStepIndex)).toEqual([2, 3, 4, 5, 6]);

    // A second resume races a command: its events come by replay or live, each exactly once.
    const racing = recordJobUpdates(world.connect(viewer), job.id, lastSeen);
    dataOf(await server.gql(callers.operator, CompleteJobDocument, { id: job.id }));
    const everything = await witness.until((seen) => seen.length === 9);
    const lastId = everything[8].id;
    for (const subscription of [resumed, racing]) {
      const received = await untilEvent(subscription, lastId);
      expect(idsOf(received)).toEqual(idsOf(everything.slice(2)));
      expect(typesOf(received).slice(5)).toEqual(['job.completed', 'audit.requested']);
      expect(subscription.errors).toEqual([]);
    }
    expect(idsOf(seenBefore)).toEqual(idsOf(everything.slice(0, 2)));
  });

  it("jobEvents delivers every job event of the tenant; a status filter passes only events whose job status is listed, live and on replay", async () => {
    const { server } = world;
    const callers = world;
    const viewer = await server.key('viewer', 'vera');
    const client = world.connect(viewer);
    const first = await activatedContract(server, callers, stepsOf(2));
    const second = await activatedContract(server, callers, stepsOf(1));
    const last = await activatedContract(server, callers, stepsOf(1));
    await untilDeliveredSoFar(server);
    const all = jobEvents(client);
    const completed = jobEvents(client, { status: ['COMPLETED'] });
    const runningOrCompleted = jobEvents(client, { status: ['RUNNING', 'COMPLETED'] });
    await untilSubscribers(server, 3);

    dataOf(await server.gql(callers.operator, StartJobDocument, { id: first.job.id }));
    for (const stepIndex of [0, 1]) await recordStep(server, callers, first.job.id, { stepIndex, status: 'COMPLETED' });
    dataOf(await server.gql(callers.operator, CompleteJobDocument, { id: first.job.id }));
    dataOf(await server.gql(callers.operator, StartJobDocument, { id: second.job.id }));
    dataOf(await server.gql(callers.operator, CancelJobDocument, { id: second.job.id, reason: 'superseded' }));
    // The last event (COMPLETED) matches every filter: once it arrives, each stream is complete.
    dataOf(await server.gql(callers.operator, StartJobDocument, { id: last.job.id }));
    await recordStep(server, callers, last.job.id, { stepIndex: 0, status: 'COMPLETED' });
    dataOf(await server.gql(callers.operator, CompleteJobDocument, { id: last.job.id }));

    const everything = await all.until((seen) => seen.length === 12);
    expect(everything.map((event) => `${event.job.id === first.job.id ? 'first' : event.job.id === second.job.id ? 'second' : 'last'} ${event.type} ${event.job.status}`)).toEqual([
      'first job.started RUNNING',
      'first job.step_recorded RUNNING',
      'first job.step_recorded RUNNING',
      'first job.completed COMPLETED',
      'first audit.requested COMPLETED',
      'second job.started RUNNING',
      'second job.cancelled CANCELLED',
      'second audit.requested CANCELLED',
      'last job.started RUNNING',
      'last job.step_recorded RUNNING',
      'last job.completed COMPLETED',
      'last audit.requested COMPLETED',
    ]);
    const lastId = everything[everything.length - 1].id;
    const withStatus = (statuses: string[]) => everything.filter((event) => statuses.includes(event.job.status));
    expect(idsOf(await untilEvent(completed, lastId))).toEqual(idsOf(withStatus(['COMPLETED'])));
    expect(idsOf(await untilEvent(runningOrCompleted, lastId))).toEqual(idsOf(withStatus(['RUNNING', 'COMPLETED'])));

    const before = (BigInt(everything[0].id) - 1n).toString();
    const replayed = jobEvents(world.connect(viewer), { status: ['CANCELLED', 'COMPLETED'], after: before });
    expect(idsOf(await untilEvent(replayed, lastId))).toEqual(idsOf(withStatus(['CANCELLED', 'COMPLETED'])));
  });

  it("never delivers another tenant's events: a guessed job id is NOT_FOUND at once, nothing tenant-wide, nothing on replay from the start", async () => {
    const { server } = world;
    const callers = world;
    const tenantB = { operator: await server.key('operator', 'otto', 'tenant-b'), approver: await server.key('approver', 'anna', 'tenant-b') };
    const viewerA = await server.key('viewer', 'vera');
    const viewerB = await server.key('viewer', 'vic', 'tenant-b');
    const jobOfA = (await activatedContract(server, callers, stepsOf(1))).job;
    const jobOfB = (await activatedContract(server, tenantB, stepsOf(1))).job;
    await untilDeliveredSoFar(server);
    const ownerA = recordJobUpdates(world.connect(viewerA), jobOfA.id, null);
    const clientB = world.connect(viewerB);
    const guessingB = recordJobUpdates(clientB, jobOfA.id, null);
    const tenantWideB = jobEvents(clientB);
    expect(await guessingB.failure()).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
    await untilSubscribers(server, 2);

    dataOf(await server.gql(callers.operator, StartJobDocument, { id: jobOfA.id }));
    await recordStep(server, callers, jobOfA.id, { stepIndex: 0, status: 'COMPLETED' });
    dataOf(await server.gql(callers.operator, CompleteJobDocument, { id: jobOfA.id }));
    const seenByA = await ownerA.until((seen) => seen.length === 4);
    // B's own event comes after all of A's: once B has it, anything of A's would have come first.
    dataOf(await server.gql(tenantB.operator, StartJobDocument, { id: jobOfB.id }));
    const seenByB = await tenantWideB.until((seen) => seen.length > 0);
    expect(seenByB.map((event) => [event.job.id, event.type])).toEqual([[jobOfB.id, 'job.started']]);
    expect(BigInt(seenByB[0].id)).toBeGreaterThan(BigInt(seenByA[3].id));
    expect(guessingB.results).toEqual([]);

    const replayClientB = world.connect(viewerB);
    const replayedB = jobEvents(replayClientB, { after: '0' });
    const guessedReplayB = recordJobUpdates(replayClientB, jobOfA.id, '0');
    expect(await guessedReplayB.failure()).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
    const ownReplayB = recordJobUpdates(replayClientB, jobOfB.id, '0');
    const replayed = await untilEvent(replayedB, seenByB[0].id);
    expect(replayed.map((event) => [event.job.id, event.type])).toEqual([
      [jobOfB.id, 'job.created'],
      [jobOfB.id, 'job.started'],
    ]);
    await untilEvent(ownReplayB, seenByB[0].id);
    expect(guessedReplayB.results).toEqual([]);
    expect(await countRows(server, 'outbox_events', { tenant_id: 'default', subject_id: jobOfA.id })).toBe(5);
  });

  it('delivers nothing of a command that rolled back after appending its events, and exactly the events of its retry', async () => {
    const { server } = world;
    const callers = world;
    const viewer = await server.key('viewer', 'vera');
    const job = await runningJob(server, callers, stepsOf(1));
    await recordStep(server, callers, job.id, { stepIndex: 0, status: 'COMPLETED' });
    const marker = await runningJob(server, callers, stepsOf(1));
    await untilDeliveredSoFar(server);
    const client = world.connect(viewer);
    const ofJob = recordJobUpdates(client, job.id, null);
    const tenantWide = jobEvents(client);
    await untilSubscribers(server, 2);
    const eventsBefore = await countRows(server, 'outbox_events');

    // job.completed is inserted, then audit.requested is refused: the command fails after appending.
    const fault = { table: 'outbox_events', event: 'INSERT', when: "NEW.type = 'audit.requested'" } as const;
    const failed = await whileWritesRefused(server, fault, () => server.gql(callers.operator, CompleteJobDocument, { id: job.id }));
    expect(errorCode(failed)).toBe('INTERNAL');
    expect(await countRows(server, 'outbox_events')).toBe(eventsBefore);
    expect(await countRows(server, 'jobs', { id: job.id, status: 'RUNNING' })).toBe(1);

    const retried = dataOf(await server.gql(callers.operator, CompleteJobDocument, { id: job.id })).completeJob;
    expect(retried.status).toBe('COMPLETED');
    await recordStep(server, callers, marker.id, { stepIndex: 0, status: 'COMPLETED' });
    const received = await tenantWide.until((seen) => seen.some((event) => event.job.id === marker.id));
    expect(received.map((event) => [event.job.id, event.type, event.job.status])).toEqual([
      [job.id, 'job.completed', 'COMPLETED'],
      [job.id, 'audit.requested', 'COMPLETED'],
      [marker.id, 'job.step_recorded', 'RUNNING'],
    ]);
    expect(ofJob.results.map((event) => event.id)).toEqual(idsOf(received.slice(0, 2)));
    expect(await countRows(server, 'outbox_events', { subject_id: job.id, type: ['job.completed', 'audit.requested'] })).toBe(2);
  });

  it.each([
    { name: 'no key', key: null },
    { name: 'an unknown key', key: 'gk_live_unknownunknownunknownunknown' },
  ])('refuses a WebSocket connection with $name (close code 4401, with the reason) before any subscription runs', async ({ key }) => {
    const { server } = world;
    const outcome = await runOverWs(world.connect(key), JOB_EVENTS);
    expect(outcome).toEqual({ kind: 'closed', code: 4401, reason: 'Unauthorized: a valid API key is required in connectionParams.authorization' });
    expect(server.app.delivery.hub.size).toBe(0);
  });

  it('caps the operations one connection runs at once (RATE_LIMITED), frees a slot when one ends, and leaves other connections alone', async () => {
    const { server } = world;
    const viewer = await server.key('viewer', 'vera');
    const client = world.connect(viewer);
    const running = [jobEvents(client), jobEvents(client), jobEvents(client)];
    await untilSubscribers(server, 3);

    const fourth = await runOverWs(client, JOB_EVENTS);
    expect(fourth).toMatchObject({ kind: 'errors', errors: [{ extensions: { code: 'RATE_LIMITED', limit: 'maxOperationsPerConnection', allowed: 3, retryAfter: 1 } }] });
    expect(server.app.delivery.hub.size).toBe(3);

    jobEvents(world.connect(viewer));
    await untilSubscribers(server, 4);
    running[0].stop();
    await untilSubscribers(server, 3);
    jobEvents(client);
    await untilSubscribers(server, 4);
  });

  it.each([
    {
      limit: 'maxDepth',
      query: 'subscription { jobEvents { job { contract { job { contract { job { contract { job { contract { job { contract { id } } } } } } } } } } } }',
    },
    { limit: 'maxAliases', query: `subscription { jobEvents { ${Array.from({ length: 40 }, (_, index) => `a${index}: id`).join(' ')} } }` },
  ])('applies the $limit limit to subscription documents (BAD_USER_INPUT), registering nothing', async ({ limit, query }) => {
    const { server } = world;
    const outcome = await runOverWs(world.connect(await server.key('viewer', 'vera')), query);
    expect(outcome.kind).toBe('errors');
    const errors = (outcome as Extract<typeof outcome, { kind: 'errors' }>).errors;
    expect(errors.map((error) => error.extensions?.code)).toContain('BAD_USER_INPUT');
    expect(errors.map((error) => error.extensions?.limit)).toContain(limit);
    expect(server.app.delivery.hub.size).toBe(0);
  });
});

describe('a slow consumer', () => {
  const world = useSubscriptionWorld({ config: { subscriberQueueCapacity: 5 } });
  const STEPS = 20;
  const BIG_SELECTION = 'subscription ($id: ID!) { jobUpdated(id: $id) { id type job { id steps { parameters } } } }';

  it('is cut off with RATE_LIMITED naming resumeAfter while another subscriber gets every event on time; resuming from it loses nothing', async () => {
    const { server } = world;
    const callers = world;
    // Each event carries ~700 kB of job steps, so a socket that stops reading backs up within a few events.
    const { job, viewer } = await jobToWatch(world, stepsOf(STEPS, 35_000));
    const stalled = await connectRaw(server.url, viewer);
    try {
      stalled.subscribe('stalled', BIG_SELECTION, { id: job.id });
      const onTime = recordJobUpdates(world.connect(viewer), job.id, null);
      await untilSubscribers(server, 2);
      stalled.pause();

      // Every command's events reach the other subscriber before the next command is even sent.
      const commands: (() => Promise<unknown>)[] = [
        async () => dataOf(await server.gql(callers.operator, StartJobDocument, { id: job.id })),
        ...Array.from({ length: STEPS }, (_, stepIndex) => () => recordStep(server, callers, job.id, { stepIndex, status: 'COMPLETED' })),
        async () => dataOf(await server.gql(callers.operator, CompleteJobDocument, { id: job.id })),
      ];
      let expected = 0;
      for (const [index, command] of commands.entries()) {
        await command();
        expected += index === commands.length - 1 ? 2 : 1;
        await onTime.until((seen) => seen.length === expected);
      }
      const everything = onTime.results;
      expect(everything).toHaveLength(STEPS + 3);
      expect(onTime.errors).toEqual([]);

      stalled.resume();
      const messages = await stalled.until((received) => received.some((message) => message.type === 'error'));
      const delivered = messages.filter((message) => message.type === 'next').map((message) => (message.payload as { data: JobUpdatedSubscription }).data.jobUpdated);
      const [refusal] = messages.find((message) => message.type === 'error')!.payload as { message: string; extensions: { code: string; resumeAfter: string } }[];
      expect(delivered.length).toBeLessThan(everything.length);
      expect(idsOf(delivered)).toEqual(idsOf(everything.slice(0, delivered.length)));
      expect(refusal.extensions.code).toBe('RATE_LIMITED');
      expect(refusal.extensions.resumeAfter).toBe(delivered[delivered.length - 1].id);
      expect(refusal.message).toContain(`after: "${refusal.extensions.resumeAfter}"`);

      const rest = recordJobUpdates(world.connect(viewer), job.id, refusal.extensions.resumeAfter);
      await untilEvent(rest, everything[everything.length - 1].id);
      expect([...idsOf(delivered), ...idsOf(rest.results)]).toEqual(idsOf(everything));
    } finally {
      stalled.close();
    }
  });
});

describe('retention', () => {
  const world = useSubscriptionWorld();
  const RETENTION_MS = 168 * 3_600_000;

  it('prunes events older than the retention age; resuming from before the pruned position is refused clearly, from after it works', async () => {
    const { server } = world;
    const callers = world;
    const { job, viewer } = await jobToWatch(world, stepsOf(1));
    const witness = jobEvents(world.connect(viewer));
    await untilSubscribers(server, 1);
    dataOf(await server.gql(callers.operator, StartJobDocument, { id: job.id }));
    await recordStep(server, callers, job.id, { stepIndex: 0, status: 'COMPLETED' });
    const [started, lastOld] = await witness.until((seen) => seen.length === 2);

    server.clock.advance(RETENTION_MS + 60_000);
    dataOf(await server.gql(callers.operator, CompleteJobDocument, { id: job.id }));
    const recent = (await witness.until((seen) => seen.length === 4)).slice(2);
    const olderThanRetention = `SELECT count(*)::int AS count FROM outbox_events WHERE created_at < $1`;
    const cutoff = new Date(server.clock.now().getTime() - RETENTION_MS);
    const [{ count: old }] = await server.database.dataSource.query(olderThanRetention, [cutoff]);
    const total = await countRows(server, 'outbox_events');

    expect(await server.runtime.outbox.prune(RETENTION_MS)).toBe(old);
    expect(old).toBeGreaterThanOrEqual(2);
    expect(await server.database.dataSource.query(olderThanRetention, [cutoff])).toEqual([{ count: 0 }]);
    expect(await countRows(server, 'outbox_events')).toBe(total - old);

    const fromPruned = jobEvents(world.connect(viewer), { after: started.id });
    const [refusal] = (await fromPruned.failure()) as { message: string; extensions: { code: string; reasons: string[] } }[];
    expect(refusal.extensions.code).toBe('BAD_USER_INPUT');
    expect(refusal.extensions.reasons).toEqual([
      `events through id ${lastOld.id} were pruned by retention; resume is not possible from ${started.id}: reload the current state and subscribe without after`,
    ]);
    expect(fromPruned.results).toEqual([]);

    const fromKept = recordJobUpdates(world.connect(viewer), job.id, lastOld.id);
    const replayed = await fromKept.until((seen) => seen.length === 2);
    expect(idsOf(replayed)).toEqual(idsOf(recent));
    expect(typesOf(replayed)).toEqual(['job.completed', 'audit.requested']);
  });
});
