// Driver: reads runs of one tenant — by id, a filtered keyset page (agent, phase, status,
// reconciliation, synthetic flag), the stale-run scan, and memory hits ranked by full-text
// relevance of goal and outcome.
import { RunEntity } from '../../entities/index.js';
import type { MemoryHit } from '../engines/memory-context.js';
import type { RunFilter } from '../engines/run-requests.js';
import type { CursorPosition } from '../engines/page-cursor.js';
import type { RunRecord } from '../records.js';
import { keysetPage } from './keyset-page.js';
import { rowsByKeys } from './plain-rows.js';
import type { Reader } from '../scoped-transactions.js';

/** One run of the tenant, or null. */
export async function findRun(reader: Reader, tenantId: string, id: string): Promise<RunRecord | null> {
  return reader.manager.findOneBy(RunEntity, { tenantId, id });
}

/** The tenant's runs with these ids (one statement, whatever the count). */
export async function findRuns(reader: Reader, tenantId: string, ids: readonly string[]): Promise<RunRecord[]> {
  return rowsByKeys(reader, RunEntity, tenantId, 'id', ids);
}

/** Acks that stand (not rolled back) for the run `r`, of the expectation `e` when `matching`. */
const standingAcks = (matching: string) => `SELECT 1 FROM domain_acks a WHERE a.tenant_id = r.tenant_id AND a.run_id = r.id AND a.status <> 'ROLLED_BACK'${matching}`;
const sameKey = ' AND a.domain = e.domain AND a.action = e.action';

/** The run's reconciliation status at `:now`, in SQL, as the run-audit engine's `reconcile` decides it. */
const RECONCILIATION_STATUS = `CASE
  WHEN NOT EXISTS (SELECT 1 FROM audit_expectations e WHERE e.tenant_id = r.tenant_id AND e.run_id = r.id AND NOT EXISTS (${standingAcks(sameKey)}))
   AND NOT EXISTS (${standingAcks(" AND (a.status = 'FAILED' OR NOT EXISTS (SELECT 1 FROM audit_expectations e WHERE e.tenant_id = a.tenant_id AND e.run_id = a.run_id" + sameKey + '))')})
  THEN 'COMPLETE'
  WHEN EXISTS (SELECT 1 FROM audit_expectations e WHERE e.tenant_id = r.tenant_id AND e.run_id = r.id AND e.domain = 'orchestrator' AND e.action = 'finalize_run'
                 AND e.deadline <= :now AND NOT EXISTS (${standingAcks(sameKey)}))
  THEN 'STALE'
  ELSE 'INCOMPLETE' END`;

/** Up to `limit` runs after `after` that pass the filter (reconciliation as of `now`), newest first, and the total. */
export async function listRuns(reader: Reader, tenantId: string, filter: RunFilter, now: Date, after: CursorPosition | null, limit: number) {
  const filtered = () => {
    const query = reader.manager.createQueryBuilder(RunEntity, 'r').where('r.tenant_id = :tenantId', { tenantId });
    if (filter.agentId) query.andWhere('r.agent_id = :agentId', { agentId: filter.agentId });
    if (filter.phase?.length) query.andWhere('r.phase IN (:...phases)', { phases: filter.phase });
    if (filter.status?.length) query.andWhere('r.status IN (:...statuses)', { statuses: filter.status });
    if (filter.isSynthetic != null) query.andWhere('r.is_synthetic = :isSynthetic', { isSynthetic: filter.isSynthetic });
    if (filter.reconciliationStatus?.length) {
      query.andWhere(`(${RECONCILIATION_STATUS}) IN (:...reconciliationStatuses)`, { now, reconciliationStatuses: filter.reconciliationStatus });
    }
    return query;
  };
  return keysetPage(filtered, 'r', after, limit);
}

/**
 * The tenant's runs that have not ended and were last updated before `cutoff` — the statement reads
 * the partial index runs_open_by_update (open runs by last update), never every run.
 */
export function staleRunsQuery(reader: Reader, tenantId: string, cutoff: Date) {
  return reader.manager
    .createQueryBuilder(RunEntity, 'r')
    .where('r.tenant_id = :tenantId', { tenantId })
    .andWhere("r.phase NOT IN ('COMPLETED', 'FAILED')")
    .andWhere('r.updated_at < :cutoff', { cutoff });
}

/** Up to `limit` stale runs (open, idle since before `cutoff`) after `after`, newest first, and the total. */
export async function listStaleRuns(reader: Reader, tenantId: string, cutoff: Date, after: CursorPosition | null, limit: number) {
  return keysetPage(() => staleRunsQuery(reader, tenantId, cutoff), 'r', after, limit);
}

/** The agent's earlier runs whose goal or outcome shares words with `goal`, most relevant first. */
export async function findMemoryHits(reader: Reader, tenantId: string, agentId: string, goal: string, limit: number): Promise<MemoryHit[]> {
  const rows: MemoryHit[] = await reader.manager.query(
    `WITH words AS (SELECT array_to_string(tsvector_to_array(to_tsvector('english', $3)), ' | ') AS terms)
     SELECT r.id AS "runId", r.goal, r.outcome, r.status, ts_rank(r.memory_document, q) AS rank
     FROM words, to_tsquery('simple', nullif(words.terms, '')) AS q, runs r
     WHERE r.tenant_id = $1 AND r.agent_id = $2 AND r.memory_document @@ q
     ORDER BY rank DESC, r.created_at DESC, r.id DESC
     LIMIT $4`,
    [tenantId, agentId, goal, limit],
  );
  return rows.map((row) => ({ ...row, rank: Number(row.rank) }));
}
