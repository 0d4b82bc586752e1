// Run completion step (announcements), the last: the completion's events, each carrying the run as
// this commit leaves it — run.completed, incident.created, policy.evaluated, a lesson.created per
// lesson and an ack.recorded per ack the steps queued.
import { ackEvents, runEvent } from '../commands/run-events.js';
import { appendEvents } from '../drivers/outbox.js';
import type { CompletionStep } from './completion-step.js';

/** Queues the completion's events for the commit. */
export const announceStep: CompletionStep = {
  name: 'announce',
  actionFor: () => null,
  run: async (context) => {
    const { uow, actor, completedRun: run, incident, policyEvaluation } = context;
    if (!run || !incident || !policyEvaluation) throw new Error('the run, its incident and its policy evaluation are announced after they are written');
    const events = [
      runEvent(run, 'run.completed', actor),
      runEvent(run, 'incident.created', actor, { incident }),
      runEvent(run, 'policy.evaluated', actor, { policyEvaluation }),
      ...context.lessons.map((lesson) => runEvent(run, 'lesson.created', actor, { lesson })),
      ...ackEvents(run, context.acks, actor),
    ];
    appendEvents(uow, events);
    context.events = [...new Set(events.map((event) => event.type))];
  },
};
