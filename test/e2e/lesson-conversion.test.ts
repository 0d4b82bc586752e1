// convertLessonToDraft over GraphQL: a PENDING lesson becomes a DRAFT contract drafted from it
// (lessonId), with the lesson CONVERTED_TO_DRAFT, its history and the lesson.converted and
// contract.created events, in one commit; converting again is a CONFLICT that writes nothing; other
// statuses, other tenants and roles that do not review are refused with nothing written.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ApproveContractDocument,
  CompleteRunDocument,
  ContractLessonDocument,
  ConvertLessonToDraftDocument,
  DeferLessonDocument,
  DismissLessonDocument,
  RejectContractDocument,
  type CompleteRunInput,
} from '../generated/graphql.js';
import { dataOf, errorCode } from '../support/responses.js';
import { countRows, selectRows } from '../support/rows.js';
import { tableRowCounts } from '../support/table-counts.js';
import { useRunWorld } from '../support/run-world.js';
import { createRunAs, mintRunCallers, prepareAgent, type RunCallers } from '../support/runs.js';
import { whileWritesRefused } from '../support/write-faults.js';

const TENANT = 'tenant-lesson-drafts';
const AGENT = 'agent-drafts';
/** A goal whose plan is estimated at 10 ¢ (web-search). */
const GOAL = 'search the web';

