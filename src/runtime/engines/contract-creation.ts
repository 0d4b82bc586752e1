// Engine: decides whether a proposal becomes a contract (MAY_NOT, C6, C7, lengths) and what is
// written: the contract and its history steps DRAFT → VALIDATED → ELIGIBLE, up to the status it ends
// in (ELIGIBLE for createContract, DRAFT for a proposal drafted from a lesson).
import { BadUserInputError, MayNotVerdictError } from '../errors.js';
import type { ContractStatus } from './contract-states.js';
import { normaliseProposedChange, proposedChangeProblems, type ProposedChange } from './proposed-changes.js';

/** Default time-to-live of an unapproved contract. */
export const DEFAULT_CONTRACT_TTL_HOURS = 72;
const MAX_TTL_HOURS = 720;
const MAX_CHANGES = 100;

/** The validator's verdict carried by a proposal. */
export interface ValidatorVerdict {
  issueType: string;
  severity: string;
  recommendedAction: string;
  confidenceScore: number;
  reason: string;
  validatorVersion: string;
}

/** The eligibility verdict carried by a proposal. */
export interface EligibilityVerdict {
  decision: 'MAY' | 'MAY_NOT';
  reason: string;
  blockingSignals?: string[] | null;
  missingPrerequisites?: string[] | null;
  rulesVersion: string;
}

/** A proposal as submitted by `createContract`. */
export interface ContractProposal {
  issueId: string;
  source: string;
  title: string;
  description?: string | null;
  proposedChanges: ProposedChange[];
  affectedCapabilities: string[];
  riskLevel: string;
  validatorVerdict: ValidatorVerdict;
  eligibilityVerdict: EligibilityVerdict;
  expiresInHours?: number | null;
}

/** One history step to record. */
export interface PlannedTransition {
  from: ContractStatus | 'NONE';
  to: ContractStatus;
  reason: string;
}

/** What creating the contract writes. */
export interface ContractCreation {
  status: ContractStatus;
  proposedChanges: ProposedChange[];
  confidenceScore: number;
  expiresAt: Date;
  transitions: PlannedTransition[];
}

/** A status a new contract may end its creation in. */
export type CreationEnd = Extract<ContractStatus, 'ELIGIBLE' | 'DRAFT'>;

/** How a creation ends: its final status, and where the proposal came from (the first step's reason). */
export interface CreationOptions {
  endIn?: CreationEnd;
  origin?: string;
}

/** Refuses MAY_NOT and invalid proposals (listing every reason); otherwise plans the new contract, ending in `endIn` (ELIGIBLE by default). */
export function decideContractCreation(proposal: ContractProposal, now: Date, options: CreationOptions = {}): ContractCreation {
  if (proposal.eligibilityVerdict.decision === 'MAY_NOT') throw new MayNotVerdictError(proposal.eligibilityVerdict.reason);
  const problems = contractProposalProblems(proposal);
  if (problems.length > 0) throw new BadUserInputError(problems);
  const ttlHours = proposal.expiresInHours ?? DEFAULT_CONTRACT_TTL_HOURS;
  const endIn = options.endIn ?? 'ELIGIBLE';
  const steps: PlannedTransition[] = [
    { from: 'NONE', to: 'DRAFT', reason: `created from ${options.origin ?? `issue ${proposal.issueId}`}` },
    { from: 'DRAFT', to: 'VALIDATED', reason: `validator: ${proposal.validatorVerdict.reason}` },
    { from: 'VALIDATED', to: 'ELIGIBLE', reason: `eligibility: ${proposal.eligibilityVerdict.reason}` },
  ];
  return {
    status: endIn,
    proposedChanges: proposal.proposedChanges.map(normaliseProposedChange),
    confidenceScore: proposal.validatorVerdict.confidenceScore,
    expiresAt: new Date(now.getTime() + ttlHours * 3_600_000),
    transitions: steps.slice(0, steps.findIndex((step) => step.to === endIn) + 1),
  };
}

/** Every rule the proposal breaks, in a stable order. */
export function contractProposalProblems(proposal: ContractProposal): string[] {
  const problems: string[] = [];
  const requireText = (value: string | null | undefined, field: string, max: number) => {
    if (typeof value !== 'string' || value.trim().length === 0) problems.push(`${field} must not be blank`);
    else if (value.length > max) problems.push(`${field} must be at most ${max} characters`);
  };
  requireText(proposal.issueId, 'issueId', 200);
  requireText(proposal.title, 'title', 200);
  if (proposal.description != null && proposal.description.length > 4000) problems.push('description must be at most 4000 characters');
  if (proposal.proposedChanges.length === 0) problems.push('proposedChanges must not be empty');
  if (proposal.proposedChanges.length > MAX_CHANGES) problems.push(`proposedChanges must hold at most ${MAX_CHANGES} changes`);
  proposal.proposedChanges.forEach((change, index) => problems.push(...proposedChangeProblems(change, index)));
  proposal.affectedCapabilities.forEach((name, index) => {
    if (name.trim().length === 0) problems.push(`affectedCapabilities[${index}] must not be blank`);
  });
  const score = proposal.validatorVerdict.confidenceScore;
  if (!Number.isFinite(score) || score < 0 || score > 1) problems.push('validatorVerdict.confidenceScore must lie in [0, 1]');
  for (const field of ['issueType', 'severity', 'recommendedAction', 'reason', 'validatorVersion'] as const) {
    requireText(proposal.validatorVerdict[field], `validatorVerdict.${field}`, 2000);
  }
  requireText(proposal.eligibilityVerdict.reason, 'eligibilityVerdict.reason', 2000);
  requireText(proposal.eligibilityVerdict.rulesVersion, 'eligibilityVerdict.rulesVersion', 200);
  const ttl = proposal.expiresInHours;
  if (ttl != null && (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_HOURS)) problems.push(`expiresInHours must be an integer in 1..${MAX_TTL_HOURS}`);
  return problems;
}
