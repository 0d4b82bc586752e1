// Unit tests of the creation engine: MAY_NOT refused first, every broken rule listed at once, C7
// bounds, title/description lengths, expiresInHours default and bounds, and the three planned steps.
import { describe, expect, it } from 'vitest';
import { decideContractCreation, DEFAULT_CONTRACT_TTL_HOURS, type ContractProposal } from '../../src/runtime/engines/contract-creation.js';
import { BadUserInputError, MayNotVerdictError } from '../../src/runtime/errors.js';
import { codeThrownBy } from '../support/engine-errors.js';
import { proposal } from '../support/fixtures.js';

const now = new Date('2026-01-01T00:00:00Z');
const hour = 3_600_000;

/** The fixture proposal as the engine takes it. */
function engineProposal(overrides: Partial<ContractProposal> = {}): ContractProposal {
  const { idempotencyKey: _key, ...input } = proposal();
  return { ...input, issueId: String(input.issueId), ...overrides };
}

function withScore(confidenceScore: number): ContractProposal {
  const base = engineProposal();
  return { ...base, validatorVerdict: { ...base.validatorVerdict, confidenceScore } };
}

/** The reasons of the BadUserInputError `decide` throws (fails the test if it throws anything else). */
function reasonsOf(decide: () => unknown): string[] {
  try {
    decide();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).extensions.reasons as string[];
  }
  throw new Error('expected BAD_USER_INPUT, nothing was thrown');
}

describe('MAY_NOT at creation', () => {
  const mayNot = engineProposal({ eligibilityVerdict: { decision: 'MAY_NOT', reason: 'blocked by policy P9', rulesVersion: 'r7' } });

  it('refuses a MAY_NOT proposal with MayNotVerdictError', () => {
    expect(() => decideContractCreation(mayNot, now)).toThrow(MayNotVerdictError);
    expect(() => decideContractCreation(mayNot, now)).toThrowError(expect.objectContaining({ code: 'MAY_NOT_VERDICT', message: expect.stringContaining('blocked by policy P9') }));
  });

  it('answers MAY_NOT_VERDICT, not BAD_USER_INPUT, even when the rest of the proposal is invalid', () => {
    const broken = { ...mayNot, title: '', proposedChanges: [], validatorVerdict: { ...mayNot.validatorVerdict, confidenceScore: 7 } };
    expect(() => decideContractCreation(broken, now)).toThrow(MayNotVerdictError);
  });
});

describe('proposal validation', () => {
  it('lists every broken rule at once', () => {
    const base = engineProposal();
    const broken = engineProposal({
      issueId: ' ',
      title: '',
      description: 'd'.repeat(4001),
      proposedChanges: [{ type: 'PARAMETER_CHANGE', scope: 'x', parameters: [] }],
      affectedCapabilities: ['ok', ''],
      validatorVerdict: { ...base.validatorVerdict, confidenceScore: 1.5, reason: '' },
      eligibilityVerdict: { ...base.eligibilityVerdict, rulesVersion: '  ' },
      expiresInHours: 0,
    });
    expect(reasonsOf(() => decideContractCreation(broken, now))).toEqual([
      'issueId must not be blank',
      'title must not be blank',
      'description must be at most 4000 characters',
      'proposedChanges[0] (PARAMETER_CHANGE): parameters must be a non-empty object',
      'affectedCapabilities[1] must not be blank',
      'validatorVerdict.confidenceScore must lie in [0, 1]',
      'validatorVerdict.reason must not be blank',
      'eligibilityVerdict.rulesVersion must not be blank',
      'expiresInHours must be an integer in 1..720',
    ]);
  });

  it('refuses an empty list of changes', () => {
    expect(reasonsOf(() => decideContractCreation(engineProposal({ proposedChanges: [] }), now))).toEqual(['proposedChanges must not be empty']);
  });

  it.each([0, 1, 0.5])('accepts confidenceScore %s (C7)', (score) => {
    expect(decideContractCreation(withScore(score), now).confidenceScore).toBe(score);
  });

  it.each([-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses confidenceScore %s (C7)', (score) => {
    expect(reasonsOf(() => decideContractCreation(withScore(score), now))).toEqual(['validatorVerdict.confidenceScore must lie in [0, 1]']);
  });

  it.each([
    { title: 't', accepted: true },
    { title: 't'.repeat(200), accepted: true },
    { title: 't'.repeat(201), accepted: false },
    { title: '', accepted: false },
    { title: '   ', accepted: false },
  ])('title of length $title.length accepted: $accepted', ({ title, accepted }) => {
    const decide = () => decideContractCreation(engineProposal({ title }), now);
    if (accepted) expect(decide().status).toBe('ELIGIBLE');
    else expect(decide).toThrow(BadUserInputError);
  });

  it.each([
    { description: 'd'.repeat(4000), accepted: true },
    { description: '', accepted: true },
    { description: null, accepted: true },
    { description: 'd'.repeat(4001), accepted: false },
  ])('description of length $description.length accepted: $accepted', ({ description, accepted }) => {
    const decide = () => decideContractCreation(engineProposal({ description }), now);
    if (accepted) expect(decide().status).toBe('ELIGIBLE');
    else expect(reasonsOf(decide)).toEqual(['description must be at most 4000 characters']);
  });
});

