// Runtime command: recordDomainAck — a domain (an operator or automation) acknowledges an action of
// a run, SUCCESS or FAILED, in one commit: the ack, the matching expectation moved (ACKED, or FAILED),
// and its ack.recorded event. Acks on a finished run are recorded too (late acks happen); an
// idempotency key answers a repeat with the first ack.
import { randomUUID } from 'node:crypto';
import { checkAckReport, type AckReport } from '../engines/run-audit.js';
import { NotFoundError } from '../errors.js';
import { appendEvents } from '../drivers/outbox.js';
import { findAck, recordAcks } from '../drivers/run-audit.js';
import { lockRun } from '../drivers/runs.js';
import type { AckRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { StorageDeps } from '../storage-deps.js';
import { withUnitOfWork } from '../unit-of-work.js';
import { tenantScope } from '../transaction-scope.js';
import { runIdempotent } from './idempotent.js';
import { ackEvents } from './run-events.js';

/** Input of recordDomainAck. */
export interface DomainAckInput extends AckReport {
  idempotencyKey?: string | null;
}

/** Records a domain's ack of a run's action; returns it. */
export function recordDomainAck(deps: StorageDeps, ctx: RequestContext, runId: string, input: DomainAckInput): Promise<AckRecord> {
  const { idempotencyKey, ...reported } = input;
  const report = checkAckReport(reported);
  const { tenantId, name: actor } = ctx.principal;
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'recordDomainAck', deps.clock.now(), (uow) =>
    runIdempotent(uow, {
      tenantId,
      operation: 'recordDomainAck',
      key: idempotencyKey,
      input: { runId, ...report },
      execute: async () => {
        const run = await lockRun(uow, tenantId, runId);
        if (!run) throw new NotFoundError('Run', runId);
        const ack: AckRecord = { id: `ack_${randomUUID()}`, tenantId, runId, ...report, rollbackReason: null, at: uow.now };
        await recordAcks(uow, run, [ack]);
        appendEvents(uow, ackEvents(run, [ack], actor));
        return { result: ack, resultId: ack.id };
      },
      replay: (ackId) => findAck(uow, tenantId, ackId),
    }),
  );
}
