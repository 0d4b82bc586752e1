// Runtime command: transitionRun — a forward phase move (or FAILED) with a status the phase allows.
// Enforcement on: an invalid pair is INVARIANT_VIOLATION, nothing written. Off: accepted, and a
// PHASE_STATUS_INVARIANT violation is recorded in the same commit. Entering EXECUTING with a trace
// starts it: logs:start_trace is acked and logs:complete_trace becomes expected.
import { randomUUID } from 'node:crypto';
import { declareTraceCompletion } from '../engines/run-audit.js';
import { decideRunTransition, type RunPhase, type RunStatus } from '../engines/run-states.js';
import { NotFoundError } from '../errors.js';
import { findGovernanceSettings } from '../drivers/manifest.js';
import { appendEvents } from '../drivers/outbox.js';
import { insertExpectations, recordAcks } from '../drivers/run-audit.js';
import { withHead } from '../drivers/audit-chain.js';
import { lockRun, moveRun } from '../drivers/runs.js';
import { insertViolations } from '../drivers/violations.js';
import type { AckRecord, RunRecord, ViolationRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { withUnitOfWork } from '../unit-of-work.js';
import { tenantScope } from '../transaction-scope.js';
import { ackEvents, runEvent, violationEvent } from './run-events.js';

/** Moves a run to `phase` with `status`. */
export function transitionRun(deps: RuntimeDeps, ctx: RequestContext, id: string, phase: RunPhase, status: RunStatus): Promise<RunRecord> {
  const { tenantId, name: actor } = ctx.principal;
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'transitionRun', deps.clock.now(), async (uow) => {
    const run = await lockRun(uow, tenantId, id);
    if (!run) throw new NotFoundError('Run', id);
    const settings = await findGovernanceSettings(uow, tenantId);
    const decision = decideRunTransition(run.phase as RunPhase, phase, status, settings.phaseStatusEnforcement);
    const reason = decision.violation ? `accepted with enforcement off: ${decision.violation.message}` : `moved by ${actor}`;
    let moved = await moveRun(uow, run, { phase: decision.phase, status: decision.status }, actor, reason);
    appendEvents(uow, [runEvent(moved, 'run.transitioned', actor)]);
    if (decision.violation) {
      const violation: ViolationRecord = {
        id: `vio_${randomUUID()}`,
        tenantId,
        kind: 'PHASE_STATUS_INVARIANT',
        runId: id,
        policyId: run.policyId,
        operation: null,
        phase,
        status,
        message: decision.violation.message,
        details: { fromPhase: run.phase, fromStatus: run.status, allowedStatuses: decision.violation.allowed },
        createdAt: uow.now,
      };
      moved = withHead(moved, await insertViolations(uow, moved, [violation]));
      appendEvents(uow, [violationEvent(violation, actor)]);
    }
    if (phase === 'EXECUTING' && run.traceId) {
      const started: AckRecord = { id: `ack_${randomUUID()}`, tenantId, runId: id, domain: 'logs', action: 'start_trace', status: 'SUCCESS', resultId: run.traceId, error: null, rollbackReason: null, at: uow.now };
      await recordAcks(uow, moved, [started]);
      appendEvents(uow, ackEvents(moved, [started], actor));
      const completion = declareTraceCompletion(run.createdAt, run.timeoutSeconds);
      await insertExpectations(uow, [{ id: `exp_${randomUUID()}`, tenantId, runId: id, status: 'PENDING', ackedAt: null, ...completion }]);
    }
    return moved;
  });
}
