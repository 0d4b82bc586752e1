// Runtime commands: monitor configurations (admin) and reportInspection (operator) — the call a
// worker makes before it logs a prompt or a response, captures PII or touches a secret. Each denied
// operation is recorded as an INSPECTION_CONSTRAINT violation bound to the run, with its event.
import { randomUUID } from 'node:crypto';
import { checkInspection, type InspectionResult } from '../engines/inspection.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { applyMonitorConfig, findMonitorConfig, type MonitorConfigPatch } from '../drivers/monitor-configs.js';
import { appendEvents } from '../drivers/outbox.js';
import { lockRun } from '../drivers/runs.js';
import { insertViolations } from '../drivers/violations.js';
import type { MonitorConfigRecord, ViolationRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { StorageDeps } from '../storage-deps.js';
import { withUnitOfWork } from '../unit-of-work.js';
import { tenantScope } from '../transaction-scope.js';
import { violationEvent } from './run-events.js';

/** Sets some fields of a policy's monitor configuration; the others keep their value. */
export function upsertMonitorConfig(deps: StorageDeps, ctx: RequestContext, policyId: string, patch: MonitorConfigPatch): Promise<MonitorConfigRecord> {
  const problems: string[] = [];
  if (policyId.trim().length === 0 || policyId.length > 200) problems.push('policyId must be 1..200 characters and not blank');
  if (patch.burnRateWindowSeconds != null && (!Number.isInteger(patch.burnRateWindowSeconds) || patch.burnRateWindowSeconds < 1)) problems.push('burnRateWindowSeconds must be a positive integer');
  if (patch.allowedRagSources?.some((source) => source.trim().length === 0)) problems.push('allowedRagSources must not hold blank names');
  if (problems.length > 0) throw new BadUserInputError(problems);
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'upsertMonitorConfig', deps.clock.now(), (uow) =>
    applyMonitorConfig(uow, { id: `mon_${randomUUID()}`, tenantId: ctx.principal.tenantId, policyId }, patch, ctx.principal.name),
  );
}

/** Checks the operations and records a violation (and its event) per denied one, in one commit. */
export function reportInspection(deps: StorageDeps, ctx: RequestContext, runId: string, policyId: string, operations: readonly string[]): Promise<InspectionResult> {
  const { tenantId, name: actor } = ctx.principal;
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'reportInspection', deps.clock.now(), async (uow) => {
    const run = await lockRun(uow, tenantId, runId);
    if (!run) throw new NotFoundError('Run', runId);
    const result = checkInspection(policyId, await findMonitorConfig(uow, tenantId, policyId), operations);
    const violations: ViolationRecord[] = result.violations.map((violation) => ({
      id: `vio_${randomUUID()}`,
      tenantId,
      kind: 'INSPECTION_CONSTRAINT',
      runId,
      policyId,
      operation: violation.operation,
      phase: run.phase,
      status: run.status,
      message: violation.message,
      details: { constraintField: violation.constraintField, constraintValue: violation.constraintValue },
      createdAt: uow.now,
    }));
    await insertViolations(uow, run, violations);
    appendEvents(uow, violations.map((violation) => violationEvent(violation, actor)));
    return result;
  });
}
