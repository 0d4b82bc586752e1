// Driver: reads runs of one tenant — by id, a keyset page (optionally one
// agent's), and memory hits ranked by full-text relevance of goal and outcome.
import { RunEntity } from '../../entities/index.js';
import type { MemoryHit } from '../engines/memory-context.js';
import type { CursorPosition } from '../engines/page-cursor.js';
import type { RunRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { keysetPage } from './keyset-page.js';
import { rowsByKeys } from './plain-rows.js';

type Reader = Pick<UnitOfWork, 'manager'>;

/** One run of the tenant, or null. */
export async function findRun(reader: Reader, tenantId: string, id: string): Promise<RunRecord | null> {
  return reader.manager.findOneBy(RunEntity, { tenantId, id });
}

/** The tenant's runs with these ids (one statement, whatever the count). */
export async function findRuns(reader: Reader, tenantId: string, ids: readonly string[]): Promise<RunRecord[]> {
  return rowsByKeys(reader, RunEntity, tenantId, 'id', ids);
}

/** Up to `limit` runs after `after`, newest first (of one agent when given), and the total. */
export async function listRuns(reader: Reader, tenantId: string, agentId: string | null, after: CursorPosition | null, limit: number) {
  const filtered = () => {
    const query = reader.manager.createQueryBuilder(RunEntity, 'r').where('r.tenant_id = :tenantId', { tenantId });
    if (agentId) query.andWhere('r.agent_id = :agentId', { agentId });
    return query;
  };
  return keysetPage(filtered, 'r', after, limit);
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
