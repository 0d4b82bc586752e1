// Migration: the database refuses what the engines refuse. Every status, phase, kind and verdict
// column gets a CHECK listing the engines' values (test/e2e/database-guards.test.ts compares each
// list with the TypeScript union it mirrors), and every reference between a tenant's rows includes
// the tenant: parents get a (tenant_id, id) key and children's foreign keys point at it, so a row
// can never name another tenant's row. Rows written before were written by the engines, so they
// already satisfy every guard and the constraints are validated as they are added.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const RUN_PHASES = ['CREATED', 'AUTHORIZED', 'EXECUTING', 'GOVERNANCE_CHECK', 'FINALIZING', 'COMPLETED', 'FAILED'];
const RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'FAILED_POLICY', 'CANCELLED', 'RETRY'];

/** The checked columns: table, column, allowed values (null stays allowed where the column is nullable). */
const CHECKED_COLUMNS: readonly (readonly [string, string, readonly string[]])[] = [
  ['contracts', 'status', ['DRAFT', 'VALIDATED', 'ELIGIBLE', 'APPROVED', 'ACTIVE', 'COMPLETED', 'FAILED', 'REJECTED', 'EXPIRED']],
  ['contracts', 'audit_verdict', ['PENDING', 'PASS', 'FAIL', 'INCONCLUSIVE']],
  ['contracts', 'eligibility_decision', ['MAY', 'MAY_NOT']],
  ['jobs', 'status', ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED']],
  ['step_results', 'status', ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'SKIPPED']],
  ['capability_health', 'status', ['HEALTHY', 'DEGRADED', 'UNHEALTHY', 'UNKNOWN']],
  ['runs', 'phase', RUN_PHASES],
  ['runs', 'status', RUN_STATUSES],
  ['audit_expectations', 'status', ['PENDING', 'ACKED', 'MISSING', 'FAILED']],
  ['domain_acks', 'status', ['SUCCESS', 'FAILED', 'ROLLED_BACK']],
  ['violations', 'kind', ['INSPECTION_CONSTRAINT', 'PHASE_STATUS_INVARIANT']],
  ['violations', 'phase', RUN_PHASES],
  ['violations', 'status', RUN_STATUSES],
  ['lessons', 'type', ['FAILURE', 'NEAR_THRESHOLD', 'CRITICAL_SUCCESS']],
  ['lessons', 'status', ['PENDING', 'CONVERTED_TO_DRAFT', 'DEFERRED', 'DISMISSED']],
];

/** The checks that earlier migrations declared inline, replaced by the named ones. */
const INLINE_CHECKS: readonly (readonly [string, string])[] = [
  ['jobs', 'jobs_status_check'],
  ['audit_expectations', 'audit_expectations_status_check'],
  ['domain_acks', 'domain_acks_status_check'],
  ['violations', 'violations_kind_check'],
  ['lessons', 'lessons_type_check'],
  ['lessons', 'lessons_status_check'],
];

/** Parents whose rows children name: they get the (tenant_id, id) key. */
const PARENTS = ['contracts', 'jobs', 'runs'];

/** The references: child table, its column, the parent, and the single-column key it replaces. */
const REFERENCES: readonly (readonly [string, string, string, string])[] = [
  ['jobs', 'contract_id', 'contracts', 'jobs_contract_id_fkey'],
  ['contracts', 'job_id', 'jobs', 'contracts_job'],
  ['step_results', 'job_id', 'jobs', 'step_results_job_id_fkey'],
  ['audit_expectations', 'run_id', 'runs', 'audit_expectations_run_id_fkey'],
  ['domain_acks', 'run_id', 'runs', 'domain_acks_run_id_fkey'],
  ['violations', 'run_id', 'runs', 'violations_run_id_fkey'],
  ['incidents', 'run_id', 'runs', 'incidents_run_id_fkey'],
  ['policy_evaluations', 'run_id', 'runs', 'policy_evaluations_run_id_fkey'],
  ['trace_completions', 'run_id', 'runs', 'trace_completions_run_id_fkey'],
  ['lessons', 'run_id', 'runs', 'lessons_run_id_fkey'],
];

function checkStatement([table, column, values]: readonly [string, string, readonly string[]]): string {
  const list = values.map((value) => `'${value}'`).join(', ');
  return `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_allowed CHECK (${column} IN (${list}));`;
}

function referenceStatement([child, column, parent, replaced]: readonly [string, string, string, string]): string {
  return `ALTER TABLE ${child} DROP CONSTRAINT ${replaced},
    ADD CONSTRAINT ${child}_${column}_same_tenant FOREIGN KEY (tenant_id, ${column}) REFERENCES ${parent} (tenant_id, id);`;
}

/** Status checks and tenant-scoped foreign keys. Forward-only: `down` is not supported. */
export class DatabaseGuards1764800000000 implements MigrationInterface {
  name = 'DatabaseGuards1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      [
        ...INLINE_CHECKS.map(([table, name]) => `ALTER TABLE ${table} DROP CONSTRAINT ${name};`),
        ...CHECKED_COLUMNS.map(checkStatement),
        ...PARENTS.map((parent) => `ALTER TABLE ${parent} ADD CONSTRAINT ${parent}_tenant_id_id_key UNIQUE (tenant_id, id);`),
        ...REFERENCES.map(referenceStatement),
      ].join('\n'),
    );
  }

  async down(): Promise<void> {
    throw new Error('DatabaseGuards1764800000000 is forward-only');
  }
}
