// Bench-only composition for P3 "publishing off": the production completion steps, each followed by
// dropping the events it queued, so the unit of work has nothing to flush (no outbox row, no NOTIFY).
import type { CompletionStep } from '../../src/runtime/completion/completion-step.js';
import { defaultCompletionSteps } from '../../src/runtime/completion/default-steps.js';

/** A step that does everything `step` does except publish. */
function withoutEvents(step: CompletionStep): CompletionStep {
  return {
    name: step.name,
    actionFor: (run) => step.actionFor(run),
    run: async (context) => {
      await step.run(context);
      context.uow.pendingEvents.length = 0;
    },
  };
}

/** The production steps with publishing stubbed out. */
export const stepsWithoutEvents: readonly CompletionStep[] = defaultCompletionSteps.map(withoutEvents);
