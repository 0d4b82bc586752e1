// Migration: incidents and policy evaluations get the seed's fields — an incident's severity,
// category, title, OPEN/RESOLVED status and its resolution (what, by whom, when); a policy
// evaluation's outcome (NO_VIOLATION / VIOLATION / ADVISORY / NOT_APPLICABLE), confidence and the
// ids of the run's violations it read. Existing rows are backfilled by the engines' rules
// (engines/incidents.ts, engines/policy-evaluation.ts) from their run's violations up to the record.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Incident and policy evaluation fields. Forward-only: `down` is not supported. */
export class IncidentAndPolicyFields1764790000000 implements MigrationInterface {
  name = 'IncidentAndPolicyFields1764790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE incidents
        ADD COLUMN severity text,
        ADD COLUMN category text,
        ADD COLUMN title text,
        ADD COLUMN status text,
        ADD COLUMN resolution text,
        ADD COLUMN resolved_by text,
        ADD COLUMN resolved_at timestamptz;
      ALTER TABLE policy_evaluations
        ADD COLUMN policy_outcome text,
        ADD COLUMN confidence double precision,
        ADD COLUMN violation_ids text[];

      WITH facts AS (
        SELECT i.id, i.outcome, i.error_code,
          (SELECT count(*) FROM violations v WHERE v.tenant_id = i.tenant_id AND v.run_id = i.run_id AND v.created_at <= i.created_at) AS violation_count
        FROM incidents i
      ), base AS (
        SELECT id, outcome, error_code, violation_count,
          CASE outcome WHEN 'SUCCEEDED' THEN 1 WHEN 'CANCELLED' THEN 1 WHEN 'RETRY' THEN 2 ELSE 3 END AS base_rank,
          CASE outcome WHEN 'SUCCEEDED' THEN 'Run succeeded' WHEN 'FAILED' THEN 'Run failed' WHEN 'FAILED_POLICY' THEN 'Run failed a policy'
            WHEN 'CANCELLED' THEN 'Run cancelled' ELSE 'Run ended for a retry' END AS base_title
        FROM facts
      )
      UPDATE incidents i SET
        severity = (ARRAY['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])[least(b.base_rank + CASE WHEN b.violation_count > 0 THEN 1 ELSE 0 END, 4)],
        category = CASE
          WHEN b.outcome = 'SUCCEEDED' AND b.violation_count > 0 THEN 'POLICY_VIOLATION'
          WHEN b.outcome = 'SUCCEEDED' THEN 'RUN_SUCCEEDED'
          WHEN b.outcome = 'FAILED' THEN 'EXECUTION_FAILURE'
          WHEN b.outcome = 'FAILED_POLICY' THEN 'POLICY_VIOLATION'
          WHEN b.outcome = 'CANCELLED' THEN 'CANCELLATION'
          ELSE 'RETRY' END,
        title = b.base_title || coalesce(' (' || nullif(concat_ws(', ', b.error_code,
          CASE WHEN b.violation_count = 1 THEN '1 violation' WHEN b.violation_count > 1 THEN b.violation_count || ' violations' END), '') || ')', ''),
        status = CASE WHEN b.outcome = 'SUCCEEDED' AND b.violation_count = 0 THEN 'RESOLVED' ELSE 'OPEN' END,
        resolution = CASE WHEN b.outcome = 'SUCCEEDED' AND b.violation_count = 0 THEN 'The run succeeded with no violations.' END
      FROM base b WHERE b.id = i.id;
      UPDATE incidents i SET resolved_by = r.completed_by, resolved_at = i.created_at
      FROM (SELECT DISTINCT ON (t.subject_id) t.subject_id, t.actor AS completed_by FROM transitions t
            WHERE t.subject_type = 'run' ORDER BY t.subject_id, t.at DESC) r
      WHERE i.status = 'RESOLVED' AND r.subject_id = i.run_id;
      UPDATE incidents SET resolved_by = 'system', resolved_at = created_at WHERE status = 'RESOLVED' AND resolved_by IS NULL;

      UPDATE policy_evaluations p SET violation_ids = coalesce((
        SELECT array_agg(v.id ORDER BY v.created_at DESC, v.id DESC) FROM violations v
        WHERE v.tenant_id = p.tenant_id AND v.run_id = p.run_id AND v.created_at <= p.created_at), '{}');
      UPDATE policy_evaluations p SET (policy_outcome, confidence) = (SELECT c.outcome, c.confidence FROM (SELECT
        CASE
          WHEN EXISTS (SELECT 1 FROM violations v WHERE v.id = ANY (p.violation_ids) AND v.kind = 'INSPECTION_CONSTRAINT') THEN 'VIOLATION'
          WHEN p.outcome = 'FAILED_POLICY' THEN 'VIOLATION'
          WHEN cardinality(p.violation_ids) > 0 THEN 'ADVISORY'
          WHEN p.policies_checked = 0 THEN 'NOT_APPLICABLE'
          ELSE 'NO_VIOLATION' END AS outcome,
        CASE
          WHEN cardinality(p.violation_ids) > 0 THEN 1
          WHEN p.outcome = 'FAILED_POLICY' THEN 0.8
          WHEN p.policies_checked = 0 THEN 0
          ELSE round(p.policies_checked::numeric / (p.policies_checked + 1), 2)::double precision END AS confidence) c);

      ALTER TABLE incidents
        ALTER COLUMN severity SET NOT NULL, ADD CONSTRAINT incidents_severity_check CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
        ALTER COLUMN category SET NOT NULL, ADD CONSTRAINT incidents_category_check CHECK (category IN ('RUN_SUCCEEDED', 'EXECUTION_FAILURE', 'POLICY_VIOLATION', 'CANCELLATION', 'RETRY')),
        ALTER COLUMN title SET NOT NULL,
        ALTER COLUMN status SET NOT NULL, ADD CONSTRAINT incidents_status_check CHECK (status IN ('OPEN', 'RESOLVED')),
        ADD CONSTRAINT incidents_resolution_check CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL AND resolved_by IS NOT NULL AND resolution IS NOT NULL));
      ALTER TABLE policy_evaluations
        ALTER COLUMN policy_outcome SET NOT NULL,
        ADD CONSTRAINT policy_evaluations_policy_outcome_check CHECK (policy_outcome IN ('NO_VIOLATION', 'VIOLATION', 'ADVISORY', 'NOT_APPLICABLE')),
        ALTER COLUMN confidence SET NOT NULL, ADD CONSTRAINT policy_evaluations_confidence_check CHECK (confidence BETWEEN 0 AND 1),
        ALTER COLUMN violation_ids SET NOT NULL;
      CREATE INDEX incidents_open ON incidents (tenant_id, created_at) WHERE status = 'OPEN';
    `);
  }

  async down(): Promise<void> {
    throw new Error('IncidentAndPolicyFields1764790000000 is forward-only');
  }
}
