// Factory of the runtime: the defaults (built-in planner, production completion steps) unless the
// composition root chooses others.
import type { Clock } from './clock.js';
import type { CompletionStep } from './completion/completion-step.js';
import { defaultCompletionSteps } from './completion/default-steps.js';
import { RunCompletionCoordinator } from './completion/run-completion-coordinator.js';
import { GovernanceRuntime } from './governance-runtime.js';
import { builtinPlanner, type Planner } from './planner.js';
import type { UnitOfWorkDeps } from './unit-of-work.js';

/** What a runtime is made of; planner and completion steps have defaults. */
export interface RuntimeOptions extends UnitOfWorkDeps {
  clock: Clock;
  planner?: Planner;
  completionSteps?: readonly CompletionStep[];
  /** How long an authenticated key is remembered; 0 (the default) looks it up every time. */
  apiKeyCacheTtlMs?: number;
}

/** Makes a runtime over the data source. */
export function makeGovernanceRuntime(options: RuntimeOptions): GovernanceRuntime {
  const { planner = builtinPlanner, completionSteps = defaultCompletionSteps, apiKeyCacheTtlMs = 0, ...deps } = options;
  return new GovernanceRuntime({ ...deps, planner, apiKeyCacheTtlMs, completion: new RunCompletionCoordinator(completionSteps) });
}
