// What the bench works on, set up straight through the runtime (no HTTP, so set-up is quick): the
// callers' API keys, agents with skills and budgets, runs to complete and jobs to read.
import 'reflect-metadata';
import pino from 'pino';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '../../src/database/open-database.js';
import { systemClock } from '../../src/runtime/clock.js';
import type { CreateContractInput } from '../../src/runtime/commands/create-contract.js';
import type { GovernanceRuntime } from '../../src/runtime/governance-runtime.js';
import { makeGovernanceRuntime } from '../../src/runtime/make-runtime.js';
import type { RequestContext } from '../../src/runtime/request-context.js';

const silent = pino({ level: 'silent' });

/** Agents the cloned runs are spread over (each with a budget, as a fleet would have). */
export const AGENT_COUNT = 20;
/** The goal every bench run has: the built-in planner plans search (10 ¢) + summarise (25 ¢). */
const RUN_GOAL = 'search the web and summarise the report';

/** The bench's callers, data and direct database access. */
export interface BenchWorld {
  runtime: GovernanceRuntime;
  /** A raw pg pool on the bench database (set-up and verification). */
  pool: pg.Pool;
  keys: { admin: string; operator: string; viewer: string };
  operator: RequestContext;
  /** Makes `count` fresh CREATED/QUEUED traced runs; returns their ids. */
  runs(count: number): Promise<string[]>;
  /** How many of these runs are completed. */
  completedAmong(ids: readonly string[]): Promise<number>;
  /** Makes sure `count` jobs exist (a third each PENDING, RUNNING, COMPLETED) with contracts, step results and transitions. */
  jobs(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens the bench database (migrating it) and prepares tenant `default`. */
export async function openWorld(databaseUrl: string): Promise<BenchWorld> {
  const database = await openDatabase({ databaseUrl, dataDir: '', logger: silent });
  const runtime = makeGovernanceRuntime({ dataSource: database.dataSource, clock: systemClock });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  await runtime.bootstrapDefaultTenant();
  const keys = {
    admin: await mintKey(runtime, 'admin', 'ada'),
    operator: await mintKey(runtime, 'operator', 'otto'),
    viewer: await mintKey(runtime, 'viewer', 'vera'),
  };
  const admin = await contextOf(runtime, keys.admin);
  const operator = await contextOf(runtime, keys.operator);
  const approver = await contextOf(runtime, await mintKey(runtime, 'approver', 'april'));
  await runtime.upsertSkill(admin, { name: 'web-search', description: 'Search the web', keywords: ['search', 'web'], estimatedCostCents: 10 });
  await runtime.upsertSkill(admin, { name: 'summarise', description: 'Summarise documents', keywords: ['summarise', 'report'], estimatedCostCents: 25 });
  for (let agent = 0; agent < AGENT_COUNT; agent += 1) await runtime.setAgentBudget(admin, { agentId: agentId(agent), limitCents: 100_000_000, windowHours: 24 });
  const template = await runtime.createRun(operator, { agentId: agentId(0), goal: RUN_GOAL, traceId: 'trace-template', policyId: 'bench-policy', timeoutSeconds: 86_400 });
  let batch = 0;
  let jobsBuilt = 0;
  return {
    runtime,
    pool,
    keys,
    operator,
    runs: async (count) => {
      batch += 1;
      const ids = await cloneRun(pool, template.id, `b${batch}`, count);
      await refreshStatistics(pool);
      return ids;
    },
    completedAmong: async (ids) => (await pool.query(`SELECT count(*)::int AS n FROM runs WHERE id = ANY($1) AND completed_at IS NOT NULL`, [ids])).rows[0].n,
    jobs: async (count) => {
      await buildJobs(runtime, operator, approver, jobsBuilt, count);
      jobsBuilt = Math.max(jobsBuilt, count);
      await refreshStatistics(pool);
    },
    close: async () => {
      await pool.end();
      await database.close();
    },
  };
}

/** After a bulk load the planner's statistics describe empty tables until autovacuum's next pass (up
 * to a minute away): refresh them now, so both variants run against the plans a live database gets. */
async function refreshStatistics(pool: pg.Pool): Promise<void> {
  await pool.query('ANALYZE');
}

function agentId(index: number): string {
  return `bench-agent-${index}`;
}

async function mintKey(runtime: GovernanceRuntime, role: string, principal: string): Promise<string> {
  return (await runtime.createApiKey({ tenantId: 'default', role, principal })).key;
}

async function contextOf(runtime: GovernanceRuntime, key: string): Promise<RequestContext> {
  const principal = await runtime.authenticate(key);
  if (!principal) throw new Error('a freshly minted key did not authenticate');
  return { principal, requestId: `bench-${principal.name}`, logger: silent };
}

/**
 * Copies a run the runtime created — its row, its four audit expectations and its first transition
 * (with its chain head and hash, copied: the copies' chains are not meant to verify) — `count` times in one statement, with fresh ids and trace ids, spread over the bench's agents.
 */
async function cloneRun(pool: pg.Pool, templateId: string, batch: string, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `WITH template AS (SELECT * FROM runs WHERE id = $1),
     new_runs AS (
       INSERT INTO runs (id, tenant_id, version, agent_id, goal, phase, status, plan, trace_id, policy_id, timeout_seconds, created_by, created_at, updated_at, audit_seq, audit_head)
       SELECT 'run_' || gen_random_uuid(), t.tenant_id, t.version, 'bench-agent-' || (g % $4), t.goal, t.phase, t.status, t.plan,
              'trace-' || $2 || '-' || g, t.policy_id, t.timeout_seconds, t.created_by, t.created_at, t.updated_at, t.audit_seq, t.audit_head
       FROM template t, generate_series(1, $3::int) g
       RETURNING id, tenant_id),
     expectations AS (
       INSERT INTO audit_expectations (id, tenant_id, run_id, domain, action, status, deadline)
       SELECT 'exp_' || gen_random_uuid(), r.tenant_id, r.id, e.domain, e.action, e.status, e.deadline
       FROM new_runs r, audit_expectations e WHERE e.run_id = $1),
     history AS (
       INSERT INTO transitions (tenant_id, subject_type, subject_id, from_status, to_status, reason, actor, at, chain_seq, hash, snapshot)
       SELECT r.tenant_id, t.subject_type, r.id, t.from_status, t.to_status, t.reason, t.actor, t.at, t.chain_seq, t.hash, t.snapshot
       FROM new_runs r, transitions t WHERE t.subject_id = $1)
     SELECT id FROM new_runs`,
    [templateId, batch, count, AGENT_COUNT],
  );
  return rows.map((row) => row.id);
}

function proposalFor(index: number): CreateContractInput {
  return {
    issueId: `BENCH-${index}`,
    source: 'OPS_ALERT',
    title: `Enable capability ${index} in preview`,
    description: 'Bench data',
    proposedChanges: [{ type: 'CAPABILITY_ENABLE', capabilityName: `capability-${index}`, targetLifecycle: 'PREVIEW' }],
    affectedCapabilities: [`capability-${index}`],
    riskLevel: 'MEDIUM',
    validatorVerdict: { issueType: 'feature_request', severity: 'medium', recommendedAction: 'enable', confidenceScore: 0.8, reason: 'bench', validatorVersion: 'v3' },
    eligibilityVerdict: { decision: 'MAY', reason: 'bench', rulesVersion: 'r7' },
  };
}

async function buildJobs(runtime: GovernanceRuntime, operator: RequestContext, approver: RequestContext, from: number, count: number): Promise<void> {
  const buildOne = async (index: number) => {
    const contract = await runtime.createContract(operator, proposalFor(index));
    await runtime.approveContract(approver, contract.id, {});
    const { job } = await runtime.activateContract(operator, contract.id, {});
    if (index % 3 === 0) return;
    await runtime.startJob(operator, job.id);
    await runtime.recordStepResult(operator, job.id, { stepIndex: 0, status: 'COMPLETED', output: { ok: true, index } });
    if (index % 3 === 2) await runtime.completeJob(operator, job.id);
  };
  const concurrency = 8;
  for (let start = from; start < count; start += concurrency) {
    await Promise.all(Array.from({ length: Math.min(concurrency, count - start) }, (_, offset) => buildOne(start + offset)));
  }
}
