// Compiled page reads: a query's `jobs` fields answered with the JSON PostgreSQL builds say exactly
// what graphql-js says — the same keys in the same order, the same values — for every shape the
// compiler accepts (aliases, fragments, @skip/@include, edges, cursors, filters, pages past the end,
// other root fields beside it), and shapes or requests it does not accept are answered by graphql-js
// as before. The reference is a second instance on the same database with compiled reads off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/runtime/request-context.js';
import { proposal } from '../support/fixtures.js';
import { requestContextAs } from '../support/runtime-callers.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const JOB_FIELDS = 'id version status statusReason currentStepIndex totalSteps healthBefore healthAfter auditEvidence createdAt startedAt completedAt timeoutAt createdBy';
const CONTRACT_FIELDS =
  'id version issueId source status statusReason title description affectedCapabilities riskLevel confidenceScore validatorVerdict eligibilityVerdict createdBy approvedBy approvedAt activationWindowStart activationWindowEnd executionConstraints auditVerdict auditReason auditCompletedAt createdAt updatedAt expiresAt lessonId';
const EVERY_FIELD = `${JOB_FIELDS} progress { currentStep totalSteps completedSteps failedSteps } contract { ${CONTRACT_FIELDS} } stepResults { stepIndex status startedAt completedAt output error healthAfter } transitions { fromStatus toStatus reason actor at }`;

/** Text that JSON must escape, and text it must not touch. */
const AWKWARD = 'quote " apostrophe \' backslash \\ newline \n tab \t bell \u0007 é 字 🚀 </script>';

/** Documents compiled, each with its variables. */
const COMPILED: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  'the bench page (P5)': { query: 'query($first: Int) { jobs(first: $first) { totalCount nodes { id status createdAt contract { id status } stepResults { stepIndex status output } transitions { fromStatus toStatus actor at } } } }', variables: { first: 100 } },
  'every column of a job, its contract, step results, transitions and progress': { query: `{ jobs(first: 500) { nodes { ${EVERY_FIELD} } } }` },
  "the console's list: another root field, a fragment": {
    query: `query JobList($filter: JobFilter, $first: Int, $after: String) { latestEventId jobs(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ...JobRow } } }
      fragment JobRow on Job { id version status statusReason currentStepIndex totalSteps createdAt startedAt completedAt progress { completedSteps failedSteps totalSteps } contract { id title } }`,
    variables: { first: 20 },
  },
  'edges, cursors, page info and __typename at every level': { query: '{ jobs(first: 7) { __typename edges { __typename cursor node { __typename id } } pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor } totalCount } }' },
  'aliases, repeated fields merged, inline fragments on the type and on Node, @skip and @include': {
    query: `query($yes: Boolean!, $no: Boolean!) { page: jobs(first: 5) { count: totalCount nodes { key: id id status @include(if: $yes) createdAt @skip(if: $yes) ... on Job { at: createdAt contract { title } } ... on Node { id } ...Extra @include(if: $no) contract { id } } } }
      fragment Extra on Job { createdBy }`,
    variables: { yes: true, no: false },
  },
  'two pages under two aliases': { query: '{ newest: jobs(first: 2) { nodes { id } } running: jobs(first: 3, filter: { status: [RUNNING] }) { totalCount nodes { id status } } }' },
  'filters: statuses, a window of creation times': { query: 'query($filter: JobFilter) { jobs(first: 50, filter: $filter) { totalCount nodes { id status createdAt } } }', variables: { filter: { status: ['COMPLETED', 'CANCELLED'], createdAfter: '2026-01-01T00:00:05.000Z', createdBefore: '2026-01-01T00:01:00.000Z' } } },
  'an empty page (first: 0)': { query: '{ jobs(first: 0) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id } edges { cursor } } }' },
  'no page size: the default': { query: '{ jobs { totalCount nodes { id } } }' },
};

