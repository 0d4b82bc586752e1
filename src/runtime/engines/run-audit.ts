// Engine: a run's runtime audit contract (DOMAIN.md §3) — the expectations declared at creation
// with their deadlines, the acks domains report (checked by shape), and reconciliation of
// expectations against the domains' acks.
import { BadUserInputError } from '../errors.js';

/** Statuses of an ack: reported by a domain (SUCCESS, FAILED) or written by an undone completion (ROLLED_BACK). */
export const AckStatuses = ['SUCCESS', 'FAILED', 'ROLLED_BACK'] as const;
/** One ack status. */
export type AckStatus = (typeof AckStatuses)[number];
/** The statuses a domain may report with recordDomainAck. */
export const ReportedAckStatuses = ['SUCCESS', 'FAILED'] as const;
/** One reported ack status. */
export type ReportedAckStatus = (typeof ReportedAckStatuses)[number];

/** Where an expectation stands. */
export const ExpectationStatuses = ['PENDING', 'ACKED', 'MISSING', 'FAILED'] as const;
/** One expectation status. */
export type ExpectationStatus = (typeof ExpectationStatuses)[number];

/** An ack as a domain (an operator or automation) reports it. */
export interface AckReport {
  domain: string;
  action: string;
  status: ReportedAckStatus;
  resultId?: string | null;
  error?: string | null;
}

/** A checked ack report, ready to store. */
export interface CheckedAckReport {
  domain: string;
  action: string;
  status: ReportedAckStatus;
  resultId: string | null;
  error: string | null;
}

const NAME = /^[a-z0-9][a-z0-9_.-]{0,99}$/i;

/** Checks an ack report: domain and action are names, a FAILED ack says its error and only a FAILED ack has one (BAD_USER_INPUT, every reason). */
export function checkAckReport(report: AckReport): CheckedAckReport {
  const problems: string[] = [];
  if (!NAME.test(report.domain)) problems.push('domain must be 1..100 letters, digits, "_", "." or "-"');
  if (!NAME.test(report.action)) problems.push('action must be 1..100 letters, digits, "_", "." or "-"');
  if (!(ReportedAckStatuses as readonly string[]).includes(report.status)) problems.push(`status must be ${ReportedAckStatuses.join(' or ')}`);
  if (report.resultId != null && (report.resultId.trim().length === 0 || report.resultId.length > 200)) problems.push('resultId must be 1..200 characters and not blank');
  const error = report.error ?? null;
  if (report.status === 'FAILED' && (error === null || error.trim().length === 0)) problems.push('a FAILED ack must say its error');
  if (report.status === 'SUCCESS' && error !== null) problems.push('only a FAILED ack has an error');
  if (error !== null && error.length > 4000) problems.push('error must be at most 4000 characters');
  if (problems.length > 0) throw new BadUserInputError(problems);
  return { domain: report.domain, action: report.action, status: report.status, resultId: report.resultId ?? null, error };
}

/** Seconds after the run's timeout before the liveness expectation (finalize_run) is due. */
export const FINALIZE_GRACE_SECONDS = 60;
/** Default run timeout. */
export const DEFAULT_RUN_TIMEOUT_SECONDS = 300;

/** One declared expectation. */
export interface DeclaredExpectation {
  domain: string;
  action: string;
  deadline: Date;
}

/** The four expectations of every run, due at timeout (finalize_run: timeout + grace). */
export function declareExpectations(createdAt: Date, timeoutSeconds: number): DeclaredExpectation[] {
  const at = (seconds: number) => new Date(createdAt.getTime() + seconds * 1000);
  return [
    { domain: 'incidents', action: 'create_incident', deadline: at(timeoutSeconds) },
    { domain: 'policies', action: 'evaluate_policy', deadline: at(timeoutSeconds) },
    { domain: 'logs', action: 'start_trace', deadline: at(timeoutSeconds) },
    { domain: 'orchestrator', action: 'finalize_run', deadline: at(timeoutSeconds + FINALIZE_GRACE_SECONDS) },
  ];
}

/** The follow-up of a started trace: completing it. */
export const TRACE_COMPLETION = { domain: 'logs', action: 'complete_trace' } as const;

/** Starting a trace creates the obligation to complete it, due with finalize_run. */
export function declareTraceCompletion(createdAt: Date, timeoutSeconds: number): DeclaredExpectation {
  return { ...TRACE_COMPLETION, deadline: new Date(createdAt.getTime() + (timeoutSeconds + FINALIZE_GRACE_SECONDS) * 1000) };
}

/** An expectation as stored. */
export interface ExpectationFact {
  domain: string;
  action: string;
  status: ExpectationStatus;
  deadline: Date;
}

/** An ack as stored. */
export interface AckFact {
  domain: string;
  action: string;
  status: AckStatus;
}

/** Reconciliation statuses: clean, not yet clean, or not clean with finalize_run overdue. */
export const ReconciliationStatuses = ['COMPLETE', 'INCOMPLETE', 'STALE'] as const;
/** One reconciliation status. */
export type ReconciliationStatus = (typeof ReconciliationStatuses)[number];

/** The reconciliation of a run (api-sketch Reconciliation). */
export interface Reconciliation {
  status: ReconciliationStatus;
  missing: string[];
  drift: string[];
  failed: string[];
  staleRun: boolean;
  isClean: boolean;
  expectationsCount: number;
  acksCount: number;
}

const keyOf = (fact: { domain: string; action: string }) => `${fact.domain}:${fact.action}`;

/** Missing (expected, not acked), drift (acked, not expected), failed (acked with error); STALE when finalize_run is overdue. */
export function reconcile(expectations: readonly ExpectationFact[], acks: readonly AckFact[], now: Date): Reconciliation {
  const standing = acks.filter((ack) => ack.status !== 'ROLLED_BACK');
  const acked = new Set(standing.map(keyOf));
  const expected = new Set(expectations.map(keyOf));
  const missing = [...expected].filter((key) => !acked.has(key)).sort();
  const drift = [...acked].filter((key) => !expected.has(key)).sort();
  const failed = [...new Set(standing.filter((ack) => ack.status === 'FAILED').map(keyOf))].sort();
  const finalize = expectations.find((expectation) => expectation.domain === 'orchestrator' && expectation.action === 'finalize_run');
  const staleRun = finalize !== undefined && !acked.has(keyOf(finalize)) && finalize.deadline <= now;
  const clean = missing.length === 0 && drift.length === 0 && failed.length === 0;
  return {
    status: clean ? 'COMPLETE' : staleRun ? 'STALE' : 'INCOMPLETE',
    missing,
    drift,
    failed,
    staleRun,
    isClean: clean,
    expectationsCount: expectations.length,
    acksCount: acks.length,
  };
}
