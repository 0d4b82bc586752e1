// Upgrading to the database guards keeps every row the engines wrote: a database migrated up to the
// release before, holding a tenant's contract, job, step result, run, ack, violation and lesson, is
// migrated; the rows are still there and the new constraints are validated.
import { describe, expect, it } from 'vitest';
import { useDatabaseBefore } from '../support/upgrade-databases.js';

describe('upgrading to the database guards', () => {
  const upgrade = useDatabaseBefore('DatabaseGuards1764800000000', (old) =>
    old.query(`
      INSERT INTO tenants (id) VALUES ('default');
      INSERT INTO contracts (id, tenant_id, version, issue_id, source, status, title, proposed_changes, affected_capabilities, risk_level, confidence_score,
        validator_verdict, eligibility_verdict, eligibility_decision, created_by, approved_by, created_at, updated_at)
        VALUES ('contract_old', 'default', 1, 'issue-1', 'MANUAL', 'APPROVED', 'Old', '[]', '{}', 'LOW', 0.5, '{}', '{}', 'MAY', 'ada', 'bob', now(), now());
      INSERT INTO jobs (id, tenant_id, contract_id, version, status, steps, current_step_index, total_steps, created_by, created_at, timeout_at)
        VALUES ('job_old', 'default', 'contract_old', 1, 'RUNNING', '[]', 0, 1, 'bob', now(), now());
      UPDATE contracts SET status = 'ACTIVE', job_id = 'job_old' WHERE id = 'contract_old';
      INSERT INTO step_results (tenant_id, job_id, step_index, status, recorded_by, recorded_at) VALUES ('default', 'job_old', 0, 'COMPLETED', 'bob', now());
      INSERT INTO runs (id, tenant_id, version, agent_id, goal, phase, status, plan, timeout_seconds, created_by, created_at, updated_at)
        VALUES ('run_old', 'default', 1, 'agent-old', 'search', 'COMPLETED', 'SUCCEEDED', '{"steps": []}', 300, 'otto', now(), now());
      INSERT INTO domain_acks (id, tenant_id, run_id, domain, action, status, at) VALUES ('ack_old', 'default', 'run_old', 'logs', 'write', 'SUCCESS', now());
      INSERT INTO violations (id, tenant_id, kind, run_id, message, created_at) VALUES ('violation_old', 'default', 'INSPECTION_CONSTRAINT', 'run_old', 'denied', now());
      INSERT INTO lessons (id, tenant_id, run_id, type, status, title, description, created_at, updated_at)
        VALUES ('lesson_old', 'default', 'run_old', 'CRITICAL_SUCCESS', 'PENDING', 'Old', 'learnt', now(), now());
    `),
  );

  it('keeps the rows written before and validates every new constraint', async () => {
    const database = await upgrade.open();
    const [counts] = await database.dataSource.query(
      `SELECT (SELECT count(*) FROM contracts)::int AS contracts, (SELECT count(*) FROM jobs)::int AS jobs, (SELECT count(*) FROM step_results)::int AS "stepResults",
              (SELECT count(*) FROM runs)::int AS runs, (SELECT count(*) FROM domain_acks)::int AS acks, (SELECT count(*) FROM violations)::int AS violations,
              (SELECT count(*) FROM lessons)::int AS lessons`,
    );
    expect(counts).toEqual({ contracts: 1, jobs: 1, stepResults: 1, runs: 1, acks: 1, violations: 1, lessons: 1 });
    const unvalidated = await database.dataSource.query(`SELECT conname FROM pg_constraint WHERE NOT convalidated AND connamespace = 'public'::regnamespace`);
    expect(unvalidated).toEqual([]);
  });
});
