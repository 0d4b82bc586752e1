// violationRecorded over graphql-ws on the real server: every new violation of the tenant reaches a
// subscriber once, in commit order (a runId filter keeps one run's; another tenant's subscriber sees
// none), and a subscriber resuming with `after` gets exactly the violations it missed, then live ones.
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { beforeAll, describe, expect, it } from 'vitest';
import { TransitionRunDocument, UpdateGovernanceSettingsDocument, ViolationRecordedDocument, type InspectionOperation, type ViolationRecordedSubscription } from '../generated/graphql.js';
import { checkAs, configurePolicy, eventIdOfViolation, everyOperation, policyAllowing, reportAs, violationIdsInEventOrder, type ViolationRow } from '../support/inspection.js';
import { idsOf, untilEvent, useSubscriptionWorld } from '../support/job-subscriptions.js';
import { untilDeliveredSoFar, untilSubscribers } from '../support/live-delivery.js';
import { dataOf } from '../support/responses.js';
import { selectRows } from '../support/rows.js';
import { createRunAs, mintRunCallers, prepareAgent, type RunCallers } from '../support/runs.js';
import { record } from '../support/subscriptions.js';

const agentId = 'agent-watched';
const goal = 'search the web for a summary';
const VIOLATION_RECORDED = print(ViolationRecordedDocument);

type Delivered = ViolationRecordedSubscription['violationRecorded'];

/** Records `violationRecorded(runId, after)`. */
function violationRecorded(client: Client, variables: { runId?: string; after?: string } = {}) {
  return record(client, VIOLATION_RECORDED, variables, (data) => (data as ViolationRecordedSubscription).violationRecorded);
}

