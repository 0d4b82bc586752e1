// Lessons over GraphQL (DOMAIN.md §4): NEAR_THRESHOLD, CRITICAL_SUCCESS and FAILURE at and just around
// their thresholds, tenant settings moving them, and review — the filtered, paged list, dismissLesson
// and deferLesson with who and why, who may review, and tenants that never see each other's lessons.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AgentBudgetDocument,
  CompleteRunDocument,
  DeferLessonDocument,
  DismissLessonDocument,
  LessonCountsDocument,
  LessonsDocument,
  UpdateGovernanceSettingsDocument,
  UpsertSkillDocument,
  type CompleteRunInput,
  type LessonStatus,
  type SkillInput,
} from '../generated/graphql.js';
import { dataOf, errorCode } from '../support/responses.js';
import { countRows, selectRows } from '../support/rows.js';
import { useRunWorld } from '../support/run-world.js';
import { createRunAs, mintRunCallers, prepareAgent, sampleSkills, type RunCallers } from '../support/runs.js';

/** A skill whose estimate is 100 ¢, so percentages of the plan are whole cents. */
const translate: SkillInput = { name: 'translate', description: 'Translate a text', keywords: ['translate'], estimatedCostCents: 100 };
const skills = [...sampleSkills, translate];
/** Goals whose plans are estimated at 10 ¢ and 100 ¢. */
const CHEAP_GOAL = 'search the web';
const TRANSLATION = 'translate the page';
const HOUR_MS = 3_600_000;

