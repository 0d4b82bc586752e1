// The hand-written baseline of completeRun (P1, P2): the same rows written with raw `pg`, one
// statement per table written plus the lock and one read, in one transaction; the transition and the acks are
// chained on the run (without the run's snapshot, which the baseline does not read).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DefaultGovernanceSettings } from '../../src/runtime/drivers/manifest.js';
import { classifyIncident } from '../../src/runtime/engines/incidents.js';
import type { ViolationKind } from '../../src/runtime/engines/inspection.js';
import { evaluatePolicies } from '../../src/runtime/engines/policy-evaluation.js';
import { detectLessons, NEAR_THRESHOLD_DEBOUNCE_HOURS } from '../../src/runtime/engines/lessons.js';
import { ackEntry, extendChain, transitionEntry } from '../../src/runtime/engines/audit-chain.js';
import { decideCompletion, type CompletionInput } from '../../src/runtime/engines/run-completion.js';
import type { RunPhase } from '../../src/runtime/engines/run-states.js';
import { flushOutbox, type NewOutboxEvent } from '../../src/runtime/outbox-flush.js';

/** What the baseline needs of a connection (a pg client, or a recording wrapper of one). */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Who completes runs in the baseline. */
export interface Completer {
  tenantId: string;
  actor: string;
}

/** The run as locked, with what its lessons depend on. */
export interface LockedRun {
  id: string;
  agent_id: string;
  phase: string;
  status: string;
  version: number;
  audit_seq: number;
  audit_head: string | null;
  trace_id: string | null;
  estimated_cents: number;
  near_threshold_percent: number | null;
  critical_success_percent: number | null;
  limit_cents: number | null;
  window_hours: number | null;
  spent: number;
  recent_bands: number[];
  violations: { id: string; kind: ViolationKind }[];
}

/**
 * Completes one run in one transaction on `client`, writing what the product's completeRun writes:
 * BEGIN; lock the run; read its lesson inputs and violations; incident (classified); policy evaluation (concluded); trace completion; the
 * four acks with their expectations; lessons; the run; its transition; the outbox events with NOTIFY
 * (the product's own statement); COMMIT.
 */
export function completeRunRaw(client: SqlClient, who: Completer, runId: string, input: CompletionInput): Promise<void> {
  return inTransaction(client, () => writeCompletion(client, who, runId, input));
}

