// The database refuses what the engines refuse: with plain SQL, past every engine, a row with a
// status (phase, kind, verdict) outside its union is refused with check_violation (23514), a row
// naming another tenant's parent with foreign_key_violation (23503), a second contract drafted from
// one lesson with unique_violation (23505); the same row with valid values and its own tenant's
// parent is accepted. Each CHECK's list equals the TypeScript union it mirrors,
// and every status-like column has one.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditVerdicts, ContractStatuses, EligibilityDecisions } from '../../src/runtime/engines/contract-states.js';
import { CapabilityHealthStatuses } from '../../src/runtime/engines/health-snapshot.js';
import { ViolationKinds } from '../../src/runtime/engines/inspection.js';
import { StepStatuses } from '../../src/runtime/engines/job-completion.js';
import { JobStatuses } from '../../src/runtime/engines/job-states.js';
import { LessonStatuses, LessonTypes } from '../../src/runtime/engines/lessons.js';
import { AckStatuses, ExpectationStatuses } from '../../src/runtime/engines/run-audit.js';
import { IncidentStatuses } from '../../src/runtime/engines/incidents.js';
import { RunPhases, RunStatuses } from '../../src/runtime/engines/run-states.js';
import { createTestDatabase } from '../support/databases.js';

/** Each guarded column and the union whose values it must hold. */
const UNIONS: Record<string, readonly string[]> = {
  'contracts.status': ContractStatuses,
  'contracts.audit_verdict': AuditVerdicts,
  'contracts.eligibility_decision': EligibilityDecisions,
  'jobs.status': JobStatuses,
  'step_results.status': StepStatuses,
  'capability_health.status': CapabilityHealthStatuses,
  'runs.phase': RunPhases,
  'runs.status': RunStatuses,
  'audit_expectations.status': ExpectationStatuses,
  'domain_acks.status': AckStatuses,
  'violations.kind': ViolationKinds,
  'violations.phase': RunPhases,
  'violations.status': RunStatuses,
  'lessons.type': LessonTypes,
  'lessons.status': LessonStatuses,
  'incidents.status': IncidentStatuses,
};

/** Columns named like a status whose values are not a closed union. */
const OPEN_COLUMNS = ['outbox_events.type', 'transitions.from_status', 'transitions.to_status'];

type Row = Record<string, unknown>;

const contractRow = (tenant: string, id: string): Row => ({
  id,
  tenant_id: tenant,
  version: 1,
  issue_id: 'issue-1',
  source: 'MANUAL',
  status: 'DRAFT',
  title: 'Guarded',
  proposed_changes: JSON.stringify([]),
  affected_capabilities: [],
  risk_level: 'LOW',
  confidence_score: 0.5,
  validator_verdict: {},
  eligibility_verdict: {},
  eligibility_decision: 'MAY',
  created_by: 'ada',
  created_at: new Date(),
  updated_at: new Date(),
});
const jobRow = (tenant: string, id: string, contractId: string): Row => ({
  id,
  tenant_id: tenant,
  contract_id: contractId,
  version: 1,
  status: 'PENDING',
  steps: JSON.stringify([]),
  current_step_index: 0,
  total_steps: 0,
  created_by: 'ada',
  created_at: new Date(),
  timeout_at: new Date(),
});
const runRow = (tenant: string, id: string): Row => ({
  id,
  tenant_id: tenant,
  version: 1,
  agent_id: 'agent-1',
  goal: 'guard',
  phase: 'CREATED',
  status: 'QUEUED',
  plan: {},
  timeout_seconds: 300,
  created_by: 'ada',
  created_at: new Date(),
  updated_at: new Date(),
});

const lessonRow = (tenant: string, id: string, type = 'FAILURE'): Row => ({
  id,
  tenant_id: tenant,
  run_id: `${tenant}_r`,
  type,
  status: 'PENDING',
  title: 'Lesson',
  description: 'learnt',
  created_at: new Date(),
  updated_at: new Date(),
});

