// Runtime command: resolveIncident — an operator resolves a run's open incident in one commit: the
// incident RESOLVED with the resolution, who and when, its OPEN → RESOLVED transition, and the
// incident.resolved event on the run's stream. A resolved incident stays resolved (IMMUTABLE).
import { decideResolution } from '../engines/incidents.js';
import { NotFoundError } from '../errors.js';
import { lockIncident, updateIncidentResolution } from '../drivers/completion-records.js';
import { appendEvents } from '../drivers/outbox.js';
import { findRun } from '../drivers/run-reads.js';
import { appendTransitions } from '../drivers/transitions.js';
import type { IncidentRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { StorageDeps } from '../storage-deps.js';
import { withUnitOfWork } from '../unit-of-work.js';
import { tenantScope } from '../transaction-scope.js';
import { runEvent } from './run-events.js';

/** Input of resolveIncident. */
export interface ResolveIncidentInput {
  resolution: string;
}

/** Resolves an open incident; returns it. */
export function resolveIncident(deps: StorageDeps, ctx: RequestContext, id: string, input: ResolveIncidentInput): Promise<IncidentRecord> {
  const { tenantId, name: actor } = ctx.principal;
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'resolveIncident', deps.clock.now(), async (uow) => {
    const incident = await lockIncident(uow, tenantId, id);
    if (!incident) throw new NotFoundError('Incident', id);
    const status = decideResolution(incident.status, input.resolution);
    const resolved = await updateIncidentResolution(uow, incident, { status, resolution: input.resolution.trim(), resolvedBy: actor, resolvedAt: uow.now });
    await appendTransitions(uow, { tenantId, type: 'incident', id }, resolved, actor, [{ from: incident.status, to: status, reason: resolved.resolution ?? '' }]);
    const run = await findRun(uow, tenantId, incident.runId);
    if (!run) throw new Error(`incident ${id} names run ${incident.runId}, which is gone`);
    appendEvents(uow, [runEvent(run, 'incident.resolved', actor, { incident: resolved })]);
    return resolved;
  });
}
