// Upgrading to the seed's incident and policy evaluation fields backfills earlier records by the
// engines' rules: a database migrated up to the release before, holding a clean success, a failure
// with a later violation and a policy failure with a denied inspection, is migrated; each incident
// gets its severity, category, title and status (the clean success resolved by whoever completed it),
// each evaluation its outcome, confidence and the violations recorded up to it.
import type { DataSource } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDatabaseBefore } from '../support/upgrade-databases.js';

describe('upgrading to incident and policy evaluation fields', () => {
  const upgrade = useDatabaseBefore('IncidentAndPolicyFields1764790000000', async (old) => {
    await old.query(`INSERT INTO tenants (id) VALUES ('default')`);
    const runs = [
      ['run_clean', 'COMPLETED', 'SUCCEEDED', null, 3],
      ['run_failed', 'FAILED', 'FAILED', 'TIMEOUT', 0],
      ['run_policy', 'FAILED', 'FAILED_POLICY', null, 1],
    ] as const;
    for (const [id, phase, status, errorCode, policiesChecked] of runs) {
      await old.query(
        `INSERT INTO runs (id, tenant_id, version, agent_id, goal, phase, status, plan, timeout_seconds, created_by, created_at, updated_at)
         VALUES ($1, 'default', 2, 'agent-old', 'search', $2, $3, '{"steps": []}', 300, 'otto', '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')`,
        [id, phase, status],
      );
      await old.query(
        `INSERT INTO transitions (tenant_id, subject_type, subject_id, from_status, to_status, reason, actor, at) VALUES ('default', 'run', $1, 'RUNNING', $2, 'completed', 'olga', '2026-01-01T00:01:00Z')`,
        [id, status],
      );
      await old.query(`INSERT INTO incidents (id, tenant_id, run_id, outcome, error_code, created_at) VALUES ($1, 'default', $2, $3, $4, '2026-01-01T00:01:00Z')`, [`inc_${id}`, id, status, errorCode]);
      await old.query(`INSERT INTO policy_evaluations (id, tenant_id, run_id, outcome, policies_checked, created_at) VALUES ($1, 'default', $2, $3, $4, '2026-01-01T00:01:00Z')`, [`pev_${id}`, id, status, policiesChecked]);
    }
    const violation = `INSERT INTO violations (id, tenant_id, kind, run_id, message, created_at) VALUES ($1, 'default', $2, $3, 'denied', $4)`;
    await old.query(violation, ['vio_late', 'INSPECTION_CONSTRAINT', 'run_failed', '2026-01-01T00:02:00Z']);
    await old.query(violation, ['vio_pii', 'INSPECTION_CONSTRAINT', 'run_policy', '2026-01-01T00:00:30Z']);
  });
  /** The database as its owner, to inspect rows of every tenant. */
  let owner: DataSource;
  // Opened (and so migrated) before the tests, which each read the upgraded database.
  beforeAll(async () => {
    owner = (await upgrade.open()).dataSource;
  });

  it('backfills severity, category, title, status and resolution, and each evaluation from the violations before it', async () => {
    const incidents = await owner.query(`SELECT run_id, severity, category, title, status, resolution, resolved_by, resolved_at IS NOT NULL AS resolved FROM incidents ORDER BY run_id`);
    expect(incidents).toEqual([
      { run_id: 'run_clean', severity: 'LOW', category: 'RUN_SUCCEEDED', title: 'Run succeeded', status: 'RESOLVED', resolution: 'The run succeeded with no violations.', resolved_by: 'olga', resolved: true },
      { run_id: 'run_failed', severity: 'HIGH', category: 'EXECUTION_FAILURE', title: 'Run failed (TIMEOUT)', status: 'OPEN', resolution: null, resolved_by: null, resolved: false },
      { run_id: 'run_policy', severity: 'CRITICAL', category: 'POLICY_VIOLATION', title: 'Run failed a policy (1 violation)', status: 'OPEN', resolution: null, resolved_by: null, resolved: false },
    ]);
    const evaluations = await owner.query(`SELECT run_id, policy_outcome, confidence, violation_ids FROM policy_evaluations ORDER BY run_id`);
    expect(evaluations).toEqual([
      { run_id: 'run_clean', policy_outcome: 'NO_VIOLATION', confidence: 0.75, violation_ids: [] },
      { run_id: 'run_failed', policy_outcome: 'NOT_APPLICABLE', confidence: 0, violation_ids: [] },
      { run_id: 'run_policy', policy_outcome: 'VIOLATION', confidence: 1, violation_ids: ['vio_pii'] },
    ]);
  });

  it('refuses a status outside OPEN/RESOLVED, and a resolved incident without its resolution', async () => {
    await expect(owner.query(`UPDATE incidents SET status = 'CLOSED' WHERE run_id = 'run_failed'`)).rejects.toThrow(/incidents_status_check/);
    await expect(owner.query(`UPDATE incidents SET status = 'RESOLVED' WHERE run_id = 'run_failed'`)).rejects.toThrow(/incidents_resolution_check/);
    await expect(owner.query(`UPDATE policy_evaluations SET policy_outcome = 'MAYBE' WHERE run_id = 'run_failed'`)).rejects.toThrow(/policy_evaluations_policy_outcome_check/);
  });
});