describe('convertLessonToDraft', () => {
  const world = useRunWorld();
  let callers: RunCallers & { approver: string; viewer: string };
  let other: RunCallers & { approver: string };

  beforeAll(async () => {
    const { server } = world;
    callers = { ...(await mintRunCallers(server, TENANT)), approver: await server.key('approver', 'april', TENANT), viewer: await server.key('viewer', 'vera', TENANT) };
    other = { ...(await mintRunCallers(server, 'tenant-lesson-drafts-other')), approver: await server.key('approver', 'oscar', 'tenant-lesson-drafts-other') };
    await prepareAgent(server, callers, AGENT, 100_000);
    await prepareAgent(server, other, AGENT, 100_000);
  });

  /** Completes a new run of the tenant's agent; returns the one lesson it teaches (CRITICAL_SUCCESS at up to 5 ¢ of its 10 ¢ estimate). */
  async function lessonFrom(input: CompleteRunInput, as: RunCallers = callers) {
    const run = await createRunAs(world.server, as.operator, { agentId: AGENT, goal: GOAL });
    const [lesson] = dataOf(await world.server.gql(as.operator, CompleteRunDocument, { id: run.id, input })).completeRun.run.lessons;
    return { ...lesson, runId: run.id };
  }
  const convert = (key: string, id: string) => world.server.gql(key, ConvertLessonToDraftDocument, { id });
  const storedLesson = async (id: string) => (await selectRows(world.server, 'lessons', { id }))[0];
  /** Everything a conversion writes: contracts, transitions, events, idempotency records and the lessons' statuses. */
  const writtenState = async () => ({ ...(await tableRowCounts(world.server)), lessons: await selectRows(world.server, 'lessons', { tenant_id: TENANT }) });

  it('converts a PENDING lesson to a DRAFT contract drafted from it, recording who did it, in one commit', async () => {
    const { server } = world;
    const lesson = await lessonFrom({ status: 'FAILED_POLICY', errorCode: 'PII_LEAK' });
    expect(lesson).toMatchObject({ type: 'FAILURE', status: 'PENDING' });

    const { lesson: converted, contract } = dataOf(await convert(callers.approver, lesson.id)).convertLessonToDraft;
    const reason = `converted to draft contract ${contract.id}`;
    expect(converted).toEqual({ id: lesson.id, status: 'CONVERTED_TO_DRAFT', decidedBy: 'april', decisionReason: reason });
    expect(contract).toMatchObject({
      status: 'DRAFT',
      version: 1,
      lessonId: lesson.id,
      issueId: lesson.id,
      source: 'OPS_ALERT',
      title: 'Run failed a policy',
      riskLevel: 'HIGH',
      confidenceScore: 1,
      affectedCapabilities: [],
      createdBy: 'april',
      approvedBy: null,
      statusReason: `created from lesson ${lesson.id}`,
      proposedChanges: [{ type: 'PARAMETER_CHANGE', scope: AGENT, parameters: { review: 'POLICY_COMPLIANCE', observed: { status: 'FAILED_POLICY', errorCode: 'PII_LEAK' } } }],
      validatorVerdict: { issueType: 'FAILURE', severity: 'high', confidenceScore: 1, validatorVersion: 'lesson-draft/1' },
      eligibilityVerdict: { decision: 'MAY', rulesVersion: 'lesson-draft/1' },
      transitions: [{ fromStatus: 'NONE', toStatus: 'DRAFT', reason: `created from lesson ${lesson.id}`, actor: 'april' }],
    });
    expect(contract.description).toContain('PII_LEAK');
    expect(contract.description).toContain(`Drafted from lesson ${lesson.id} (FAILURE) of run ${lesson.runId} for agent ${AGENT}`);
    expect(dataOf(await server.gql(callers.viewer, ContractLessonDocument, { id: contract.id })).contract).toEqual({ id: contract.id, status: 'DRAFT', lessonId: lesson.id });

    expect(await selectRows(server, 'contracts', { lesson_id: lesson.id })).toMatchObject([{ id: contract.id, tenant_id: TENANT, status: 'DRAFT', created_by: 'april' }]);
    expect(await storedLesson(lesson.id)).toMatchObject({ status: 'CONVERTED_TO_DRAFT', decided_by: 'april', decision_reason: reason });
    const history = await selectRows(server, 'transitions', { subject_id: lesson.id });
    expect(history.map((row) => [row.subject_type, row.from_status, row.to_status, row.actor, row.reason])).toEqual([['lesson', 'PENDING', 'CONVERTED_TO_DRAFT', 'april', reason]]);
    // This conversion's events only: the tenant's other tests convert lessons too.
    const events = await selectRows(server, 'outbox_events', { tenant_id: TENANT, type: ['lesson.converted', 'contract.created'], subject_id: [contract.id, lesson.runId] });
    expect(events.map((event) => [event.type, event.subject_type, event.subject_id, event.actor])).toEqual([
      ['contract.created', 'contract', contract.id, 'april'],
      ['lesson.converted', 'run', lesson.runId, 'april'],
    ]);
    expect(events[1].payload).toMatchObject({ runId: lesson.runId, lesson: { id: lesson.id, status: 'CONVERTED_TO_DRAFT', decidedBy: 'april' } });
    const writers = await server.database.dataSource.query(
      // An event's row is rewritten by the sequencer (its position); `xid` keeps the transaction that wrote it.
      `SELECT DISTINCT writer FROM (SELECT xmin::text AS writer FROM contracts WHERE id = $1 UNION ALL SELECT xmin::text FROM lessons WHERE id = $2
        UNION ALL SELECT xmin::text FROM transitions WHERE subject_id IN ($1, $2)
        UNION ALL SELECT (xid::text::numeric % 4294967296)::text FROM outbox_events WHERE subject_id IN ($1, $3) AND type IN ('contract.created', 'lesson.converted')) AS written`,
      [contract.id, lesson.id, lesson.runId],
    );
    expect(writers).toHaveLength(1);
  });

  it('refuses to convert a lesson twice (CONFLICT) and writes nothing', async () => {
    const lesson = await lessonFrom({ status: 'SUCCEEDED', costCents: 0 });
    const { contract } = dataOf(await convert(callers.admin, lesson.id)).convertLessonToDraft;
    expect(contract).toMatchObject({ status: 'DRAFT', lessonId: lesson.id, riskLevel: 'LOW', createdBy: 'ada' });
    const before = await writtenState();

    for (const key of [callers.admin, callers.approver]) {
      const refused = await convert(key, lesson.id);
      expect(errorCode(refused)).toBe('CONFLICT');
      expect(refused.errors![0].extensions).toEqual({ code: 'CONFLICT', status: 'CONVERTED_TO_DRAFT', requestId: expect.any(String) });
    }
    expect(await writtenState()).toEqual(before);
    expect(await countRows(world.server, 'contracts', { lesson_id: lesson.id })).toBe(1);
  });

  it('converts only PENDING lessons: a deferred one is an INVALID_TRANSITION, a dismissed one IMMUTABLE, with nothing written', async () => {
    const { server } = world;
    const deferred = await lessonFrom({ status: 'SUCCEEDED', costCents: 1 });
    const dismissed = await lessonFrom({ status: 'SUCCEEDED', costCents: 2 });
    dataOf(await server.gql(callers.approver, DeferLessonDocument, { id: deferred.id, until: new Date(server.clock.now().getTime() + 3_600_000).toISOString() }));
    dataOf(await server.gql(callers.approver, DismissLessonDocument, { id: dismissed.id, reason: 'known' }));
    const before = await writtenState();

    expect(errorCode(await convert(callers.approver, deferred.id))).toBe('INVALID_TRANSITION');
    expect(errorCode(await convert(callers.approver, dismissed.id))).toBe('IMMUTABLE');
    expect(await writtenState()).toEqual(before);
  });

  it('is NOT_FOUND for another tenant’s lesson and an unknown one, with nothing written', async () => {
    const lesson = await lessonFrom({ status: 'SUCCEEDED', costCents: 3 });
    const before = await writtenState();
    expect(errorCode(await convert(other.approver, lesson.id))).toBe('NOT_FOUND');
    expect(errorCode(await convert(other.admin, lesson.id))).toBe('NOT_FOUND');
    expect(errorCode(await convert(callers.approver, 'les_missing'))).toBe('NOT_FOUND');
    expect(await writtenState()).toEqual(before);
    expect(await storedLesson(lesson.id)).toMatchObject({ status: 'PENDING', decided_by: null });
  });

  it('lets only approvers and admins convert (viewers and operators are FORBIDDEN), with nothing written', async () => {
    const lesson = await lessonFrom({ status: 'SUCCEEDED', costCents: 4 });
    const before = await writtenState();
    for (const key of [callers.viewer, callers.operator]) expect(errorCode(await convert(key, lesson.id))).toBe('FORBIDDEN');
    expect(await writtenState()).toEqual(before);
    expect(await storedLesson(lesson.id)).toMatchObject({ status: 'PENDING', decided_by: null });
  });

  it('writes nothing when any write of the conversion fails (the lesson.converted event), and a retry converts', async () => {
    const { server } = world;
    const lesson = await lessonFrom({ status: 'SUCCEEDED', costCents: 5 });
    const before = await writtenState();
    const failed = await whileWritesRefused(server, { table: 'outbox_events', event: 'INSERT', when: `NEW.type = 'lesson.converted'` }, () => convert(callers.approver, lesson.id));
    expect(errorCode(failed)).toBe('INTERNAL');
    expect(await writtenState()).toEqual(before);
    expect(await countRows(server, 'contracts', { lesson_id: lesson.id })).toBe(0);

    expect(dataOf(await convert(callers.approver, lesson.id)).convertLessonToDraft.lesson.status).toBe('CONVERTED_TO_DRAFT');
  });

  it('leaves the draft unapprovable until it is validated; it may be rejected', async () => {
    const { server } = world;
    const lesson = await lessonFrom({ status: 'FAILED_POLICY' });
    const { contract } = dataOf(await convert(callers.approver, lesson.id)).convertLessonToDraft;
    expect(errorCode(await server.gql(callers.admin, ApproveContractDocument, { id: contract.id }))).toBe('INVALID_TRANSITION');
    expect(dataOf(await server.gql(callers.admin, RejectContractDocument, { id: contract.id, reason: 'estimates are fine' })).rejectContract).toMatchObject({ status: 'REJECTED', createdBy: 'april' });
  });
});
