// Engine: incidents (DOMAIN.md §4, the seed's incident fields) — the severity, category, title and
// opening status of a completed run's incident, derived from its final status, error and violations;
// and how an incident is resolved (OPEN → RESOLVED, once).
import { BadUserInputError, ImmutableError } from '../errors.js';
import type { RunStatus } from './run-states.js';

/** Where an incident stands. */
export const IncidentStatuses = ['OPEN', 'RESOLVED'] as const;
/** One incident status. */
export type IncidentStatus = (typeof IncidentStatuses)[number];

/** How bad an incident is. */
export const IncidentSeverities = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
/** One incident severity. */
export type IncidentSeverity = (typeof IncidentSeverities)[number];

/** What an incident is about. */
export const IncidentCategories = ['RUN_SUCCEEDED', 'EXECUTION_FAILURE', 'POLICY_VIOLATION', 'CANCELLATION', 'RETRY'] as const;
/** One incident category. */
export type IncidentCategory = (typeof IncidentCategories)[number];

/** The facts of a completed run an incident is drawn from. */
export interface IncidentFacts {
  status: RunStatus;
  errorCode: string | null;
  /** How many violations the run has recorded by its completion. */
  violationCount: number;
}

/** The derived fields of a run's incident. A clean success is resolved at once, by its completion. */
export interface IncidentClassification {
  severity: IncidentSeverity;
  category: IncidentCategory;
  title: string;
  status: IncidentStatus;
  resolution: string | null;
}

const severityOrder: readonly IncidentSeverity[] = IncidentSeverities;

function raised(severity: IncidentSeverity): IncidentSeverity {
  return severityOrder[Math.min(severityOrder.indexOf(severity) + 1, severityOrder.length - 1)];
}

const byStatus: Record<Exclude<RunStatus, 'QUEUED' | 'RUNNING'>, { category: IncidentCategory; severity: IncidentSeverity; title: string }> = {
  SUCCEEDED: { category: 'RUN_SUCCEEDED', severity: 'LOW', title: 'Run succeeded' },
  FAILED: { category: 'EXECUTION_FAILURE', severity: 'HIGH', title: 'Run failed' },
  FAILED_POLICY: { category: 'POLICY_VIOLATION', severity: 'HIGH', title: 'Run failed a policy' },
  CANCELLED: { category: 'CANCELLATION', severity: 'LOW', title: 'Run cancelled' },
  RETRY: { category: 'RETRY', severity: 'MEDIUM', title: 'Run ended for a retry' },
};

/** The resolution recorded on a clean success's incident. */
export const CleanSuccessResolution = 'The run succeeded with no violations.';

/** Classifies a completed run's incident. Violations raise the severity one step and make a success a policy matter. */
export function classifyIncident(facts: IncidentFacts): IncidentClassification {
  if (facts.status === 'QUEUED' || facts.status === 'RUNNING') throw new Error(`an incident is drawn from a final status, not ${facts.status}`);
  const base = byStatus[facts.status];
  const violated = facts.violationCount > 0;
  const category = violated && facts.status === 'SUCCEEDED' ? 'POLICY_VIOLATION' : base.category;
  const severity = violated ? raised(base.severity) : base.severity;
  const details = [facts.errorCode, violated ? `${facts.violationCount} violation${facts.violationCount === 1 ? '' : 's'}` : null].filter(Boolean);
  const title = details.length > 0 ? `${base.title} (${details.join(', ')})` : base.title;
  const clean = facts.status === 'SUCCEEDED' && !violated;
  return { severity, category, title, status: clean ? 'RESOLVED' : 'OPEN', resolution: clean ? CleanSuccessResolution : null };
}

/** Decides resolving an incident in `status` with `resolution`, or throws (IMMUTABLE once resolved, BAD_USER_INPUT). */
export function decideResolution(status: IncidentStatus, resolution: string): IncidentStatus {
  if (status === 'RESOLVED') throw new ImmutableError('Incident', status);
  const text = resolution.trim();
  if (text.length === 0 || text.length > 4000) throw new BadUserInputError(['resolution must be 1..4000 characters']);
  return 'RESOLVED';
}
