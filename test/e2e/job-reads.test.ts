// Job reads through GraphQL on 200 jobs: nested fields cost the same SQL statements for any page size,
// the jobs connection pages, counts and filters correctly, and node(id)/Contract.job/Job.contract resolve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/runtime/request-context.js';
import { ContractJobRoundTripDocument, ContractsWithJobsDocument, GetJobNodeDocument, JobPageThroughFragmentsDocument, ListJobsDocument, type JobFilter, type JobStatus, type ListJobsQuery } from '../generated/graphql.js';
import { proposal } from '../support/fixtures.js';
import { dataOf, errorCode } from '../support/responses.js';
import { requestContextAs } from '../support/runtime-callers.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const JOB_COUNT = 200;
/** A read in its scoped transaction: START TRANSACTION with the scope's setting, the read, COMMIT. */
const STATEMENTS_PER_SCOPED_READ = 3;
/** The API key looked up (the test server does not cache keys): one self-scoped statement. */
const KEY_LOOKUP_STATEMENTS = 1;

/** The statuses a job built here has passed through, by the status it ends in. */
const STATUS_HISTORY: Partial<Record<JobStatus, JobStatus[]>> = { PENDING: ['PENDING'], RUNNING: ['PENDING', 'RUNNING'], COMPLETED: ['PENDING', 'RUNNING', 'COMPLETED'] };

/** A job built for these tests, as the runtime returned it. */
interface BuiltJob {
  id: string;
  contractId: string;
  createdAt: Date;
  status: JobStatus;
}

/** The status job number `index` is left in: PENDING, RUNNING with step 0 recorded, or COMPLETED, in turn. */
function statusFor(index: number): JobStatus {
  return (['PENDING', 'RUNNING', 'COMPLETED'] as const)[index % 3];
}

/**
 * Builds `count` single-step jobs straight through the runtime (no HTTP), one second apart so their
 * createdAt values differ; returns them in creation order (oldest first).
 */
async function buildJobs(server: TestServer, operator: RequestContext, approver: RequestContext, count: number): Promise<BuiltJob[]> {
  const jobs: BuiltJob[] = [];
  for (let index = 0; index < count; index += 1) {
    server.clock.advance(1000);
    const contract = await server.runtime.createContract(operator, { ...proposal(), issueId: `ISSUE-${index}` });
    await server.runtime.approveContract(approver, contract.id, {});
    const { job } = await server.runtime.activateContract(operator, contract.id, {});
    jobs.push({ id: job.id, contractId: contract.id, createdAt: job.createdAt, status: statusFor(index) });
  }
  await Promise.all(jobs.filter((job) => job.status !== 'PENDING').map((job) => driveJob(server, operator, job)));
  return jobs;
}

/** Starts a job, records its one step, and completes it when it should end COMPLETED. */
async function driveJob(server: TestServer, operator: RequestContext, job: BuiltJob): Promise<void> {
  await server.runtime.startJob(operator, job.id);
  await server.runtime.recordStepResult(operator, job.id, { stepIndex: 0, status: 'COMPLETED', output: { ok: true } });
  if (job.status === 'COMPLETED') await server.runtime.completeJob(operator, job.id);
}

/** Ids newest first, as every connection orders them. */
function newestFirst(jobs: BuiltJob[]): string[] {
  return [...jobs].reverse().map((job) => job.id);
}

