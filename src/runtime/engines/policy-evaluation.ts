// Engine: a completed run's policy evaluation (the seed's outcome and confidence) — from the
// violations the run recorded by its completion, its final status and the policies checked.
import type { RunStatus } from './run-states.js';

/** What a policy evaluation concluded. */
export const PolicyOutcomes = ['NO_VIOLATION', 'VIOLATION', 'ADVISORY', 'NOT_APPLICABLE'] as const;
/** One policy outcome. */
export type PolicyOutcome = (typeof PolicyOutcomes)[number];

/** The facts an evaluation reads. */
export interface PolicyFacts {
  status: RunStatus;
  policiesChecked: number;
  /** The kinds of the run's recorded violations. */
  violationKinds: readonly string[];
}

/** The evaluation's conclusion and how sure it is (0..1). */
export interface PolicyConclusion {
  outcome: PolicyOutcome;
  confidence: number;
}

/**
 * Evaluates a run. A denied inspection is a VIOLATION; phase/status breaches recorded only because
 * enforcement was off are ADVISORY; a reported FAILED_POLICY without a recorded violation is a VIOLATION
 * on the worker's word (0.8). Without violations, no policy checked is NOT_APPLICABLE, and confidence
 * in NO_VIOLATION grows with the policies checked (n / (n + 1)).
 */
export function evaluatePolicies(facts: PolicyFacts): PolicyConclusion {
  if (facts.violationKinds.includes('INSPECTION_CONSTRAINT')) return { outcome: 'VIOLATION', confidence: 1 };
  if (facts.status === 'FAILED_POLICY') return { outcome: 'VIOLATION', confidence: facts.violationKinds.length > 0 ? 1 : 0.8 };
  if (facts.violationKinds.length > 0) return { outcome: 'ADVISORY', confidence: 1 };
  if (facts.policiesChecked === 0) return { outcome: 'NOT_APPLICABLE', confidence: 0 };
  return { outcome: 'NO_VIOLATION', confidence: Math.round((facts.policiesChecked / (facts.policiesChecked + 1)) * 100) / 100 };
}