describe('expiry', () => {
  it('defaults to now + 72 h', () => {
    expect(DEFAULT_CONTRACT_TTL_HOURS).toBe(72);
    expect(decideContractCreation(engineProposal({ expiresInHours: null }), now).expiresAt).toEqual(new Date(now.getTime() + 72 * hour));
  });

  it.each([1, 720])('accepts expiresInHours %s', (hours) => {
    expect(decideContractCreation(engineProposal({ expiresInHours: hours }), now).expiresAt).toEqual(new Date(now.getTime() + hours * hour));
  });

  it.each([0, -1, 721, 1.5])('refuses expiresInHours %s', (hours) => {
    expect(reasonsOf(() => decideContractCreation(engineProposal({ expiresInHours: hours }), now))).toEqual(['expiresInHours must be an integer in 1..720']);
  });
});

describe('the planned contract', () => {
  it('lands ELIGIBLE with DRAFT → VALIDATED → ELIGIBLE, each step giving its reason', () => {
    const creation = decideContractCreation(engineProposal({ issueId: 'ISSUE-42' }), now);
    expect(creation.status).toBe('ELIGIBLE');
    expect(creation.transitions).toEqual([
      { from: 'NONE', to: 'DRAFT', reason: 'created from issue ISSUE-42' },
      { from: 'DRAFT', to: 'VALIDATED', reason: 'validator: repeated requests' },
      { from: 'VALIDATED', to: 'ELIGIBLE', reason: 'eligibility: no blocking signals' },
    ]);
  });

  it.each([
    { endIn: undefined, status: 'ELIGIBLE', steps: ['NONE→DRAFT', 'DRAFT→VALIDATED', 'VALIDATED→ELIGIBLE'] },
    { endIn: 'ELIGIBLE', status: 'ELIGIBLE', steps: ['NONE→DRAFT', 'DRAFT→VALIDATED', 'VALIDATED→ELIGIBLE'] },
    { endIn: 'DRAFT', status: 'DRAFT', steps: ['NONE→DRAFT'] },
  ] as const)('ending in $endIn lands $status with the steps $steps', ({ endIn, status, steps }) => {
    const creation = decideContractCreation(engineProposal(), now, { endIn });
    expect(creation.status).toBe(status);
    expect(creation.transitions.map((step) => `${step.from}→${step.to}`)).toEqual(steps);
    expect(creation.expiresAt).toEqual(new Date(now.getTime() + DEFAULT_CONTRACT_TTL_HOURS * hour));
  });

  it.each([
    { case: 'an issue', origin: undefined, reason: 'created from issue ISSUE-42' },
    { case: 'a lesson', origin: 'lesson les_1', reason: 'created from lesson les_1' },
  ])('names where a draft came from: $case', ({ origin, reason }) => {
    expect(decideContractCreation(engineProposal({ issueId: 'ISSUE-42' }), now, { endIn: 'DRAFT', origin }).transitions).toEqual([{ from: 'NONE', to: 'DRAFT', reason }]);
  });

  it.each([
    { case: 'a MAY_NOT proposal', proposal: engineProposal({ eligibilityVerdict: { decision: 'MAY_NOT', reason: 'blocked', rulesVersion: 'r7' } }), code: 'MAY_NOT_VERDICT' },
    { case: 'a proposal without changes', proposal: engineProposal({ proposedChanges: [] }), code: 'BAD_USER_INPUT' },
    { case: 'a blank title', proposal: engineProposal({ title: ' ' }), code: 'BAD_USER_INPUT' },
    { case: 'a confidence out of [0, 1]', proposal: withScore(2), code: 'BAD_USER_INPUT' },
    { case: 'a valid proposal', proposal: engineProposal(), code: 'none' },
  ])('ending in DRAFT checks the same rules: $case → $code', ({ proposal, code }) => {
    expect(codeThrownBy(() => decideContractCreation(proposal, now, { endIn: 'DRAFT' }))).toBe(code);
    expect(codeThrownBy(() => decideContractCreation(proposal, now))).toBe(code);
  });

  it('stores the changes normalised to their kind', () => {
    const creation = decideContractCreation(
      engineProposal({ proposedChanges: [{ type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM', key: 'k', newValue: 2, oldValue: null, capabilityName: null }] }),
      now,
    );
    expect(creation.proposedChanges).toEqual([{ type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM', key: 'k', newValue: 2 }]);
  });
});
