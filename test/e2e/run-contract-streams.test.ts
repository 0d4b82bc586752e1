// Runs and contracts stream like jobs: runEvents and runUpdated carry every event of a run's life —
// created, transitioned, the start_trace ack, completed, its incident, policy evaluation, lesson and
// acks — each with the run as its commit left it; contractEvents carries every contract transition
// with the contract as it was. Both resume with `after` exactly where they stopped, filter, stay
// inside the caller's tenant, and refuse an unknown subject or type at once.
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  ApproveContractDocument,
  CompleteRunDocument,
  ContractEventsDocument,
  RejectContractDocument,
  RunEventsDocument,
  RunUpdatedDocument,
  TransitionRunDocument,
  type ContractEventsSubscription,
  type RunEventsSubscription,
} from '../generated/graphql.js';
import { createContractAs, mintContractCallers } from '../support/contracts.js';
import { idsOf, typesOf, untilEvent, useSubscriptionWorld } from '../support/job-subscriptions.js';
import { untilDeliveredSoFar, untilSubscribers } from '../support/live-delivery.js';
import { dataOf } from '../support/responses.js';
import { createRunAs, mintRunCallers, prepareAgent } from '../support/runs.js';
import { record } from '../support/subscriptions.js';
import type { SubscribingClient } from '../support/subscriptions.js';

type RunEvent = RunEventsSubscription['runEvents'];
type ContractEvent = ContractEventsSubscription['contractEvents'];

const runEvents = (client: SubscribingClient, variables: { types?: string[]; after?: string } = {}) =>
  record(client, print(RunEventsDocument), variables, (data) => data.runEvents as RunEvent);
const runUpdated = (client: SubscribingClient, id: string, after?: string) => record(client, print(RunUpdatedDocument), { id, after }, (data) => data.runUpdated as RunEvent);
const contractEvents = (client: SubscribingClient, variables: { status?: string[]; after?: string } = {}) =>
  record(client, print(ContractEventsDocument), variables, (data) => data.contractEvents as ContractEvent);

/** The types of a run's whole life, as its stream delivers them (traced; the completion teaches one lesson). */
const LIFE = [
  'run.created',
  'run.transitioned',
  'run.transitioned',
  'ack.recorded', // entering EXECUTING with a trace: logs:start_trace
  'run.transitioned',
  'run.transitioned',
  'run.completed',
  'incident.created',
  'policy.evaluated',
  'lesson.created',
  'ack.recorded',
  'ack.recorded',
  'ack.recorded',
  'ack.recorded',
];

