// Engine: what completing a run means (DOMAIN.md §4) — the final status's phase (SUCCEEDED →
// COMPLETED; FAILED, FAILED_POLICY, CANCELLED, RETRY → FAILED), checked against the phase/status
// table; terminal runs never complete again (IMMUTABLE).
import { BadUserInputError, ImmutableError } from '../errors.js';
import { isTerminalRunPhase, phaseAllows, type RunPhase, type RunStatus } from './run-states.js';

/** What the client reports when a run ends. */
export interface CompletionInput {
  status: RunStatus;
  errorCode?: string | null;
  errorMessage?: string | null;
  costCents?: number | null;
  policiesChecked?: number | null;
}

/** The decided completion. */
export interface CompletionDecision {
  phase: RunPhase;
  status: RunStatus;
  costCents: number;
  policiesChecked: number;
  /** A one-line outcome, searched by later runs' memory context. */
  outcome: string;
}

/** The phase a final status puts a run in (null: not a final status). */
export function finalPhaseOf(status: RunStatus): RunPhase | null {
  if (status === 'SUCCEEDED') return 'COMPLETED';
  if (status === 'FAILED' || status === 'FAILED_POLICY' || status === 'CANCELLED' || status === 'RETRY') return 'FAILED';
  return null;
}

/** Decides the completion of a run in `phase`, or throws (IMMUTABLE, BAD_USER_INPUT with every reason). */
export function decideCompletion(phase: RunPhase, input: CompletionInput): CompletionDecision {
  if (isTerminalRunPhase(phase)) throw new ImmutableError('Run', phase);
  const finalPhase = finalPhaseOf(input.status);
  const problems: string[] = [];
  if (!finalPhase || !phaseAllows(finalPhase, input.status)) problems.push(`status must be a final status (SUCCEEDED, FAILED, FAILED_POLICY, CANCELLED, RETRY), not ${input.status}`);
  if (input.costCents != null && (!Number.isInteger(input.costCents) || input.costCents < 0)) problems.push('costCents must be a non-negative integer');
  if (input.policiesChecked != null && (!Number.isInteger(input.policiesChecked) || input.policiesChecked < 0)) problems.push('policiesChecked must be a non-negative integer');
  if (input.errorCode != null && (input.errorCode.trim().length === 0 || input.errorCode.length > 200)) problems.push('errorCode must be 1..200 characters');
  if (input.errorMessage != null && input.errorMessage.length > 4000) problems.push('errorMessage must be at most 4000 characters');
  if (problems.length > 0 || !finalPhase) throw new BadUserInputError(problems);
  const error = [input.errorCode, input.errorMessage].filter(Boolean).join(': ');
  return {
    phase: finalPhase,
    status: input.status,
    costCents: input.costCents ?? 0,
    policiesChecked: input.policiesChecked ?? 0,
    outcome: error ? `${input.status.toLowerCase()} ${error}` : input.status.toLowerCase(),
  };
}