describe('violationRecorded', () => {
  const world = useSubscriptionWorld();
  let here: RunCallers;
  let there: RunCallers;
  let viewerHere: string;
  let viewerThere: string;
  beforeAll(async () => {
    const { server } = world;
    here = await mintRunCallers(server);
    there = await mintRunCallers(server, 'tenant-b');
    for (const callers of [here, there]) await prepareAgent(server, callers, agentId);
    dataOf(await server.gql(here.admin, UpdateGovernanceSettingsDocument, { phaseStatusEnforcement: false }));
    await configurePolicy(world.server, here.admin, policyAllowing('permissive', everyOperation));
    viewerHere = await server.key('viewer', 'vera');
    viewerThere = await server.key('viewer', 'vera', 'tenant-b');
  });

  const newRun = async (callers: RunCallers) => (await createRunAs(world.server, callers.operator, { agentId, goal, policyId: 'strict' })).id;
  const report = async (callers: RunCallers, runId: string, operations: InspectionOperation[], policyId = 'strict') =>
    dataOf(await reportAs(world.server, callers.operator, runId, policyId, operations)).reportInspection;
  const breachPhase = async (runId: string) => dataOf(await world.server.gql(here.operator, TransitionRunDocument, { id: runId, phase: 'AUTHORIZED', status: 'RUNNING' }));
  /** The tenant's violation ids recorded since `before` (ids in event order), in event order. */
  const recordedSince = async (tenantId: string, before: readonly string[], runId?: string) => (await violationIdsInEventOrder(world.server, tenantId, runId)).filter((id) => !before.includes(id));

  it("delivers each new violation of the tenant once, in commit order; a runId filter keeps that run's; another tenant's subscriber sees none", async () => {
    const { server } = world;
    const [first, second] = [await newRun(here), await newRun(here)];
    const theirRun = await newRun(there);
    const before = await violationIdsInEventOrder(server, 'default');
    await untilDeliveredSoFar(server);
    const everything = violationRecorded(world.connect(viewerHere));
    const firstRunOnly = violationRecorded(world.connect(viewerHere), { runId: first });
    const otherTenant = violationRecorded(world.connect(viewerThere));
    await untilSubscribers(server, 3);

    await report(here, first, ['LOG_PROMPT', 'CAPTURE_PII']);
    await report(here, second, ['ACCESS_SECRET']);
    dataOf(await checkAs(server, here.operator, 'strict', everyOperation));
    await report(here, second, everyOperation, 'permissive');
    await breachPhase(second);
    await report(here, first, ['ACCESS_SECRET', 'LOG_PROMPT', 'LOG_PROMPT']);
    await breachPhase(first);
    await report(here, second, ['LOG_RESPONSE']);
    await report(here, first, ['CAPTURE_PII']);

    const expected = await recordedSince('default', before);
    expect(expected).toHaveLength(9);
    const delivered = await untilEvent(everything, expected.at(-1)!);
    expect(idsOf(delivered)).toEqual(expected);
    const expectedOfFirst = await recordedSince('default', before, first);
    expect(expectedOfFirst).toHaveLength(6);
    expect(idsOf(await untilEvent(firstRunOnly, expectedOfFirst.at(-1)!))).toEqual(expectedOfFirst);

    const rows = await selectRows<ViolationRow & { created_at: Date }>(server, 'violations', { id: expected });
    for (const violation of delivered) {
      const row = rows.find((candidate) => candidate.id === violation.id)!;
      expect(violation).toEqual<Delivered>({
        id: row.id,
        eventId: await eventIdOfViolation(server, row.id),
        kind: row.kind as Delivered['kind'],
        runId: row.run_id,
        policyId: row.policy_id,
        operation: row.operation as Delivered['operation'],
        message: row.message,
        createdAt: row.created_at.toISOString(),
      });
    }

    // Each tenant's next violation marks the end of what its subscribers could have received.
    await report(there, theirRun, ['LOG_PROMPT']);
    const [theirs] = await recordedSince('tenant-b', []);
    expect(idsOf(await untilEvent(otherTenant, theirs))).toEqual([theirs]);
    await report(here, first, ['LOG_RESPONSE']);
    const [marker] = await recordedSince('default', [...before, ...expected]);
    expect(idsOf(await untilEvent(everything, marker))).toEqual([...expected, marker]);
    expect(idsOf(await untilEvent(firstRunOnly, marker))).toEqual([...expectedOfFirst, marker]);
    for (const subscription of [everything, firstRunOnly, otherTenant]) expect(subscription.errors).toEqual([]);
  });

  it("resumes with after: exactly the violations missed while away, then live ones, none twice; with a runId filter, only that run's", async () => {
    const { server } = world;
    const [first, second] = [await newRun(here), await newRun(here)];
    const before = await violationIdsInEventOrder(server, 'default');
    await untilDeliveredSoFar(server);
    const witness = violationRecorded(world.connect(viewerHere));
    const awayClient = world.connect(viewerHere);
    const away = violationRecorded(awayClient);
    await untilSubscribers(server, 2);

    await report(here, first, ['LOG_PROMPT', 'CAPTURE_PII']);
    const seen = await away.until((delivered) => delivered.length === 2);
    await awayClient.dispose();
    await untilSubscribers(server, 1);

    await report(here, second, ['ACCESS_SECRET']);
    await report(here, first, ['LOG_RESPONSE']);
    await breachPhase(first);
    await report(here, second, ['LOG_PROMPT', 'CAPTURE_PII']);
    const missed = (await recordedSince('default', before)).slice(2);
    expect(missed).toHaveLength(5);
    expect(idsOf(await untilEvent(witness, missed.at(-1)!)).slice(2)).toEqual(missed);

    // A client resumes from the eventId of the last violation it received.
    const after = seen[1].eventId!;
    expect(after).toBe(await eventIdOfViolation(server, seen[1].id));
    const resumed = violationRecorded(world.connect(viewerHere), { after });
    const resumedForFirst = violationRecorded(world.connect(viewerHere), { runId: first, after });
    const missedOfFirst = (await recordedSince('default', before, first)).slice(2);
    expect(missedOfFirst).toHaveLength(2);
    expect(idsOf(await resumed.until((delivered) => delivered.length === missed.length))).toEqual(missed);
    expect(idsOf(await resumedForFirst.until((delivered) => delivered.length === missedOfFirst.length))).toEqual(missedOfFirst);

    await report(here, second, ['ACCESS_SECRET']);
    await report(here, first, ['LOG_PROMPT']);
    const live = (await recordedSince('default', before)).slice(2 + missed.length);
    expect(live).toHaveLength(2);
    expect(idsOf(await untilEvent(resumed, live[1]))).toEqual([...missed, ...live]);
    expect(idsOf(await untilEvent(resumedForFirst, live[1]))).toEqual([...missedOfFirst, live[1]]);
    expect(idsOf(await untilEvent(witness, live[1]))).toEqual([...idsOf(seen), ...missed, ...live]);
    for (const subscription of [witness, resumed, resumedForFirst]) expect(subscription.errors).toEqual([]);
  });
});
