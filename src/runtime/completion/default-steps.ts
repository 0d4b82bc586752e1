// The steps of a run's completion, in order: incidents, policies, traces, lessons, the run itself, and
// the announcement of it all.
import { announceStep } from './announce-step.js';
import type { CompletionStep } from './completion-step.js';
import { finalizeStep } from './finalize-step.js';
import { incidentStep } from './incident-step.js';
import { lessonsStep } from './lessons-step.js';
import { policyStep } from './policy-step.js';
import { traceStep } from './trace-step.js';

/** The production completion steps. */
export const defaultCompletionSteps: readonly CompletionStep[] = [incidentStep, policyStep, traceStep, lessonsStep, finalizeStep, announceStep];