describe('lessons', () => {
  const world = useRunWorld();
  let approver: string;
  let viewer: string;
  beforeAll(async () => {
    approver = await world.server.key('approver', 'april');
    viewer = await world.server.key('viewer', 'vera');
  });

  /** Gives `agentId` the skills and a budget in the callers' tenant. */
  const prepare = (callers: RunCallers, agentId: string, limitCents = 1000) => prepareAgent(world.server, callers, agentId, limitCents, skills);
  /** Creates a run and completes it; returns the completion. */
  async function completeNewRun(callers: RunCallers, agentId: string, goal: string, input: CompleteRunInput) {
    const run = await createRunAs(world.server, callers.operator, { agentId, goal });
    return dataOf(await world.server.gql(callers.operator, CompleteRunDocument, { id: run.id, input })).completeRun;
  }
  const lessonTypesOf = async (callers: RunCallers, agentId: string, goal: string, input: CompleteRunInput) =>
    (await completeNewRun(callers, agentId, goal, input)).run.lessons.map((lesson) => lesson.type);
  /** Spends `cents` of the agent's budget through a completed run that teaches nothing itself below 85 %. */
  const spend = (callers: RunCallers, agentId: string, cents: number) => lessonTypesOf(callers, agentId, CHEAP_GOAL, { status: 'SUCCEEDED', costCents: cents });

  describe('NEAR_THRESHOLD', () => {
    it.each([
      { case: 'stays just under 85 %', agentId: 'agent-near-under', spentBefore: 800, cost: 49, lessons: [] },
      { case: 'reaches exactly 85 %', agentId: 'agent-near-at', spentBefore: 800, cost: 50, lessons: ['NEAR_THRESHOLD'] },
      { case: 'goes from nothing past 85 %', agentId: 'agent-near-jump', spentBefore: 0, cost: 900, lessons: ['NEAR_THRESHOLD'] },
    ])('is taught by a run that $case of the budget', async ({ agentId, spentBefore, cost, lessons }) => {
      await prepare(world, agentId);
      if (spentBefore > 0) expect(await spend(world, agentId, spentBefore)).toEqual([]);
      expect(await spend(world, agentId, cost)).toEqual(lessons);
      const budget = dataOf(await world.server.gql(world.operator, AgentBudgetDocument, { agentId })).agentBudget;
      expect(budget).toMatchObject({ limitCents: 1000, spentCents: spentBefore + cost });
    });

    it('describes the crossing', async () => {
      await prepare(world, 'agent-near-pattern');
      await spend(world, 'agent-near-pattern', 800);
      const [lesson] = (await completeNewRun(world, 'agent-near-pattern', CHEAP_GOAL, { status: 'FAILED', costCents: 60 })).run.lessons;
      expect(lesson).toMatchObject({ type: 'NEAR_THRESHOLD', status: 'PENDING', severity: 'warning', detectedPattern: { usedPercentBefore: 80, usedPercentAfter: 86, thresholdPercent: 85 } });
    });

    it('is not taught again once the budget use is already above the threshold', async () => {
      await prepare(world, 'agent-near-above');
      expect(await spend(world, 'agent-near-above', 860)).toEqual(['NEAR_THRESHOLD']);
      expect(await spend(world, 'agent-near-above', 10)).toEqual([]);
    });

    it('is taught again at 90 % and at 95 %', async () => {
      const agentId = 'agent-near-bands';
      await prepare(world, agentId);
      const bandsOf = async (cents: number) =>
        (await completeNewRun(world, agentId, CHEAP_GOAL, { status: 'FAILED', costCents: cents })).run.lessons.map((lesson) => [lesson.type, (lesson.detectedPattern as { thresholdPercent: number }).thresholdPercent]);
      expect(await bandsOf(860)).toEqual([['NEAR_THRESHOLD', 85]]);
      expect(await bandsOf(39)).toEqual([]);
      expect(await bandsOf(1)).toEqual([['NEAR_THRESHOLD', 90]]);
      expect(await bandsOf(50)).toEqual([['NEAR_THRESHOLD', 95]]);
      expect(await bandsOf(40)).toEqual([]);
    });

    it('is not taught again for the same band within 24 h, even when the budget use fell below it and rose again', async () => {
      const agentId = 'agent-near-debounce';
      await prepare(world, agentId);
      expect(await spend(world, agentId, 800)).toEqual([]);
      world.server.clock.advance(23 * HOUR_MS);
      expect(await spend(world, agentId, 60)).toEqual(['NEAR_THRESHOLD']);
      // The 800 ¢ leave the 24 h window: the use is 6 %, and 800 ¢ more cross 85 % again, 1 h after its lesson.
      world.server.clock.advance(HOUR_MS + 1);
      expect(await spend(world, agentId, 800)).toEqual([]);
      expect(await spend(world, agentId, 40)).toEqual(['NEAR_THRESHOLD']);
    });

    it('counts only what the agent spent inside its window', async () => {
      await prepare(world, 'agent-near-window');
      await spend(world, 'agent-near-window', 800);
      world.server.clock.advance(24 * HOUR_MS + 1);
      expect(await spend(world, 'agent-near-window', 50)).toEqual([]);
    });

    it('is never taught to an agent without a budget', async () => {
      dataOf(await world.server.gql(world.admin, UpsertSkillDocument, { input: { name: 'think', description: 'Think', keywords: ['think'], estimatedCostCents: 0 } }));
      expect(await lessonTypesOf(world, 'agent-unbudgeted', 'think hard', { status: 'FAILED', costCents: 5000 })).toEqual([]);
    });
  });

  describe('CRITICAL_SUCCESS and FAILURE', () => {
    const agentId = 'agent-outcomes';
    beforeAll(() => prepare(world, agentId, 100_000));

    it.each([
      { status: 'SUCCEEDED', cost: 0, lessons: ['CRITICAL_SUCCESS'] },
      { status: 'SUCCEEDED', cost: 50, lessons: ['CRITICAL_SUCCESS'] },
      { status: 'SUCCEEDED', cost: 51, lessons: [] },
      { status: 'SUCCEEDED', cost: 150, lessons: [] },
      { status: 'FAILED', cost: 0, lessons: [] },
      { status: 'CANCELLED', cost: 10, lessons: [] },
      { status: 'RETRY', cost: 0, lessons: [] },
      { status: 'FAILED_POLICY', cost: 0, lessons: ['FAILURE'] },
      { status: 'FAILED_POLICY', cost: 100, lessons: ['FAILURE'] },
    ] as const)('a $status run costing $cost of its 100 ¢ estimate teaches $lessons', async ({ status, cost, lessons }) => {
      expect(await lessonTypesOf(world, agentId, TRANSLATION, { status, costCents: cost, errorCode: status === 'SUCCEEDED' ? null : 'E_OUTCOME' })).toEqual(lessons);
    });

    it('records the lesson on the run, for the agent, once', async () => {
      const completion = await completeNewRun(world, agentId, TRANSLATION, { status: 'FAILED_POLICY', errorCode: 'PII_LEAK' });
      const [lesson] = completion.run.lessons;
      expect(lesson).toMatchObject({ type: 'FAILURE', status: 'PENDING', severity: 'high', detectedPattern: { status: 'FAILED_POLICY', errorCode: 'PII_LEAK' } });
      expect(lesson.description).toContain('PII_LEAK');
      expect(await selectRows(world.server, 'lessons', { run_id: completion.run.id })).toMatchObject([{ id: lesson.id, agent_id: agentId, tenant_id: 'default' }]);
    });
  });

  describe('tenant settings', () => {
    let tenant: RunCallers;
    beforeAll(async () => {
      tenant = await mintRunCallers(world.server, 'tenant-lesson-settings');
      dataOf(await world.server.gql(tenant.admin, UpdateGovernanceSettingsDocument, { nearThresholdPercent: 70, criticalSuccessPercent: 25 }));
    });

    it.each([
      { case: 'stays just under', agentId: 'agent-70-under', cost: 99, lessons: [] },
      { case: 'reaches', agentId: 'agent-70-at', cost: 100, lessons: ['NEAR_THRESHOLD'] },
    ])('NEAR_THRESHOLD follows the tenant’s 70 %: a run that $case it', async ({ agentId, cost, lessons }) => {
      await prepare(tenant, agentId);
      expect(await spend(tenant, agentId, 600)).toEqual([]);
      expect(await spend(tenant, agentId, cost)).toEqual(lessons);
    });

    it('CRITICAL_SUCCESS follows the tenant’s 25 %', async () => {
      await prepare(tenant, 'agent-25');
      expect(await lessonTypesOf(tenant, 'agent-25', TRANSLATION, { status: 'SUCCEEDED', costCents: 25 })).toEqual(['CRITICAL_SUCCESS']);
      expect(await lessonTypesOf(tenant, 'agent-25', TRANSLATION, { status: 'SUCCEEDED', costCents: 26 })).toEqual([]);
    });
  });

  describe('review', () => {
    let review: RunCallers & { approver: string; viewer: string };
    let other: RunCallers & { approver: string };
    /** The tenant's lessons, newest first. */
    let lessonIds: string[];
    /** Each test reviews five fresh lessons in a tenant of its own, so no test sees another's decisions. */
    let reviewTenant: string;
    let reviews = 0;

    beforeAll(async () => {
      const { server } = world;
      other = { ...(await mintRunCallers(server, 'tenant-lesson-other')), approver: await server.key('approver', 'oscar', 'tenant-lesson-other') };
      await prepare(other, 'agent-review');
      await completeNewRun(other, 'agent-review', TRANSLATION, { status: 'FAILED_POLICY' });
    });
    beforeEach(async () => {
      const { server } = world;
      reviews += 1;
      reviewTenant = `tenant-lesson-review-${reviews}`;
      review = { ...(await mintRunCallers(server, reviewTenant)), approver: await server.key('approver', 'april', reviewTenant), viewer: await server.key('viewer', 'vera', reviewTenant) };
      await prepare(review, 'agent-review');
      lessonIds = [];
      for (let index = 0; index < 5; index += 1) {
        const [lesson] = (await completeNewRun(review, 'agent-review', TRANSLATION, { status: 'SUCCEEDED', costCents: index })).run.lessons;
        lessonIds.unshift(lesson.id);
        server.clock.advance(1000);
      }
    });

    const listLessons = async (key: string, variables: { status?: LessonStatus[]; first?: number; after?: string | null } = {}) =>
      dataOf(await world.server.gql(key, LessonsDocument, variables)).lessons;
    const dismiss = (key: string, id: string, reason: string) => world.server.gql(key, DismissLessonDocument, { id, reason });
    const defer = (key: string, id: string, until: Date) => world.server.gql(key, DeferLessonDocument, { id, until: until.toISOString() });
    const inHours = (hours: number) => new Date(world.server.clock.now().getTime() + hours * HOUR_MS);
    const storedLesson = async (id: string) => (await selectRows(world.server, 'lessons', { id }))[0];
    /** Decisions on three of the lessons: 0 dismissed by april, 1 deferred for a week, 2 deferred and then dismissed by ada. */
    async function decideThree() {
      dataOf(await dismiss(review.approver, lessonIds[0], 'expected: cached results'));
      dataOf(await defer(review.approver, lessonIds[1], inHours(24 * 7)));
      dataOf(await defer(review.approver, lessonIds[2], inHours(24)));
      dataOf(await dismiss(review.admin, lessonIds[2], 'no longer relevant'));
    }

    it('lists the tenant’s lessons newest first, a page at a time', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 3; page += 1) {
        const connection = await listLessons(review.viewer, { first: 2, after });
        expect(connection.totalCount).toBe(5);
        seen.push(...connection.nodes.map((node) => node.id));
        expect(connection.pageInfo.hasNextPage).toBe(page < 2);
        after = connection.pageInfo.endCursor ?? null;
      }
      expect(seen).toEqual(lessonIds);
      expect((await listLessons(review.viewer)).nodes.every((node) => node.type === 'CRITICAL_SUCCESS' && node.status === 'PENDING')).toBe(true);
    });

    it('dismisses a lesson with who and why, and then it is IMMUTABLE', async () => {
      const id = lessonIds[0];
      expect(errorCode(await dismiss(review.approver, id, '   '))).toBe('BAD_USER_INPUT');
      expect(errorCode(await world.server.gql(review.approver, 'mutation($id: ID!) { dismissLesson(id: $id) { id } }', { id }))).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(await storedLesson(id)).toMatchObject({ status: 'PENDING', decided_by: null });

      const dismissed = dataOf(await dismiss(review.approver, id, 'expected: cached results')).dismissLesson;
      expect(dismissed).toEqual({ id, status: 'DISMISSED', decidedBy: 'april', decisionReason: 'expected: cached results' });
      expect(await storedLesson(id)).toMatchObject({ status: 'DISMISSED', decided_by: 'april', decision_reason: 'expected: cached results' });

      expect(await countRows(world.server, 'outbox_events', { type: 'lesson.dismissed', tenant_id: reviewTenant })).toBe(1);
      expect(errorCode(await dismiss(review.admin, id, 'again'))).toBe('IMMUTABLE');
      expect(errorCode(await defer(review.admin, id, inHours(1)))).toBe('IMMUTABLE');
      expect(await storedLesson(id)).toMatchObject({ status: 'DISMISSED', decided_by: 'april', decision_reason: 'expected: cached results' });
    });

    it('defers a lesson only until a time in the future, and may defer it again or dismiss it later', async () => {
      const id = lessonIds[1];
      for (const until of [world.server.clock.now(), inHours(-1)]) {
        const refused = await defer(review.admin, id, until);
        expect(errorCode(refused)).toBe('BAD_USER_INPUT');
        expect(refused.errors![0].extensions!.reasons).toEqual(['until must be in the future']);
      }
      expect(await storedLesson(id)).toMatchObject({ status: 'PENDING', deferred_until: null });

      const tomorrow = inHours(24);
      expect(dataOf(await defer(review.admin, id, tomorrow)).deferLesson).toEqual({ id, status: 'DEFERRED', deferredUntil: tomorrow.toISOString(), decidedBy: 'ada' });
      const nextWeek = inHours(24 * 7);
      expect(dataOf(await defer(review.approver, id, nextWeek)).deferLesson).toMatchObject({ status: 'DEFERRED', deferredUntil: nextWeek.toISOString(), decidedBy: 'april' });
      expect(await storedLesson(id)).toMatchObject({ status: 'DEFERRED', deferred_until: nextWeek, decided_by: 'april' });

      const deferredThenDismissed = lessonIds[2];
      dataOf(await defer(review.approver, deferredThenDismissed, tomorrow));
      expect(dataOf(await dismiss(review.admin, deferredThenDismissed, 'no longer relevant')).dismissLesson).toMatchObject({ status: 'DISMISSED', decidedBy: 'ada' });
      expect(await storedLesson(deferredThenDismissed)).toMatchObject({ status: 'DISMISSED', deferred_until: null });
    });

    it('filters the list by status', async () => {
      await decideThree();
      const idsWith = async (status?: LessonStatus[]) => (await listLessons(review.viewer, { status })).nodes.map((node) => node.id);
      expect(await idsWith(['PENDING'])).toEqual([lessonIds[3], lessonIds[4]]);
      expect(await idsWith(['DEFERRED'])).toEqual([lessonIds[1]]);
      expect(await idsWith(['DISMISSED'])).toEqual([lessonIds[0], lessonIds[2]]);
      expect(await idsWith(['DEFERRED', 'DISMISSED'])).toEqual([lessonIds[0], lessonIds[1], lessonIds[2]]);
      expect(await idsWith(['CONVERTED_TO_DRAFT'])).toEqual([]);
      expect(await idsWith()).toEqual(lessonIds);
      const page = await listLessons(review.viewer, { status: ['DISMISSED'], first: 1 });
      expect(page).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
      expect(page.nodes[0]).toMatchObject({ id: lessonIds[0], decidedBy: 'april', decisionReason: 'expected: cached results' });
    });

    it('counts the tenant’s lessons by type and status', async () => {
      await decideThree();
      const counts = async (key: string) => dataOf(await world.server.gql(key, LessonCountsDocument, {})).lessonCounts;
      expect(await counts(review.viewer)).toEqual([
        { type: 'CRITICAL_SUCCESS', status: 'DEFERRED', count: 1 },
        { type: 'CRITICAL_SUCCESS', status: 'DISMISSED', count: 2 },
        { type: 'CRITICAL_SUCCESS', status: 'PENDING', count: 2 },
      ]);
      expect(await counts(other.approver)).toEqual([{ type: 'FAILURE', status: 'PENDING', count: 1 }]);
    });

    it('returns a deferred lesson to PENDING when its time passes (sweeper), not 1 ms before, with its history and events', async () => {
      const { server } = world;
      const id = lessonIds[3];
      dataOf(await defer(review.approver, id, inHours(1)));
      server.clock.advance(HOUR_MS - 1);
      expect(await server.runtime.sweepLessons()).toBe(0);
      expect(await storedLesson(id)).toMatchObject({ status: 'DEFERRED', decided_by: 'april' });

      server.clock.advance(1);
      expect(await server.runtime.sweepLessons()).toBe(1);
      expect(await storedLesson(id)).toMatchObject({ status: 'PENDING', deferred_until: null, decided_by: null, decision_reason: null });
      expect(await server.runtime.sweepLessons()).toBe(0);
      const history = await selectRows(server, 'transitions', { subject_id: id });
      expect(history.map((row) => [row.subject_type, row.from_status, row.to_status, row.actor])).toEqual([
        ['lesson', 'PENDING', 'DEFERRED', 'april'],
        ['lesson', 'DEFERRED', 'PENDING', 'system:sweeper'],
      ]);
      expect(history[1].reason).toMatch(/^deferral ended at /);
      const events = await selectRows(server, 'outbox_events', { subject_id: String((await storedLesson(id)).run_id), tenant_id: reviewTenant });
      expect(events.filter((event) => String(event.type).startsWith('lesson.') && event.type !== 'lesson.created').map((event) => [event.type, event.actor])).toEqual([
        ['lesson.deferred', 'april'],
        ['lesson.returned', 'system:sweeper'],
      ]);
    });

    it('lets only approvers and admins review', async () => {
      const id = lessonIds[4];
      for (const key of [review.operator, review.viewer]) {
        expect(errorCode(await dismiss(key, id, 'not mine to decide'))).toBe('FORBIDDEN');
        expect(errorCode(await defer(key, id, inHours(1)))).toBe('FORBIDDEN');
      }
      expect(await storedLesson(id)).toMatchObject({ status: 'PENDING', decided_by: null, deferred_until: null });
      expect((await listLessons(review.operator)).totalCount).toBe(5);
    });

    it('never shows or lets another tenant review a lesson (NOT_FOUND)', async () => {
      const id = lessonIds[3];
      expect(errorCode(await dismiss(other.approver, id, 'not yours'))).toBe('NOT_FOUND');
      expect(errorCode(await defer(other.admin, id, inHours(1)))).toBe('NOT_FOUND');
      expect(errorCode(await dismiss(review.approver, 'les_missing', 'gone'))).toBe('NOT_FOUND');
      expect(await storedLesson(id)).toMatchObject({ status: 'PENDING', decided_by: null });
      const others = await listLessons(other.approver);
      expect(others.totalCount).toBe(1);
      expect(others.nodes[0]).toMatchObject({ type: 'FAILURE' });
      expect(lessonIds).not.toContain(others.nodes[0].id);
      expect((await listLessons(approver)).nodes.map((node) => node.id)).not.toContain(id);
      expect((await listLessons(viewer)).nodes.map((node) => node.id)).not.toContain(others.nodes[0].id);
    });
  });
});