/** Completes the run's trace when it has one; returns the domain actions to acknowledge, in the product's order. */
export async function completeTrace(client: SqlClient, tenantId: string, run: LockedRun, decision: ReturnType<typeof decideCompletion>, [incidentId, evaluationId]: [string, string], now: Date) {
  const acks = [
    { domain: 'incidents', action: 'create_incident', resultId: incidentId },
    { domain: 'policies', action: 'evaluate_policy', resultId: evaluationId },
  ];
  if (run.trace_id) {
    const traceCompletionId = `trc_${randomUUID()}`;
    await client.query(`INSERT INTO trace_completions (id, tenant_id, run_id, trace_id, outcome, completed_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      traceCompletionId, tenantId, run.id, run.trace_id, decision.status, now,
    ]);
    acks.push({ domain: 'logs', action: 'complete_trace', resultId: traceCompletionId });
  }
  acks.push({ domain: 'orchestrator', action: 'finalize_run', resultId: run.id });
  return acks;
}

/** Runs `work` between BEGIN and COMMIT on `client` (ROLLBACK on a throw). */
export async function inTransaction(client: SqlClient, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

async function writeCompletion(client: SqlClient, { tenantId, actor }: Completer, runId: string, input: CompletionInput): Promise<void> {
  const now = new Date();
  const run = await lockRun(client, tenantId, runId, now);
  const decision = decideCompletion(run.phase as RunPhase, input);
  const incident = await insertIncident(client, { tenantId, actor }, runId, decision, input, run.violations.length, now);
  const evaluation = await insertPolicyEvaluation(client, tenantId, runId, decision, run.violations, now);
  const acks = await completeTrace(client, tenantId, run, decision, [incident.id, evaluation.id], now);
  const { move, moved, ackRows, head } = chainCompletion({ tenantId, actor }, run, decision, acks, now);
  await client.query(
    `WITH ack AS (
       INSERT INTO domain_acks (id, tenant_id, run_id, domain, action, status, result_id, at, chain_seq, hash)
       SELECT a.id, $1, $2, a.domain, a.action, 'SUCCESS', a.result_id, $3, a.seq, a.hash
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[]) AS a(id, domain, action, result_id, seq, hash)
       RETURNING domain, action)
     UPDATE audit_expectations e SET status = 'ACKED', acked_at = $3
     FROM ack WHERE e.tenant_id = $1 AND e.run_id = $2 AND e.domain = ack.domain AND e.action = ack.action`,
    [tenantId, runId, now, ackRows.map((a) => a.id), ackRows.map((a) => a.domain), ackRows.map((a) => a.action), ackRows.map((a) => a.resultId), ackRows.map((a) => a.seq), ackRows.map((a) => a.hash)],
  );
  await insertLessons(client, tenantId, run, decision, input, now);
  const version = run.version + 1;
  const updated = await client.query(
    `UPDATE runs SET phase = $3, status = $4, cost_cents = $5, outcome = $6, completed_at = $7, updated_at = $7, version = $8, audit_seq = $10, audit_head = $11
     WHERE id = $1 AND tenant_id = $2 AND version = $9 RETURNING id`,
    [runId, tenantId, decision.phase, decision.status, decision.costCents, decision.outcome, now, version, run.version, head.seq, head.hash],
  );
  if (updated.rows.length !== 1) throw new Error(`run ${runId} changed under its lock`);
  await client.query(`INSERT INTO transitions (tenant_id, subject_type, subject_id, from_status, to_status, reason, actor, at, chain_seq, hash) VALUES ($1, 'run', $2, $3, $4, $5, $6, $7, $8, $9)`, [
    tenantId, runId, move.fields.from, move.fields.to, move.fields.reason, actor, now, moved.seq, moved.hash,
  ]);
  const events: NewOutboxEvent[] = [
    { tenantId, type: 'incident.created', subjectType: 'run', subjectId: runId, actor, payload: { runId, incident } },
    { tenantId, type: 'policy.evaluated', subjectType: 'run', subjectId: runId, actor, payload: { runId, policyEvaluation: evaluation } },
    { tenantId, type: 'run.completed', subjectType: 'run', subjectId: runId, actor, payload: { runId, agentId: run.agent_id, phase: decision.phase, status: decision.status, version } },
  ];
  await flushOutbox({ query: (sql: string, values: unknown[]) => client.query(sql, values) } as unknown as EntityManager, events, now);
}

/** Writes the run's incident, classified by the product's engine; returns it (for its event). */
export async function insertIncident(client: SqlClient, { tenantId, actor }: Completer, runId: string, decision: ReturnType<typeof decideCompletion>, input: CompletionInput, violationCount: number, now: Date) {
  const errorCode = input.errorCode ?? null;
  const { resolution, ...classification } = classifyIncident({ status: decision.status, errorCode, violationCount });
  const resolved = classification.status === 'RESOLVED';
  const incident = {
    id: `inc_${randomUUID()}`, tenantId, runId, outcome: decision.status, errorCode, errorMessage: input.errorMessage ?? null,
    ...classification, resolution, resolvedBy: resolved ? actor : null, resolvedAt: resolved ? now : null, createdAt: now,
  };
  await client.query(
    `INSERT INTO incidents (id, tenant_id, run_id, outcome, error_code, error_message, severity, category, title, status, resolution, resolved_by, resolved_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [incident.id, tenantId, runId, incident.outcome, errorCode, incident.errorMessage, incident.severity, incident.category, incident.title, incident.status, resolution, incident.resolvedBy, incident.resolvedAt, now],
  );
  return incident;
}

/** Writes the run's policy evaluation, concluded by the product's engine from the run's violations; returns it. */
/** The run's chain moved by the completion: its transition, then one ack per domain action (with ids). */
export function chainCompletion(
  { tenantId, actor }: Completer,
  run: LockedRun,
  decision: ReturnType<typeof decideCompletion>,
  acks: readonly { domain: string; action: string; resultId: string }[],
  now: Date,
) {
  const object = { tenantId, type: 'run', id: run.id } as const;
  const move = transitionEntry({ fromStatus: `${run.phase}/${run.status}`, toStatus: `${decision.phase}/${decision.status}`, reason: `completed: ${decision.outcome}`, actor, at: now }, null);
  const ids = acks.map(() => `ack_${randomUUID()}`);
  const chain = extendChain(object, { seq: run.audit_seq, hash: run.audit_head }, [
    move,
    ...acks.map((a, index) => ackEntry({ id: ids[index], domain: a.domain, action: a.action, status: 'SUCCESS', resultId: a.resultId, error: null, rollbackReason: null, at: now })),
  ]);
  const [moved, ...ackLinks] = chain.links;
  return { move, moved, head: chain.head, ackRows: acks.map((a, index) => ({ ...a, id: ids[index], seq: ackLinks[index].seq, hash: ackLinks[index].hash })) };
}

export async function insertPolicyEvaluation(client: SqlClient, tenantId: string, runId: string, decision: ReturnType<typeof decideCompletion>, violations: LockedRun['violations'], now: Date) {
  const conclusion = evaluatePolicies({ status: decision.status, policiesChecked: decision.policiesChecked, violationKinds: violations.map((violation) => violation.kind) });
  const evaluation = {
    id: `pev_${randomUUID()}`, tenantId, runId, outcome: decision.status, policiesChecked: decision.policiesChecked,
    policyOutcome: conclusion.outcome, confidence: conclusion.confidence, violationIds: violations.map((violation) => violation.id), createdAt: now,
  };
  await client.query(
    `INSERT INTO policy_evaluations (id, tenant_id, run_id, outcome, policies_checked, policy_outcome, confidence, violation_ids, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [evaluation.id, tenantId, runId, evaluation.outcome, evaluation.policiesChecked, evaluation.policyOutcome, evaluation.confidence, evaluation.violationIds, now],
  );
  return evaluation;
}

/**
 * Locks the run, then reads what its completion decides from: its violations and its lesson inputs.
 * Two statements: in one, the reads would see the database as of before the lock's wait, missing a
 * violation whose writer held the lock and committed meanwhile (READ COMMITTED takes one snapshot
 * per statement).
 */
async function lockRun(client: SqlClient, tenantId: string, runId: string, now: Date): Promise<LockedRun> {
  const locked = await client.query(
    `SELECT r.id, r.agent_id, r.phase, r.status, r.version, r.audit_seq, r.audit_head, r.trace_id, coalesce((r.plan->>'estimatedCostCents')::int, 0) AS estimated_cents
     FROM runs r WHERE r.id = $1 AND r.tenant_id = $2 FOR UPDATE`,
    [runId, tenantId],
  );
  if (locked.rows.length !== 1) throw new Error(`run ${runId} not found`);
  const run = locked.rows[0] as { agent_id: string };
  const { rows } = await client.query(
    `SELECT s.near_threshold_percent, s.critical_success_percent, b.limit_cents, b.window_hours,
            CASE WHEN b.agent_id IS NULL THEN 0 ELSE (
              SELECT real_cents::int FROM agent_spend_since($1, $2, $3::timestamptz - make_interval(hours => b.window_hours))) END AS spent,
            (SELECT coalesce(json_agg(json_build_object('id', v.id, 'kind', v.kind)), '[]') FROM violations v WHERE v.tenant_id = $1 AND v.run_id = $4) AS violations,
            (SELECT coalesce(array_agg(DISTINCT (l.detected_pattern->>'thresholdPercent')::float8), '{}') FROM lessons l
              WHERE l.tenant_id = $1 AND l.agent_id = $2 AND l.type = 'NEAR_THRESHOLD'
                AND l.created_at > $3::timestamptz - make_interval(hours => ${NEAR_THRESHOLD_DEBOUNCE_HOURS})) AS recent_bands
     FROM (SELECT 1) AS one
     LEFT JOIN governance_settings s ON s.tenant_id = $1
     LEFT JOIN agent_budgets b ON b.tenant_id = $1 AND b.agent_id = $2`,
    [tenantId, run.agent_id, now, runId],
  );
  return { ...locked.rows[0], ...rows[0] } as unknown as LockedRun;
}

async function insertLessons(client: SqlClient, tenantId: string, run: LockedRun, decision: ReturnType<typeof decideCompletion>, input: CompletionInput, now: Date): Promise<void> {
  const drafts = lessonDrafts(run, decision, input);
  if (drafts.length === 0) return;
  await client.query(
    `INSERT INTO lessons (id, tenant_id, run_id, agent_id, type, status, severity, title, description, detected_pattern, created_at, updated_at)
     SELECT 'les_' || gen_random_uuid(), $1, $2, $3, l.type, 'PENDING', l.severity, l.title, l.description, l.detected_pattern, $4, $4
     FROM jsonb_to_recordset($5::jsonb) AS l(type text, severity text, title text, description text, detected_pattern jsonb)`,
    [tenantId, run.id, run.agent_id, now, JSON.stringify(drafts.map((draft) => ({ ...draft, detected_pattern: draft.detectedPattern })))],
  );
}

/** The lessons a completion of `run` teaches (the product's engine). */
export function lessonDrafts(run: LockedRun, decision: ReturnType<typeof decideCompletion>, input: CompletionInput): ReturnType<typeof detectLessons> {
  return detectLessons({
    status: decision.status,
    costCents: decision.costCents,
    planEstimatedCents: run.estimated_cents,
    errorCode: input.errorCode ?? null,
    budget: run.limit_cents === null ? null : { limitCents: run.limit_cents, windowHours: run.window_hours!, spentBeforeCents: run.spent },
    nearThresholdPercent: run.near_threshold_percent ?? DefaultGovernanceSettings.nearThresholdPercent,
    criticalSuccessPercent: run.critical_success_percent ?? DefaultGovernanceSettings.criticalSuccessPercent,
    recentNearThresholdBands: run.recent_bands.map(Number),
  });
}

/** A client that keeps the text of every statement it sends (P1). */
export function recordingClient(client: SqlClient): { client: SqlClient; statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    client: {
      query: (text, values) => {
        statements.push(text);
        return client.query(text, values);
      },
    },
  };
}