describe('run and contract streams', () => {
  const world = useSubscriptionWorld();

  /** Drives a traced run from creation to a completion that teaches CRITICAL_SUCCESS; returns its id. */
  async function liveARun(operator: string, agentId: string): Promise<string> {
    const { server } = world;
    const run = await createRunAs(server, operator, { agentId, goal: 'search the web', traceId: `trace-${agentId}` });
    for (const [phase, status] of [['AUTHORIZED', 'QUEUED'], ['EXECUTING', 'RUNNING'], ['GOVERNANCE_CHECK', 'RUNNING'], ['FINALIZING', 'RUNNING']] as const) {
      dataOf(await server.gql(operator, TransitionRunDocument, { id: run.id, phase, status }));
    }
    dataOf(await server.gql(operator, CompleteRunDocument, { id: run.id, input: { status: 'SUCCEEDED', costCents: 2, policiesChecked: 2 } }));
    return run.id;
  }

  it("streams a run's whole life with its snapshots, resumes with after, filters by type, and refuses what is not there", async () => {
    const { server } = world;
    const callers = await mintRunCallers(server);
    await prepareAgent(server, callers, 'agent-stream');
    await untilDeliveredSoFar(server);
    const viewer = await server.key('viewer', 'vera');
    const tenantWide = runEvents(world.connect(viewer));
    await untilSubscribers(server, 1);

    const runId = await liveARun(callers.operator, 'agent-stream');
    const life = (await tenantWide.until((seen) => seen.length === LIFE.length)).filter((event) => event.run.id === runId);
    expect(typesOf(life)).toEqual(LIFE);
    expect(tenantWide.errors).toEqual([]);

    // Each event carries the run as its commit left it; the plan is the run's (read at delivery).
    expect(life.map((event) => `${event.run.phase}/${event.run.version}`)).toEqual([
      'CREATED/1', 'AUTHORIZED/2', 'EXECUTING/3', 'EXECUTING/3', 'GOVERNANCE_CHECK/4', 'FINALIZING/5', ...Array(8).fill('COMPLETED/6'),
    ]);
    expect(life.every((event) => event.actor === 'otto' && event.run.plan.steps.map((step) => step.skill).includes('web-search'))).toBe(true);
    // The plan's coded warnings are read at delivery like the plan; the reservation travels with the run.
    expect(life.every((event) => event.run.reservedCents === 10 && event.run.planWarnings.length === 0)).toBe(true);
    expect(life[3].ack).toMatchObject({ domain: 'logs', action: 'start_trace', status: 'SUCCESS', rolledBack: false, resultId: 'trace-agent-stream' });
    expect(life[6].run).toMatchObject({ status: 'SUCCEEDED', costCents: 2 });
    expect(life[7].incident).toMatchObject({ outcome: 'SUCCEEDED' });
    expect(life[8].policyEvaluation).toMatchObject({ outcome: 'SUCCEEDED', policiesChecked: 2 });
    expect(life[9].lesson).toMatchObject({ type: 'CRITICAL_SUCCESS', status: 'PENDING' });
    expect(life.slice(10).map((event) => `${event.ack!.domain}:${event.ack!.action}`).sort()).toEqual([
      'incidents:create_incident', 'logs:complete_trace', 'orchestrator:finalize_run', 'policies:evaluate_policy',
    ]);
    for (const event of life) {
      const about = [event.incident, event.policyEvaluation, event.lesson, event.ack].filter((record) => record !== null);
      expect(about).toHaveLength(['run.created', 'run.transitioned', 'run.completed'].includes(event.type) ? 0 : 1);
    }

    // runUpdated resumes after the third event with exactly the rest; runEvents filters by type on replay.
    const client = world.connect(viewer);
    const resumed = runUpdated(client, runId, life[2].id);
    expect(idsOf(await untilEvent(resumed, life[life.length - 1].id))).toEqual(idsOf(life.slice(3)));
    const before = (BigInt(life[0].id) - 1n).toString();
    const filtered = runEvents(client, { types: ['run.completed', 'lesson.created'], after: before });
    expect(typesOf(await untilEvent(filtered, life[9].id))).toEqual(['run.completed', 'lesson.created']);

    const unknownType = runEvents(client, { types: ['run.exploded'] });
    expect(await unknownType.failure()).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
    const unknownRun = runUpdated(client, 'run_missing');
    expect(await unknownRun.failure()).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);

    // Another tenant's viewer: the run is NOT_FOUND, and a replay from the start holds only its own runs.
    const other = await mintRunCallers(server, 'tenant-streams');
    await prepareAgent(server, other, 'agent-other');
    const outsider = world.connect(await server.key('viewer', 'vic', 'tenant-streams'));
    expect(await runUpdated(outsider, runId).failure()).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
    const outsiderReplay = runEvents(outsider, { after: '0' });
    const ownRun = await createRunAs(server, other.operator, { agentId: 'agent-other', goal: 'search' });
    const seenByOutsider = await outsiderReplay.until((seen) => seen.some((event) => event.run.id === ownRun.id));
    expect(seenByOutsider.map((event) => event.run.id)).toEqual([ownRun.id]);
  });

  it('streams every contract transition with the contract as it was, filters by status, and resumes with after', async () => {
    const { server } = world;
    const callers = await mintContractCallers(server);
    await untilDeliveredSoFar(server);
    const viewer = await server.key('viewer', 'vera');
    const client = world.connect(viewer);
    const everything = contractEvents(client);
    const decided = contractEvents(client, { status: ['APPROVED', 'REJECTED'] });
    await untilSubscribers(server, 2);

    const approved = await createContractAs(server, callers.operator);
    dataOf(await server.gql(callers.approver, ApproveContractDocument, { id: approved.id }));
    const rejected = await createContractAs(server, callers.operator);
    dataOf(await server.gql(callers.approver, RejectContractDocument, { id: rejected.id, reason: 'not now' }));

    const all = await everything.until((seen) => seen.length === 4);
    expect(all.map((event) => [event.contract.id, event.type, event.fromStatus, event.contract.status, event.contract.version, event.actor])).toEqual([
      [approved.id, 'contract.created', 'NONE', 'ELIGIBLE', 1, 'olga'],
      [approved.id, 'contract.approved', 'ELIGIBLE', 'APPROVED', 2, 'april'],
      [rejected.id, 'contract.created', 'NONE', 'ELIGIBLE', 1, 'olga'],
      [rejected.id, 'contract.rejected', 'ELIGIBLE', 'REJECTED', 2, 'april'],
    ]);
    expect(all[1].contract.approvedBy).toBe('april');
    expect(all[3].contract.statusReason).toBe('rejected by april: not now');
    expect(idsOf(await decided.until((seen) => seen.length === 2))).toEqual(idsOf([all[1], all[3]]));

    const resumed = contractEvents(world.connect(viewer), { after: all[1].id });
    expect(idsOf(await untilEvent(resumed, all[3].id))).toEqual(idsOf(all.slice(2)));
  });
});
