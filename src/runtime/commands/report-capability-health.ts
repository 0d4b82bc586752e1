// Runtime command: reportCapabilityHealth — records a capability's latest health, the source of the
// snapshots taken at activation.
import { BadUserInputError } from '../errors.js';
import type { CapabilityHealthStatus } from '../engines/health-snapshot.js';
import { upsertCapabilityHealth } from '../drivers/capability-health.js';
import type { CapabilityHealthRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { withUnitOfWork } from '../unit-of-work.js';
import { tenantScope } from '../transaction-scope.js';

/** A health report as the API takes it. */
export interface CapabilityHealthReport {
  capability: string;
  status: CapabilityHealthStatus;
  details?: unknown;
}

/** Stores the report as the capability's latest health. */
export function reportCapabilityHealth(deps: RuntimeDeps, ctx: RequestContext, report: CapabilityHealthReport): Promise<CapabilityHealthRecord> {
  if (report.capability.trim().length === 0 || report.capability.length > 200) throw new BadUserInputError(['capability must be 1..200 characters and not blank']);
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'reportCapabilityHealth', deps.clock.now(), async (uow) => {
    const record: CapabilityHealthRecord = {
      tenantId: ctx.principal.tenantId,
      capability: report.capability,
      status: report.status,
      details: report.details ?? null,
      reportedBy: ctx.principal.name,
      reportedAt: uow.now,
    };
    await upsertCapabilityHealth(uow, record);
    return record;
  });
}
