// Runtime step: the outbox events of a job. Each carries the job as it was right after the change
// (a snapshot written in the same commit), so a timeline or a replay sees every intermediate state.
import type { NewOutboxEvent } from '../drivers/outbox.js';
import type { JobRecord } from '../records.js';

/** The event announcing a job change, with the job's snapshot. */
export function jobEvent(job: JobRecord, type: string, actor: string, details: Record<string, unknown> = {}): NewOutboxEvent {
  return {
    tenantId: job.tenantId,
    type,
    subjectType: 'job',
    subjectId: job.id,
    actor,
    payload: { jobId: job.id, contractId: job.contractId, status: job.status, version: job.version, ...details, job: { ...job } },
  };
}

/** Reads back the job snapshot an event carries (dates were stored as ISO strings). */
export function jobSnapshotOf(payload: Record<string, unknown>): JobRecord {
  const job = payload.job as Record<string, unknown>;
  const date = (value: unknown) => (value == null ? null : new Date(String(value)));
  return { ...(job as unknown as JobRecord), createdAt: date(job.createdAt)!, startedAt: date(job.startedAt), completedAt: date(job.completedAt), timeoutAt: date(job.timeoutAt)! };
}
