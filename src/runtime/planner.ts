// Planner port: how the runtime asks for a run's steps. The deterministic built-in planner is the
// default; an HTTP planner (src/planners) is plugged in by configuration. Planner answers are
// proposals only — the runtime validates every step against the manifest and the budget.
import type { MemoryContext } from './engines/memory-context.js';
import { planFromManifest, type ManifestSkill, type ProposedStep } from './engines/run-plan.js';
import { GovernanceError } from './errors.js';

/** What a planner is given. */
export interface PlanningRequest {
  agentId: string;
  goal: string;
  skills: readonly ManifestSkill[];
  memory: MemoryContext;
}

/** Proposes the steps of a run. */
export interface Planner {
  readonly name: string;
  propose(request: PlanningRequest): Promise<ProposedStep[]>;
}

/** A planner that failed or answered something unusable: the run is refused, nothing written. */
export class PlannerError extends GovernanceError {
  constructor(planner: string, reason: string) {
    super('INTERNAL', `The ${planner} planner could not plan this run: ${reason}`, { planner, reason });
  }
}

/** The built-in planner: skills chosen by keyword relevance; the same input gives the same plan. */
export const builtinPlanner: Planner = {
  name: 'builtin',
  propose: async (request) => planFromManifest(request.goal, request.skills),
};
