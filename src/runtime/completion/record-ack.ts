// Run completion helper: acknowledges a step's action for the run. Acks are collected on the
// context and written together, in one statement, by the coordinator before the commit.
import { randomUUID } from 'node:crypto';
import type { CompletionContext, DomainAction } from './completion-step.js';

/** Queues a SUCCESS ack of `action` with the id of what it produced. */
export function ackSuccess(context: CompletionContext, action: DomainAction, resultId: string): void {
  const { run, uow } = context;
  context.acks.push({ id: `ack_${randomUUID()}`, tenantId: run.tenantId, runId: run.id, ...action, status: 'SUCCESS', resultId, error: null, rollbackReason: null, at: uow.now });
}
