// Run completion step (incidents): every completed run gets its incident — outcome, error code and
// message — acked as incidents:create_incident (announced as incident.created by the announce step).
import { randomUUID } from 'node:crypto';
import { insertIncident } from '../drivers/completion-records.js';
import type { CompletionStep } from './completion-step.js';
import { ackSuccess } from './record-ack.js';

const action = { domain: 'incidents', action: 'create_incident' };

/** Writes the run's incident. */
export const incidentStep: CompletionStep = {
  name: 'incidents',
  actionFor: () => action,
  run: async (context) => {
    const { run, input, uow } = context;
    const incident = { id: `inc_${randomUUID()}`, tenantId: run.tenantId, runId: run.id, outcome: context.decision.status, errorCode: input.errorCode ?? null, errorMessage: input.errorMessage ?? null, createdAt: uow.now };
    await insertIncident(uow, incident);
    ackSuccess(context, action, incident.id);
    context.incident = incident;
  },
};
