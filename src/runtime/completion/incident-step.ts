// Run completion step (incidents): every completed run gets its incident — outcome, error code and
// message, and the severity, category, title and status the incidents engine derives from them and
// the run's violations (a clean success is resolved by its completion) — acked as
// incidents:create_incident (announced as incident.created by the announce step).
import { randomUUID } from 'node:crypto';
import { classifyIncident } from '../engines/incidents.js';
import { insertIncident } from '../drivers/completion-records.js';
import type { IncidentRecord } from '../records.js';
import type { CompletionStep } from './completion-step.js';
import { ackSuccess } from './record-ack.js';

const action = { domain: 'incidents', action: 'create_incident' };

/** Writes the run's incident. */
export const incidentStep: CompletionStep = {
  name: 'incidents',
  actionFor: () => action,
  run: async (context) => {
    const { run, input, uow, actor } = context;
    const errorCode = input.errorCode ?? null;
    const { resolution, ...classification } = classifyIncident({ status: context.decision.status, errorCode, violationCount: context.violations.length });
    const resolved = classification.status === 'RESOLVED';
    const incident: IncidentRecord = {
      id: `inc_${randomUUID()}`,
      tenantId: run.tenantId,
      runId: run.id,
      outcome: context.decision.status,
      errorCode,
      errorMessage: input.errorMessage ?? null,
      ...classification,
      resolution,
      resolvedBy: resolved ? actor : null,
      resolvedAt: resolved ? uow.now : null,
      createdAt: uow.now,
    };
    await insertIncident(uow, incident);
    ackSuccess(context, action, incident.id);
    context.incident = incident;
  },
};
