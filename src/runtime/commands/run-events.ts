// Runtime step: the outbox events of runs and violations. Every event of a run's stream carries the
// run as it was right after the commit (without its plan and plan warnings, which never change after
// creation and are read at delivery), and the record the event is about: its incident, policy evaluation, lesson or ack.
import type { NewOutboxEvent } from '../drivers/outbox.js';
import type { AckRecord, IncidentRecord, LessonRecord, PolicyEvaluationRecord, RunRecord, ViolationRecord } from '../records.js';

/** The types of a run's stream (runUpdated, runEvents): those a completion announces, in its order, then a lesson's review and an incident's resolution. */
export const RunEventTypes = [
  'run.created',
  'run.transitioned',
  'run.completed',
  'incident.created',
  'policy.evaluated',
  'lesson.created',
  'ack.recorded',
  'lesson.dismissed',
  'lesson.deferred',
  'lesson.returned',
  'incident.resolved',
  'lesson.converted',
] as const;

/** One type of a run's stream. */
export type RunEventType = (typeof RunEventTypes)[number];

/** A run as its events carry it: every field but the plan and its warnings. */
export type RunSnapshot = Omit<RunRecord, 'plan' | 'planWarnings'>;

/** What an event of a run's stream is about, beside the run itself. */
export type RunEventDetail = { incident: IncidentRecord } | { policyEvaluation: PolicyEvaluationRecord } | { lesson: LessonRecord } | { ack: AckRecord } | Record<string, never>;

/** An event of `run`'s stream. */
export function runEvent(run: RunRecord, type: RunEventType, actor: string, detail: RunEventDetail = {}): NewOutboxEvent {
  const { plan: _plan, planWarnings: _planWarnings, ...snapshot } = run;
  return {
    tenantId: run.tenantId,
    type,
    subjectType: 'run',
    subjectId: run.id,
    actor,
    payload: { runId: run.id, agentId: run.agentId, phase: run.phase, status: run.status, version: run.version, run: snapshot, ...detail },
  };
}

/** One ack.recorded event per ack, each with the run as the commit left it. */
export function ackEvents(run: RunRecord, acks: readonly AckRecord[], actor: string): NewOutboxEvent[] {
  return acks.map((ack) => runEvent(run, 'ack.recorded', actor, { ack }));
}

/** The event announcing a recorded violation. */
export function violationEvent(violation: ViolationRecord, actor: string): NewOutboxEvent {
  return {
    tenantId: violation.tenantId,
    type: 'violation.recorded',
    subjectType: 'violation',
    subjectId: violation.id,
    actor,
    payload: { violationId: violation.id, runId: violation.runId, kind: violation.kind, violation: { ...violation } },
  };
}
