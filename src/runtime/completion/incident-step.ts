// Run completion step (incidents): every completed run gets its incident — outcome, error code and
// message — acked as incidents:create_incident and announced as incident.created.
import { randomUUID } from 'node:crypto';
import { insertIncident } from '../drivers/completion-records.js';
import { appendEvents } from '../drivers/outbox.js';
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
    appendEvents(uow, [{ tenantId: run.tenantId, type: 'incident.created', subjectType: 'run', subjectId: run.id, actor: context.actor, payload: { runId: run.id, incident: { ...incident } } }]);
    context.incident = incident;
    context.events.push('incident.created');
  },
};
