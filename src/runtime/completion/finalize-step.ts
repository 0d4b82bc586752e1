// Run completion step (orchestrator): the run's final phase and status, cost and outcome, its
// transition, and the orchestrator:finalize_run ack.
import { moveRun } from '../drivers/runs.js';
import type { CompletionStep } from './completion-step.js';
import { ackSuccess } from './record-ack.js';

const action = { domain: 'orchestrator', action: 'finalize_run' };

/** Moves the run to its final phase and status. */
export const finalizeStep: CompletionStep = {
  name: 'finalize',
  actionFor: () => action,
  run: async (context) => {
    const { run, uow, decision, actor } = context;
    const completed = await moveRun(
      uow,
      run,
      { phase: decision.phase, status: decision.status, costCents: decision.costCents, outcome: decision.outcome, completedAt: uow.now },
      actor,
      `completed: ${decision.outcome}`,
    );
    ackSuccess(context, action, run.id);
    context.completedRun = completed;
  },
};
