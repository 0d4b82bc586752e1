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