describe('job reads', () => {
  let server: TestServer;
  let viewer: string;
  let jobs: BuiltJob[];

  beforeAll(async () => {
    // Pages of 200 and 500 jobs with their nested lists cost more than the default limit (README
    // "Query cost"); these tests are about what such pages read, so they raise it.
    server = await startTestServer({ limits: { maxCost: 50_000 } });
    const operator = await requestContextAs(server, 'operator', 'olga');
    const approver = await requestContextAs(server, 'approver', 'april');
    viewer = await server.key('viewer', 'vera');
    jobs = await buildJobs(server, operator, approver, JOB_COUNT);
  });
  afterAll(() => server.close());

  /** Runs `request` and returns its result with the SQL statements it cost. */
  async function withStatementCount<T>(request: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const before = await server.statements();
    const result = await request();
    return { result, statements: (await server.statements()) - before };
  }

  /** Reads a page of 10 and a page of JOB_COUNT through `read`, each with the statements it cost. */
  async function smallAndLargePages<T extends { nodes: unknown[] }>(read: (first: number) => Promise<T>) {
    const small = await withStatementCount(() => read(10));
    const large = await withStatementCount(() => read(JOB_COUNT));
    expect(small.result.nodes).toHaveLength(10);
    expect(large.result.nodes).toHaveLength(JOB_COUNT);
    return { small, large };
  }

  /** Every job matching `filter`, read in one page. */
  async function jobIdsMatching(filter: JobFilter) {
    const { jobs: page } = dataOf(await server.gql(viewer, ListJobsDocument, { filter, first: 500 }));
    return { ids: page.nodes.map((node) => node.id), totalCount: page.totalCount };
  }

  describe('SQL statements per page do not grow with the page size', () => {
    it('jobs with nested contract, stepResults, transitions and progress: 10 and 200 cost the same', async () => {
      const { small, large } = await smallAndLargePages(async (first) => dataOf(await server.gql(viewer, ListJobsDocument, { first })).jobs);
      // The nested fields are really loaded, and each belongs to its own job.
      const built = new Map(jobs.map((job) => [job.id, job]));
      for (const node of large.result.nodes) {
        const job = built.get(node.id)!;
        expect(node.status).toBe(job.status);
        expect(node.contract).toMatchObject({ id: job.contractId, status: 'ACTIVE' });
        expect(node.stepResults).toEqual(job.status === 'PENDING' ? [] : [{ stepIndex: 0, status: 'COMPLETED' }]);
        expect(node.progress).toEqual({ completedSteps: job.status === 'PENDING' ? 0 : 1, failedSteps: 0 });
        expect(node.transitions.map((t) => t.toStatus)).toEqual(STATUS_HISTORY[job.status]);
      }
      // The key's lookup, and one read — the page rows with their total, contracts, step results and
      // transitions (JSON) — in its scoped transaction (README "Row-level security").
      expect(large.statements).toBe(small.statements);
      expect(small.statements).toBe(KEY_LOOKUP_STATEMENTS + STATEMENTS_PER_SCOPED_READ);
    });

    it('reads what fragments, aliases, @include and @skip select, from edges and nodes alike', async () => {
      const { small } = await smallAndLargePages(async (first) => dataOf(await server.gql(viewer, JobPageThroughFragmentsDocument, { first })).jobs);
      const { jobs: plain } = dataOf(await server.gql(viewer, ListJobsDocument, { first: 10 }));
      expect(small.statements).toBe(KEY_LOOKUP_STATEMENTS + STATEMENTS_PER_SCOPED_READ);
      small.result.edges.forEach(({ node }, index) => {
        const expected = plain.nodes[index];
        expect(node.id).toBe(expected.id);
        expect(node.history.map((t) => [t.fromStatus, t.toStatus])).toEqual(expected.transitions.map((t) => [t.fromStatus, t.toStatus]));
        expect(node.history.every((t) => !Number.isNaN(Date.parse(t.at)))).toBe(true);
        expect(node.steps!.map((step) => step.stepIndex)).toEqual(expected.stepResults.map((step) => step.stepIndex));
        expect(node.steps!.every((step) => step.completedAt === null || !Number.isNaN(Date.parse(step.completedAt)))).toBe(true);
        expect(node).not.toHaveProperty('skipped');
        expect(node.contract.title).toBe(expected.contract.title);
        expect(small.result.nodes[index].latest).toEqual(node.history.map((t) => ({ toStatus: t.toStatus })));
        expect(small.result.nodes[index].progress.currentStep).toEqual(expect.any(Number));
      });
    });

    it('contracts with nested transitions and job: 10 and 200 cost the same', async () => {
      const { small, large } = await smallAndLargePages(async (first) => dataOf(await server.gql(viewer, ContractsWithJobsDocument, { first })).contracts);
      const jobOfContract = new Map(jobs.map((job) => [job.contractId, job]));
      for (const node of large.result.nodes) {
        const job = jobOfContract.get(node.id)!;
        expect(node.job).toEqual({ id: job.id, status: job.status });
        expect(node.transitions.map((t) => `${t.toStatus}:${t.actor}`)).toEqual(['DRAFT:olga', 'VALIDATED:olga', 'ELIGIBLE:olga', 'APPROVED:april', 'ACTIVE:olga']);
      }
      // The key's lookup + 3 reads: page rows with their total, and one per loader (transitions, jobs).
      expect(large.statements).toBe(small.statements);
      expect(small.statements).toBe(KEY_LOOKUP_STATEMENTS + 3 * STATEMENTS_PER_SCOPED_READ);
    });
  });

  describe('the jobs connection', () => {
    it('walks every page with `after`: no duplicates, no gaps, newest first, with the total on each page', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: ListJobsQuery['jobs'] = dataOf(await server.gql(viewer, ListJobsDocument, { first: 30, after })).jobs;
        expect(page.totalCount).toBe(JOB_COUNT);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(page.edges.map((edge) => edge.node.id)).toEqual(page.nodes.map((node) => node.id));
        expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
        expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
        seen.push(...page.nodes.map((node) => node.id));
        pages += 1;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(Math.ceil(JOB_COUNT / 30));
      expect(seen).toEqual(newestFirst(jobs));
    });

    it('filters by a list of statuses', async () => {
      const pending = await jobIdsMatching({ status: ['PENDING'] });
      expect(pending.ids).toEqual(newestFirst(jobs.filter((job) => job.status === 'PENDING')));
      expect(pending.totalCount).toBe(pending.ids.length);

      const moving = await jobIdsMatching({ status: ['RUNNING', 'COMPLETED'] });
      expect(moving.ids).toEqual(newestFirst(jobs.filter((job) => job.status !== 'PENDING')));
      expect(moving.totalCount).toBe(moving.ids.length);

      expect(await jobIdsMatching({ status: ['FAILED', 'CANCELLED'] })).toEqual({ ids: [], totalCount: 0 });
    });

    it('filters by contract', async () => {
      const job = jobs[57];
      expect(await jobIdsMatching({ contractId: job.contractId })).toEqual({ ids: [job.id], totalCount: 1 });
    });

    it('filters by creation time, both bounds exclusive', async () => {
      const createdAfter = jobs[49].createdAt.toISOString();
      const createdBefore = jobs[60].createdAt.toISOString();
      expect(await jobIdsMatching({ createdAfter, createdBefore })).toEqual({ ids: newestFirst(jobs.slice(50, 60)), totalCount: 10 });
      expect((await jobIdsMatching({ createdAfter: jobs[189].createdAt.toISOString() })).ids).toEqual(newestFirst(jobs.slice(190)));
      expect((await jobIdsMatching({ createdBefore: jobs[10].createdAt.toISOString() })).ids).toEqual(newestFirst(jobs.slice(0, 10)));
    });

    it('combines filters', async () => {
      const window = { createdAfter: jobs[29].createdAt.toISOString(), createdBefore: jobs[60].createdAt.toISOString() };
      const completedInWindow = jobs.slice(30, 60).filter((job) => job.status === 'COMPLETED');
      expect(await jobIdsMatching({ ...window, status: ['COMPLETED'] })).toEqual({ ids: newestFirst(completedInWindow), totalCount: completedInWindow.length });
    });

    it('refuses a cursor it did not issue as BAD_USER_INPUT', async () => {
      for (const after of ['not-a-cursor', Buffer.from('["yesterday","job_x"]').toString('base64url')]) {
        expect(errorCode(await server.gql(viewer, ListJobsDocument, { first: 10, after }))).toBe('BAD_USER_INPUT');
      }
    });

    it('refuses a page size over 500 (or negative) as BAD_USER_INPUT, and serves exactly 500', async () => {
      expect(errorCode(await server.gql(viewer, ListJobsDocument, { first: 501 }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await server.gql(viewer, ListJobsDocument, { first: -1 }))).toBe('BAD_USER_INPUT');
      expect(dataOf(await server.gql(viewer, ListJobsDocument, { first: 500 })).jobs.nodes).toHaveLength(JOB_COUNT);
    });
  });

  describe('a job by global id, and its contract', () => {
    it('node(id) returns the Job for a job id', async () => {
      const job = jobs[101];
      expect(dataOf(await server.gql(viewer, GetJobNodeDocument, { id: job.id })).node).toEqual({ id: job.id, status: job.status });
    });

    it('node(id) returns null for a job id that does not exist', async () => {
      expect(dataOf(await server.gql(viewer, GetJobNodeDocument, { id: 'job_00000000-0000-0000-0000-000000000000' })).node).toBeNull();
    });

    it('Contract.job and Job.contract point at each other', async () => {
      const job = jobs[7];
      const contract = dataOf(await server.gql(viewer, ContractJobRoundTripDocument, { id: job.contractId })).contract;
      expect(contract).toEqual({ id: job.contractId, job: { id: job.id, contract: { id: job.contractId, job: { id: job.id } } } });
    });
  });
});
