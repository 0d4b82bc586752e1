// Run completion helper: acknowledges a step's action for the run, in the step's transaction.
import { randomUUID } from 'node:crypto';
import { recordAck } from '../drivers/run-audit.js';
import type { CompletionContext, DomainAction } from './completion-step.js';

/** Records a SUCCESS ack of `action` with the id of what it produced. */
export function ackSuccess(context: CompletionContext, action: DomainAction, resultId: string): Promise<void> {
  const { run, uow } = context;
  return recordAck(uow, { id: `ack_${randomUUID()}`, tenantId: run.tenantId, runId: run.id, ...action, status: 'SUCCESS', resultId, error: null, rollbackReason: null, at: uow.now });
}
