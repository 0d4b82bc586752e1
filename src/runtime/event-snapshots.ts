// Reading delivered events back: the records an event carries (stored as JSON in its commit), with
// their instants revived as dates, shaped as the GraphQL event types expect them.
import type { RunSnapshot } from './commands/run-events.js';
import type { StoredEvent } from './read-outbox.js';
import type { AckRecord, ContractRecord, IncidentRecord, JobRecord, LessonRecord, PolicyEvaluationRecord, ViolationRecord } from './records.js';

/** What every delivered event has. */
export interface DeliveredEvent {
  /** The event's position: the cursor to resume after. */
  id: string;
  type: string;
  actor: string;
  at: Date;
}

/** A job event with the job as it was right after it. */
export interface JobEventView extends DeliveredEvent {
  job: JobRecord;
}

/** A contract event with the contract as it was right after it. */
export interface ContractEventView extends DeliveredEvent {
  fromStatus: string;
  contract: ContractRecord;
}

/** An event of a run's stream: the run as the commit left it, and the record the event is about. */
export interface RunEventView extends DeliveredEvent {
  run: RunSnapshot;
  incident: IncidentRecord | null;
  policyEvaluation: PolicyEvaluationRecord | null;
  lesson: LessonRecord | null;
  ack: AckRecord | null;
}

type Stored = Record<string, unknown>;

/** A copy of `record` whose named fields, when set, are dates again. */
function revived<T>(record: unknown, dateFields: readonly string[]): T {
  const copy: Stored = { ...(record as Stored) };
  for (const field of dateFields) if (copy[field] != null) copy[field] = new Date(String(copy[field]));
  return copy as T;
}

function optional<T>(record: unknown, dateFields: readonly string[]): T | null {
  return record == null ? null : revived<T>(record, dateFields);
}

function delivered(event: StoredEvent): DeliveredEvent {
  return { id: event.id, type: event.type, actor: event.actor, at: event.createdAt };
}

/** The job event as subscribers see it. */
export function jobEventOf(event: StoredEvent): JobEventView {
  return { ...delivered(event), job: revived(event.payload.job, ['createdAt', 'startedAt', 'completedAt', 'timeoutAt']) };
}

/** The contract event as subscribers see it. */
export function contractEventOf(event: StoredEvent): ContractEventView {
  const contract = revived<ContractRecord>(event.payload.contract, ['approvedAt', 'activationWindowStart', 'activationWindowEnd', 'auditCompletedAt', 'createdAt', 'updatedAt', 'expiresAt']);
  return { ...delivered(event), fromStatus: String(event.payload.fromStatus), contract };
}

/** The run event as subscribers see it. */
export function runEventOf(event: StoredEvent): RunEventView {
  const { payload } = event;
  return {
    ...delivered(event),
    run: revived(payload.run, ['createdAt', 'updatedAt', 'completedAt']),
    incident: optional(payload.incident, ['resolvedAt', 'createdAt']),
    policyEvaluation: optional(payload.policyEvaluation, ['createdAt']),
    lesson: optional(payload.lesson, ['deferredUntil', 'createdAt', 'updatedAt']),
    ack: optional(payload.ack, ['at']),
  };
}

/** The violation a violation.recorded event carries, with its event id. */
export function violationOf(event: StoredEvent): ViolationRecord & { eventId: string } {
  return { ...revived<ViolationRecord>(event.payload.violation, ['createdAt']), eventId: event.id };
}
