// Engine: the job plan built from a contract's proposed changes — one step per change, in order,
// aimed at the change's capability or scope (or `system`), carrying the change's other fields.
import type { ProposedChange } from './proposed-changes.js';

/** Default time a step may take. */
export const DEFAULT_STEP_TIMEOUT_SECONDS = 300;

/** One planned step of a job. */
export interface JobStep {
  stepIndex: number;
  stepType: string;
  target: string;
  parameters: Record<string, unknown>;
  timeoutSeconds: number;
}

/** Plans one step per proposed change, in order. */
export function buildJobPlan(changes: readonly ProposedChange[]): JobStep[] {
  return changes.map((change, stepIndex) => {
    const { type, capabilityName, scope, ...rest } = change;
    const target = typeof capabilityName === 'string' ? capabilityName : typeof scope === 'string' ? scope : 'system';
    const parameters: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    return { stepIndex, stepType: type, target, parameters, timeoutSeconds: DEFAULT_STEP_TIMEOUT_SECONDS };
  });
}
