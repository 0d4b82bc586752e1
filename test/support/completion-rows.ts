// Row facts about one run's completion for end-to-end tests: everything a completion attempt could
// write for the run (a failed attempt must leave it as it was), and which transactions wrote it.
import { selectRows } from './rows.js';
import type { TestServer } from './test-server.js';

type HasDatabase = Pick<TestServer, 'database'>;

/** The actions a completion acknowledges. */
export const COMPLETION_ACTIONS = ['incidents:create_incident', 'policies:evaluate_policy', 'logs:complete_trace', 'orchestrator:finalize_run'] as const;

/** The events a completion without lessons publishes, in the order the client is told them (ack.recorded once per ack). */
export const COMPLETION_EVENTS = ['run.completed', 'incident.created', 'policy.evaluated', 'ack.recorded'] as const;

/** The tables whose rows of a run a completion writes. */
const RECORD_TABLES = ['incidents', 'policy_evaluations', 'trace_completions', 'lessons'] as const;

/** Every stored row of `runId` a completion attempt writes or changes (ROLLED_BACK acks and their events excepted: they are its trail). */
export async function completionFootprint(server: HasDatabase, runId: string) {
  const acks = await selectRows<{ status: string; id: string }>(server, 'domain_acks', { run_id: runId });
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  return {
    // Without the chain head: the ROLLED_BACK acks (left out too) are chained on the run.
    run: (await selectRows<{ audit_seq?: number; audit_head?: string }>(server, 'runs', { id: runId })).map(({ audit_seq: _seq, audit_head: _head, ...run }) => run),
    expectations: (await selectRows<{ id: string }>(server, 'audit_expectations', { run_id: runId })).sort(byId),
    acks: acks.filter((ack) => ack.status !== 'ROLLED_BACK').sort(byId),
    transitions: await selectRows(server, 'transitions', { subject_id: runId }),
    // Without `position`: the sequencer gives it after the commit, whenever it gets to it.
    events: (await selectRows<{ type: string; position?: string; payload: { ack?: { status: string } } }>(server, 'outbox_events', { subject_id: runId }))
      .filter((event) => event.payload.ack?.status !== 'ROLLED_BACK')
      .map(({ position: _position, ...event }) => event),
    incidents: await selectRows(server, 'incidents', { run_id: runId }),
    policyEvaluations: await selectRows(server, 'policy_evaluations', { run_id: runId }),
    traceCompletions: await selectRows(server, 'trace_completions', { run_id: runId }),
    lessons: await selectRows(server, 'lessons', { run_id: runId }),
  };
}

/** The distinct transactions (xmin) that wrote what the completion of `runId` produced, per kind of row. */
export async function completionWriters(server: HasDatabase, runId: string): Promise<Record<string, string[]>> {
  const writers = async (sql: string, params: unknown[]) => ((await server.database.dataSource.query(sql, params)) as { xmin: string }[]).map((row) => row.xmin);
  const distinct = `SELECT DISTINCT xmin::text AS xmin FROM`;
  const result: Record<string, string[]> = {
    run: await writers(`${distinct} runs WHERE id = $1`, [runId]),
    acks: await writers(`${distinct} domain_acks WHERE run_id = $1 AND status = 'SUCCESS' AND domain || ':' || action = ANY($2)`, [runId, COMPLETION_ACTIONS]),
    expectations: await writers(`${distinct} audit_expectations WHERE run_id = $1 AND domain || ':' || action = ANY($2)`, [runId, COMPLETION_ACTIONS]),
    // An event's row is rewritten by the sequencer (its position); `xid` keeps the transaction that wrote it.
    events: await writers(`SELECT DISTINCT (xid::text::numeric % 4294967296)::text AS xmin FROM outbox_events WHERE subject_id = $1 AND type = ANY($2) AND (payload->'ack' IS NULL OR payload->'ack'->>'action' <> 'start_trace')`, [runId, COMPLETION_EVENTS]),
    transition: await writers(`${distinct} transitions WHERE id = (SELECT max(id) FROM transitions WHERE subject_id = $1)`, [runId]),
  };
  for (const table of RECORD_TABLES) result[table] = await writers(`${distinct} ${table} WHERE run_id = $1`, [runId]);
  return result;
}
