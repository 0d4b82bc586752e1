// Driver: what a run's completion decides from, read in one statement once the run is locked — the
// run's violations (their writers lock the run too, so none can be added until the commit) and its
// agent's lesson inputs: the tenant's thresholds, the budget with the window's real spend, and the
// bands of the agent's recent NEAR_THRESHOLD lessons. A statement of its own, after the lock's: a
// subquery of the lock statement would read as of that statement's start, before a writer the lock
// waited for had committed its violation.
import { prepared } from '../../database/prepared-statements.js';
import { ViolationEntity } from '../../entities/index.js';
import type { RunRecord, ViolationRecord } from '../records.js';
import type { Reader } from '../scoped-transactions.js';
import { DefaultGovernanceSettings } from './manifest.js';
import { rowsFromJson } from './plain-rows.js';

/** An agent's budget use now and the tenant's lesson thresholds. */
export interface LessonInputs {
  nearThresholdPercent: number;
  criticalSuccessPercent: number;
  budget: { limitCents: number; windowHours: number; spentCents: number } | null;
  /** The bands (percentages) of the agent's NEAR_THRESHOLD lessons of the last `debounceHours`. */
  recentNearThresholdBands: number[];
}

/** What a completion decides from. */
export interface CompletionInputs {
  /** The run's violations, newest first. */
  violations: ViolationRecord[];
  lessonInputs: LessonInputs;
}

/** Reads the run's violations and its agent's lesson inputs, in one statement. */
export async function findCompletionInputs(reader: Reader, run: Pick<RunRecord, 'tenantId' | 'agentId' | 'id'>, now: Date, debounceHours: number): Promise<CompletionInputs> {
  const [row] = await reader.manager.query(
    prepared(`SELECT coalesce(s.near_threshold_percent, $4) AS near, coalesce(s.critical_success_percent, $5) AS critical,
            b.limit_cents AS "limitCents", b.window_hours AS "windowHours",
            (SELECT real_cents::int FROM agent_spend_since($1, $2, $3::timestamptz - make_interval(hours => b.window_hours))) AS spent,
            (SELECT coalesce(array_agg(DISTINCT (l.detected_pattern->>'thresholdPercent')::float8), '{}') FROM lessons l
              WHERE l.tenant_id = $1 AND l.agent_id = $2 AND l.type = 'NEAR_THRESHOLD' AND l.created_at > $3::timestamptz - make_interval(hours => $6)) AS "recentBands",
            (SELECT coalesce(json_agg(to_jsonb(v) ORDER BY v.created_at DESC, v.id DESC), '[]') FROM violations v
              WHERE v.tenant_id = $1 AND v.run_id = $7) AS violations
     FROM (SELECT 1) AS one
     LEFT JOIN governance_settings s ON s.tenant_id = $1
     LEFT JOIN agent_budgets b ON b.tenant_id = $1 AND b.agent_id = $2`),
    [run.tenantId, run.agentId, now, DefaultGovernanceSettings.nearThresholdPercent, DefaultGovernanceSettings.criticalSuccessPercent, debounceHours, run.id],
  );
  return {
    violations: rowsFromJson(reader, ViolationEntity, row.violations as Record<string, unknown>[]),
    lessonInputs: {
      recentNearThresholdBands: (row.recentBands as unknown[]).map(Number),
      nearThresholdPercent: Number(row.near),
      criticalSuccessPercent: Number(row.critical),
      budget: row.limitCents === null ? null : { limitCents: row.limitCents, windowHours: row.windowHours, spentCents: row.spent },
    },
  };
}
