// The job page P4 and P5 read: jobs(first: n) with nested contract, stepResults and transitions —
// as a GraphQL document, and as one hand-written SQL query producing the same JSON.

/** The page size P5 reads (a console's page of 100 jobs). */
export const JOB_PAGE_FIRST = 100;

/** The GraphQL document. */
export const JOB_PAGE = `query BenchJobs($first: Int) {
  jobs(first: $first) {
    totalCount
    nodes {
      id status createdAt
      contract { id status }
      stepResults { stepIndex status output }
      transitions { fromStatus toStatus actor at }
    }
  }
}`;

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The same answer (`{ jobs: … }`) in one statement: $1 tenant, $2 page size. */
export const JOB_PAGE_SQL = `
WITH page AS (
  SELECT j.id, j.tenant_id, j.status, j.created_at, j.contract_id FROM jobs j
  WHERE j.tenant_id = $1 ORDER BY j.created_at DESC, j.id DESC LIMIT $2)
SELECT json_build_object('jobs', json_build_object(
  'totalCount', (SELECT count(*) FROM jobs WHERE tenant_id = $1),
  'nodes', coalesce((
    SELECT json_agg(json_build_object(
      'id', p.id,
      'status', p.status,
      'createdAt', to_char(p.created_at AT TIME ZONE 'UTC', ${ISO}),
      'contract', (SELECT json_build_object('id', c.id, 'status', c.status) FROM contracts c WHERE c.tenant_id = p.tenant_id AND c.id = p.contract_id),
      'stepResults', coalesce((
        SELECT json_agg(json_build_object('stepIndex', s.step_index, 'status', s.status, 'output', s.output) ORDER BY s.step_index)
        FROM step_results s WHERE s.tenant_id = p.tenant_id AND s.job_id = p.id), '[]'),
      'transitions', coalesce((
        SELECT json_agg(json_build_object('fromStatus', t.from_status, 'toStatus', t.to_status, 'actor', t.actor, 'at', to_char(t.at AT TIME ZONE 'UTC', ${ISO})) ORDER BY t.id)
        FROM transitions t WHERE t.tenant_id = p.tenant_id AND t.subject_id = p.id), '[]')
    ) ORDER BY p.created_at DESC, p.id DESC)
    FROM page p), '[]'))) AS body`;

/** Jobs the bench reads pages of (the largest page, 500, reads them all). */
export const JOB_COUNT = 500;
