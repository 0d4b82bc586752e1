// Runtime step: the outbox events of runs and violations, each carrying a snapshot of its subject.
import type { NewOutboxEvent } from '../drivers/outbox.js';
import type { RunRecord, ViolationRecord } from '../records.js';

/** The event announcing a run change. */
export function runEvent(run: RunRecord, type: string, actor: string): NewOutboxEvent {
  return {
    tenantId: run.tenantId,
    type,
    subjectType: 'run',
    subjectId: run.id,
    actor,
    payload: { runId: run.id, agentId: run.agentId, phase: run.phase, status: run.status, version: run.version },
  };
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

/** Reads back the violation an event carries (its date was stored as an ISO string). */
export function violationSnapshotOf(payload: Record<string, unknown>): ViolationRecord {
  const violation = payload.violation as ViolationRecord & { createdAt: string };
  return { ...violation, createdAt: new Date(violation.createdAt) };
}