/** One guarded table: a valid row of tenant `a`, its checked columns, and each column naming a parent with that parent in tenant `b`. */
interface GuardedTable {
  table: string;
  row: Row;
  checked: string[];
  references?: { column: string; otherTenantsParent: string }[];
}

const GUARDED: GuardedTable[] = [
  {
    table: 'contracts',
    row: { ...contractRow('a', 'a_c3'), lesson_id: 'a_l1' },
    checked: ['status', 'audit_verdict', 'eligibility_decision'],
    references: [
      { column: 'job_id', otherTenantsParent: 'b_j' },
      { column: 'lesson_id', otherTenantsParent: 'b_l1' },
    ],
  },
  { table: 'jobs', row: jobRow('a', 'a_j2', 'a_c1'), checked: ['status'], references: [{ column: 'contract_id', otherTenantsParent: 'b_c1' }] },
  {
    table: 'step_results',
    row: { tenant_id: 'a', job_id: 'a_j', step_index: 0, status: 'COMPLETED', recorded_by: 'ada', recorded_at: new Date() },
    checked: ['status'],
    references: [{ column: 'job_id', otherTenantsParent: 'b_j' }],
  },
  { table: 'capability_health', row: { tenant_id: 'a', capability: 'search', status: 'HEALTHY', reported_by: 'ada', reported_at: new Date() }, checked: ['status'] },
  { table: 'runs', row: runRow('a', 'a_r2'), checked: ['phase', 'status'] },
  {
    table: 'audit_expectations',
    row: { id: 'a_e', tenant_id: 'a', run_id: 'a_r', domain: 'logs', action: 'write', status: 'PENDING', deadline: new Date() },
    checked: ['status'],
    references: [{ column: 'run_id', otherTenantsParent: 'b_r' }],
  },
  {
    table: 'domain_acks',
    row: { id: 'a_k', tenant_id: 'a', run_id: 'a_r', domain: 'logs', action: 'write', status: 'SUCCESS', at: new Date(), chain_seq: 1, hash: 'h' },
    checked: ['status'],
    references: [{ column: 'run_id', otherTenantsParent: 'b_r' }],
  },
  {
    table: 'violations',
    row: { id: 'a_v', tenant_id: 'a', kind: 'PHASE_STATUS_INVARIANT', run_id: 'a_r', phase: 'EXECUTING', status: 'QUEUED', message: 'bad pair', created_at: new Date(), chain_seq: 1, hash: 'h' },
    checked: ['kind', 'phase', 'status'],
    references: [{ column: 'run_id', otherTenantsParent: 'b_r' }],
  },
  {
    table: 'incidents',
    row: { id: 'a_i', tenant_id: 'a', run_id: 'a_r', outcome: 'SUCCEEDED', severity: 'LOW', category: 'RUN_SUCCEEDED', title: 'run succeeded', status: 'OPEN', created_at: new Date() },
    checked: ['status'],
    references: [{ column: 'run_id', otherTenantsParent: 'b_r' }],
  },
  {
    table: 'policy_evaluations',
    row: { id: 'a_p', tenant_id: 'a', run_id: 'a_r', outcome: 'PASS', policies_checked: 0, policy_outcome: 'NOT_APPLICABLE', confidence: 0, violation_ids: [], created_at: new Date() },
    checked: [],
    references: [{ column: 'run_id', otherTenantsParent: 'b_r' }],
  },
  {
    table: 'trace_completions',
    row: { id: 'a_t', tenant_id: 'a', run_id: 'a_r', trace_id: 'trace-1', outcome: 'SUCCEEDED', completed_at: new Date() },
    checked: [],
    references: [{ column: 'run_id', otherTenantsParent: 'b_r' }],
  },
  {
    table: 'lessons',
    row: lessonRow('a', 'a_l'),
    checked: ['type', 'status'],
    references: [{ column: 'run_id', otherTenantsParent: 'b_r' }],
  },
];