/** Documents graphql-js answers (the compiler declines them): the answer is the same. */
const DECLINED: Record<string, string> = {
  'steps (objects stored as JSON)': '{ jobs(first: 3) { nodes { id steps { stepIndex stepType target parameters timeoutSeconds } } } }',
  "a contract's transitions": '{ jobs(first: 3) { nodes { id contract { id transitions { toStatus } } } } }',
  "a contract's proposed changes": '{ jobs(first: 3) { nodes { contract { proposedChanges { type capabilityName } } } } }',
  'a page size over the maximum (an error)': '{ jobs(first: 501) { nodes { id } } }',
  'a cursor this server did not issue (an error)': '{ jobs(first: 3, after: "nonsense") { nodes { id } } }',
  'a root fragment holding the page': '{ ...Page } fragment Page on Query { jobs(first: 2) { nodes { id } } }',
};

describe('compiled page reads', () => {
  let server: TestServer;
  let referenceUrl: string;
  let viewer: string;
  let otherTenant: string;

  beforeAll(async () => {
    server = await startTestServer({ limits: { maxCost: 100_000, maxBatch: 5 } });
    const operator = await requestContextAs(server, 'operator', 'olga');
    const approver = await requestContextAs(server, 'approver', 'april');
    await buildJobs(server, operator, approver, 24);
    await buildJobs(server, await requestContextAs(server, 'operator', 'otto', 'acme'), await requestContextAs(server, 'approver', 'ada', 'acme'), 3);
    viewer = await server.key('viewer', 'vera');
    otherTenant = await server.key('viewer', 'vic', 'acme');
    referenceUrl = (await server.startInstance({ compiledReads: false })).server.url;
  }, 120_000);
  afterAll(() => server.close());

  /** The response's text at `url`, with its status. */
  async function post(url: string, key: string, query: string, variables?: Record<string, unknown>) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, text: await response.text() };
  }

  /** The compiled instance's count of `jobs` fields answered by `outcome`. */
  async function counted(outcome: 'compiled' | 'executed'): Promise<number> {
    const text = await (await fetch(new URL('/metrics', server.url))).text();
    const line = text.split('\n').find((entry) => entry.startsWith(`graphql_compiled_reads_total{field="jobs",outcome="${outcome}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  /** Asks both instances; the answers must be equal, member order included (JSON whitespace aside). */
  async function sameAnswer(key: string, query: string, variables?: Record<string, unknown>) {
    const [compiled, reference] = await Promise.all([post(server.url, key, query, variables), post(referenceUrl, key, query, variables)]);
    expect(compiled.status).toBe(reference.status);
    // Each request has its own id; everything else is the same.
    const canonical = (text: string) => JSON.stringify(JSON.parse(text)).replace(/"requestId":"[^"]+"/g, '"requestId":"…"');
    expect(canonical(compiled.text)).toBe(canonical(reference.text));
    return JSON.parse(compiled.text) as { data?: Record<string, { nodes?: { id: string }[]; pageInfo?: { endCursor: string } }> | null; errors?: unknown[] };
  }

  it.each(Object.entries(COMPILED))('%s: compiled, and the answer graphql-js gives', async (_name, { query, variables }) => {
    const before = await counted('compiled');
    const answer = await sameAnswer(viewer, query, variables);
    expect(answer.errors).toBeUndefined();
    expect(await counted('compiled')).toBeGreaterThan(before);
  });

  it.each(Object.entries(DECLINED))('%s: left to graphql-js, which answers as before', async (_name, query) => {
    const before = await counted('executed');
    await sameAnswer(viewer, query);
    if (!query.includes('...Page')) expect(await counted('executed')).toBe(before + 1);
  });

  it('pages through every job with the cursors it issues, to a page past the end', async () => {
    const query = 'query($after: String) { jobs(first: 5, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }';
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 6; page += 1) {
      const answer = await sameAnswer(viewer, query, { after });
      const jobs = answer.data!.jobs as unknown as { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] };
      seen.push(...jobs.edges.map((edge) => edge.node.id));
      if (!jobs.pageInfo.hasNextPage) break;
      after = jobs.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
    // After the last job: an empty page, still counting them all.
    const last = JSON.parse((await post(server.url, viewer, '{ jobs(first: 24) { pageInfo { endCursor } } }')).text) as { data: { jobs: { pageInfo: { endCursor: string } } } };
    const past = await sameAnswer(viewer, query, { after: last.data.jobs.pageInfo.endCursor });
    expect(past.data!.jobs).toMatchObject({ totalCount: 24, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } });
  });

  it("filters by a job's contract", async () => {
    const [job] = (await sameAnswer(viewer, '{ jobs(first: 1, filter: { status: [CANCELLED] }) { nodes { id contract { id } } } }')).data!.jobs.nodes as unknown as { id: string; contract: { id: string } }[];
    const answer = await sameAnswer(viewer, 'query($id: ID) { jobs(filter: { contractId: $id }) { totalCount nodes { id } } }', { id: job.contract.id });
    expect(answer.data!.jobs).toEqual({ totalCount: 1, nodes: [{ id: job.id }] });
  });

  it('answers batched requests and GET requests as graphql-js does', async () => {
    const batch = JSON.stringify([{ query: COMPILED['the bench page (P5)'].query, variables: { first: 3 } }, { query: DECLINED['steps (objects stored as JSON)'] }, { query: '{ jobs(first: 2) { nodes { id } } }' }]);
    const send = async (url: string, init: RequestInit) => (await (await fetch(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${viewer}` } })).text()).replace(/"requestId":"[^"]+"/g, '');
    const canonical = (text: string) => JSON.stringify(JSON.parse(text));
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: batch };
    expect(canonical(await send(server.url, post))).toBe(canonical(await send(referenceUrl, post)));
    const query = `?query=${encodeURIComponent('{ jobs(first: 4) { totalCount edges { cursor node { id createdAt } } } }')}`;
    const get = { method: 'GET', headers: { 'apollo-require-preflight': 'true' } };
    const [compiled, reference] = [await send(server.url + query, get), await send(referenceUrl + query, get)];
    expect(JSON.parse(compiled).data.jobs.edges).toHaveLength(4);
    expect(canonical(compiled)).toBe(canonical(reference));
  });

  it("reads only the caller's tenant", async () => {
    const mine = await sameAnswer(otherTenant, `{ jobs(first: 50) { totalCount nodes { id contract { id title } stepResults { output } transitions { actor } } } }`);
    const theirs = await sameAnswer(viewer, '{ jobs(first: 50) { nodes { id } } }');
    expect(mine.data!.jobs).toMatchObject({ totalCount: 3 });
    const ids = new Set(theirs.data!.jobs.nodes!.map((node) => node.id));
    expect(mine.data!.jobs.nodes!.filter((node) => ids.has(node.id))).toEqual([]);
  });

  it('keeps strings, JSON values and instants exact (escapes, unicode, nested JSON, numbers)', async () => {
    const answer = await sameAnswer(viewer, '{ jobs(first: 500) { nodes { statusReason contract { description } stepResults { output error } } } }');
    const text = JSON.stringify(answer);
    expect(text).toContain(JSON.stringify(AWKWARD).slice(1, -1));
    expect(answer.data!.jobs.nodes!.some((node) => JSON.stringify(node).includes('"ratio":0.1'))).toBe(true);
  });
});

/**
 * Builds `count` jobs in the caller's tenant one second apart: PENDING, RUNNING with a result,
 * COMPLETED with three results, CANCELLED with an awkward reason, in turn; text and JSON that
 * JSON must escape in descriptions, outputs and errors.
 */
async function buildJobs(server: TestServer, operator: RequestContext, approver: RequestContext, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    server.clock.advance(1000);
    const contract = await server.runtime.createContract(operator, { ...proposal(), issueId: `ISSUE-${index}`, description: index % 2 ? AWKWARD : null });
    await server.runtime.approveContract(approver, contract.id, {});
    const { job } = await server.runtime.activateContract(operator, contract.id, {});
    const state = index % 4;
    if (state === 0) continue;
    await server.runtime.startJob(operator, job.id);
    await server.runtime.recordStepResult(operator, job.id, { stepIndex: 0, status: state === 3 ? 'FAILED' : 'COMPLETED', output: { text: AWKWARD, ratio: 0.1, big: 12345678901234, nested: { list: [1, 'two', null, { three: true }] } }, error: state === 3 ? AWKWARD : null });
    if (state === 2) await server.runtime.completeJob(operator, job.id);
    if (state === 3) await server.runtime.cancelJob(operator, job.id, AWKWARD);
  }
}
