// The naive hand-written completeRun (P2 naive): what a developer writes without batching — the same
// rows as the product, one awaited statement per read and per row written, in one transaction.
import { randomUUID } from 'node:crypto';
import { NEAR_THRESHOLD_DEBOUNCE_HOURS } from '../../src/runtime/engines/lessons.js';
import { decideCompletion, type CompletionInput } from '../../src/runtime/engines/run-completion.js';
import type { RunPhase } from '../../src/runtime/engines/run-states.js';
import { OUTBOX_CHANNEL } from '../../src/runtime/outbox-flush.js';
import { chainCompletion, completeTrace, inTransaction, insertIncident, insertPolicyEvaluation, lessonDrafts, type Completer, type LockedRun, type SqlClient } from './raw-completion.js';

/** Completes one run in one transaction on `client`, a statement at a time (about 25 round trips). */
export function completeRunNaive(client: SqlClient, who: Completer, runId: string, input: CompletionInput): Promise<void> {
  return inTransaction(client, () => writeCompletion(client, who, runId, input));
}

async function writeCompletion(client: SqlClient, { tenantId, actor }: Completer, runId: string, input: CompletionInput): Promise<void> {
  const now = new Date();
  const run = await readRun(client, tenantId, runId, now);
  const decision = decideCompletion(run.phase as RunPhase, input);
  const incidentId = (await insertIncident(client, { tenantId, actor }, runId, decision, input, run.violations.length, now)).id;
  const evaluationId = (await insertPolicyEvaluation(client, tenantId, runId, decision, run.violations, now)).id;
  const acks = await completeTrace(client, tenantId, run, decision, [incidentId, evaluationId], now);
  const { move, moved, ackRows, head } = chainCompletion({ tenantId, actor }, run, decision, acks, now);
  for (const ack of ackRows) {
    await client.query(`INSERT INTO domain_acks (id, tenant_id, run_id, domain, action, status, result_id, at, chain_seq, hash) VALUES ($1, $2, $3, $4, $5, 'SUCCESS', $6, $7, $8, $9)`, [
      ack.id, tenantId, runId, ack.domain, ack.action, ack.resultId, now, ack.seq, ack.hash,
    ]);
    await client.query(`UPDATE audit_expectations SET status = 'ACKED', acked_at = $5 WHERE tenant_id = $1 AND run_id = $2 AND domain = $3 AND action = $4`, [tenantId, runId, ack.domain, ack.action, now]);
  }
  for (const draft of lessonDrafts(run, decision, input)) {
    await client.query(
      `INSERT INTO lessons (id, tenant_id, run_id, agent_id, type, status, severity, title, description, detected_pattern, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'PENDING', $6, $7, $8, $9, $10, $10)`,
      [`les_${randomUUID()}`, tenantId, runId, run.agent_id, draft.type, draft.severity, draft.title, draft.description, JSON.stringify(draft.detectedPattern), now],
    );
  }
  const version = run.version + 1;
  await client.query(`UPDATE runs SET phase = $3, status = $4, cost_cents = $5, outcome = $6, completed_at = $7, updated_at = $7, version = $8, audit_seq = $9, audit_head = $10 WHERE id = $1 AND tenant_id = $2`, [
    runId, tenantId, decision.phase, decision.status, decision.costCents, decision.outcome, now, version, head.seq, head.hash,
  ]);
  await client.query(`INSERT INTO transitions (tenant_id, subject_type, subject_id, from_status, to_status, reason, actor, at, chain_seq, hash) VALUES ($1, 'run', $2, $3, $4, $5, $6, $7, $8, $9)`, [
    tenantId, runId, move.fields.from, move.fields.to, move.fields.reason, actor, now, moved.seq, moved.hash,
  ]);
  const events = [
    { type: 'incident.created', payload: { runId, incidentId } },
    { type: 'policy.evaluated', payload: { runId, evaluationId } },
    { type: 'run.completed', payload: { runId, agentId: run.agent_id, phase: decision.phase, status: decision.status, version } },
  ];
  let lastId = '';
  for (const event of events) {
    const { rows } = await client.query(
      `INSERT INTO outbox_events (id, tenant_id, type, subject_type, subject_id, actor, payload, created_at) VALUES (nextval('outbox_events_id_seq'), $1, $2, 'run', $3, $4, $5, $6) RETURNING id`,
      [tenantId, event.type, runId, actor, JSON.stringify(event.payload), now],
    );
    lastId = String(rows[0].id);
  }
  await client.query(`SELECT pg_notify($1, $2)`, [OUTBOX_CHANNEL, lastId]);
}

/** The run, locked, and what its lessons depend on — one read per table. */
async function readRun(client: SqlClient, tenantId: string, runId: string, now: Date): Promise<LockedRun> {
  const { rows } = await client.query(`SELECT id, agent_id, phase, status, version, audit_seq, audit_head, trace_id, plan FROM runs WHERE id = $1 AND tenant_id = $2 FOR UPDATE`, [runId, tenantId]);
  if (rows.length !== 1) throw new Error(`run ${runId} not found`);
  const row = rows[0] as { id: string; agent_id: string; phase: string; status: string; version: number; audit_seq: number; audit_head: string | null; trace_id: string | null; plan: { estimatedCostCents?: number } | null };
  type Settings = { near_threshold_percent: number | null; critical_success_percent: number | null } | undefined;
  type Budget = { limit_cents: number; window_hours: number } | undefined;
  const settings = (await client.query(`SELECT near_threshold_percent, critical_success_percent FROM governance_settings WHERE tenant_id = $1`, [tenantId])).rows[0] as Settings;
  const budget = (await client.query(`SELECT limit_cents, window_hours FROM agent_budgets WHERE tenant_id = $1 AND agent_id = $2`, [tenantId, row.agent_id])).rows[0] as Budget;
  const spent = budget
    ? (await client.query(
        `SELECT coalesce(sum(cost_cents), 0)::int AS spent FROM runs WHERE tenant_id = $1 AND agent_id = $2 AND completed_at >= $3::timestamptz - make_interval(hours => $4) AND NOT is_synthetic`,
        [tenantId, row.agent_id, now, budget.window_hours],
      )).rows[0].spent
    : 0;
  const bands = await client.query(
    `SELECT DISTINCT (detected_pattern->>'thresholdPercent')::float8 AS band FROM lessons
     WHERE tenant_id = $1 AND agent_id = $2 AND type = 'NEAR_THRESHOLD' AND created_at > $3::timestamptz - make_interval(hours => ${NEAR_THRESHOLD_DEBOUNCE_HOURS})`,
    [tenantId, row.agent_id, now],
  );
  const violations = await client.query(`SELECT id, kind FROM violations WHERE tenant_id = $1 AND run_id = $2`, [tenantId, runId]);
  return {
    id: row.id,
    agent_id: row.agent_id,
    phase: row.phase,
    status: row.status,
    version: row.version,
    audit_seq: row.audit_seq,
    audit_head: row.audit_head,
    trace_id: row.trace_id,
    estimated_cents: row.plan?.estimatedCostCents ?? 0,
    near_threshold_percent: settings?.near_threshold_percent ?? null,
    critical_success_percent: settings?.critical_success_percent ?? null,
    limit_cents: budget?.limit_cents ?? null,
    window_hours: budget?.window_hours ?? null,
    spent: spent as number,
    recent_bands: bands.rows.map((band) => Number(band.band)),
    violations: violations.rows as LockedRun['violations'],
  };
}