describe('the database guards statuses and tenants', () => {
  let database: { url: string; drop(): Promise<void> };
  let client: pg.Client;

  const insert = (table: string, row: Row) => {
    const columns = Object.keys(row);
    return client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`, Object.values(row));
  };
  const refusalOf = async (table: string, row: Row): Promise<string> => {
    try {
      await insert(table, row);
      return 'accepted';
    } catch (error) {
      return (error as { code: string }).code;
    }
  };
  /** refusalOf with every constraint checked at once, in a transaction rolled back: the accepted row must
   * not stay, as the refusal tests insert rows with the same ids (a duplicate id would be 23505 before any other check). */
  const refusalRolledBack = async (table: string, row: Row): Promise<string> => {
    await client.query('BEGIN');
    try {
      await client.query('SET CONSTRAINTS ALL IMMEDIATE');
      return await refusalOf(table, row);
    } finally {
      await client.query('ROLLBACK');
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase(inject('adminDatabaseUrl'), inject('templateDatabase'));
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    for (const tenant of ['a', 'b']) {
      await insert('tenants', { id: tenant });
      await insert('contracts', contractRow(tenant, `${tenant}_c1`));
      await insert('contracts', contractRow(tenant, `${tenant}_c2`));
      await insert('jobs', jobRow(tenant, `${tenant}_j`, `${tenant}_c2`));
      await insert('runs', runRow(tenant, `${tenant}_r`));
      await insert('lessons', lessonRow(tenant, `${tenant}_l1`, 'NEAR_THRESHOLD'));
      await insert('lessons', lessonRow(tenant, `${tenant}_l2`, 'CRITICAL_SUCCESS'));
    }
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it.each(GUARDED.flatMap(({ table, row, checked }) => checked.map((column) => ({ table, row, column }))))(
    'refuses $table.$column outside its union (23514)',
    async ({ table, row, column }) => {
      expect(await refusalOf(table, { ...row, [column]: 'NOT_A_VALUE' })).toBe('23514');
    },
  );

  it.each(GUARDED.flatMap(({ table, row, references = [] }) => references.map((reference) => ({ table, row, ...reference }))))(
    'refuses $table.$column naming another tenant’s row (23503)',
    async ({ table, row, column, otherTenantsParent }) => {
      expect(await refusalOf(table, { ...row, [column]: otherTenantsParent })).toBe('23503');
    },
  );

  it('refuses a second contract drafted from the same lesson (23505)', async () => {
    await insert('contracts', { ...contractRow('a', 'a_c4'), lesson_id: 'a_l2' });
    expect(await refusalOf('contracts', { ...contractRow('a', 'a_c5'), lesson_id: 'a_l2' })).toBe('23505');
  });

  it.each(GUARDED)('accepts a valid $table row naming its own tenant’s parent', async ({ table, row }) => {
    expect(await refusalRolledBack(table, row)).toBe('accepted');
  });

  it('checks every status-like column against exactly its union', async () => {
    const { rows: columns } = await client.query<{ name: string }>(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type = 'text' AND (column_name IN ('status', 'phase', 'kind', 'type') OR column_name LIKE '%\\_status' OR column_name LIKE '%verdict' OR column_name LIKE '%decision')`,
    );
    const guarded = columns.map((column) => column.name).filter((name) => !OPEN_COLUMNS.includes(name));
    expect(guarded.sort()).toEqual(Object.keys(UNIONS).sort());
    const { rows: checks } = await client.query<{ column: string; definition: string }>(
      `SELECT c.conrelid::regclass::text || '.' || a.attname AS column, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'c' AND cardinality(c.conkey) = 1 AND c.connamespace = 'public'::regnamespace`,
    );
    const listed = Object.fromEntries(
      checks.filter((check) => check.column in UNIONS).map((check) => [check.column, [...check.definition.matchAll(/'([^']*)'::text/g)].map((match) => match[1]).sort()]),
    );
    const expected = Object.fromEntries(Object.entries(UNIONS).map(([column, values]) => [column, [...values].sort()]));
    expect(listed).toEqual(expected);
  });
});
