// Unit tests of the proposal a lesson drafts: one row per kind of lesson (what to review, the risk of
// its severity), the lesson's own words and evidence, and that each draft passes the creation rules
// and ends in DRAFT.
import { describe, expect, it } from 'vitest';
import { decideContractCreation } from '../../src/runtime/engines/contract-creation.js';
import { lessonDraftProposal, lessonRisk, type LessonDraftSource } from '../../src/runtime/engines/lesson-drafts.js';
import { LessonTypes } from '../../src/runtime/engines/lessons.js';

const now = new Date('2026-01-01T00:00:00Z');

function lesson(overrides: Partial<LessonDraftSource> = {}): LessonDraftSource {
  return {
    id: 'les_1',
    runId: 'run_1',
    agentId: 'agent-7',
    type: 'NEAR_THRESHOLD',
    severity: 'warning',
    title: 'Agent budget use crossed 85%',
    description: "This run took the agent's use of its 24 h budget from 80% to 86%.",
    detectedPattern: { usedPercentBefore: 80, usedPercentAfter: 86, thresholdPercent: 85 },
    ...overrides,
  };
}

describe('the proposal a lesson drafts', () => {
  it.each([
    { type: 'FAILURE', severity: 'high', review: 'POLICY_COMPLIANCE', risk: 'HIGH' },
    { type: 'NEAR_THRESHOLD', severity: 'warning', review: 'AGENT_BUDGET', risk: 'MEDIUM' },
    { type: 'CRITICAL_SUCCESS', severity: 'info', review: 'COST_ESTIMATES', risk: 'LOW' },
  ] as const)('a $type lesson proposes to review $review at risk $risk', ({ type, severity, review, risk }) => {
    const pattern = { observed: type };
    const proposal = lessonDraftProposal(lesson({ type, severity, detectedPattern: pattern }));
    expect(proposal).toMatchObject({
      issueId: 'les_1',
      source: 'OPS_ALERT',
      riskLevel: risk,
      affectedCapabilities: [],
      proposedChanges: [{ type: 'PARAMETER_CHANGE', scope: 'agent-7', parameters: { review, observed: pattern } }],
      validatorVerdict: { issueType: type, severity, confidenceScore: 1 },
      eligibilityVerdict: { decision: 'MAY' },
    });
  });

  it('covers every kind of lesson', () => {
    for (const type of LessonTypes) expect(() => lessonDraftProposal(lesson({ type }))).not.toThrow();
  });

  it.each([
    { severity: 'high', risk: 'HIGH' },
    { severity: 'warning', risk: 'MEDIUM' },
    { severity: 'info', risk: 'LOW' },
    { severity: null, risk: 'MEDIUM' },
    { severity: 'unheard-of', risk: 'MEDIUM' },
  ])('a lesson of severity $severity is a $risk risk', ({ severity, risk }) => {
    expect(lessonRisk(severity)).toBe(risk);
  });

  it("keeps the lesson's title, and its description followed by where it came from", () => {
    const proposal = lessonDraftProposal(lesson());
    expect(proposal.title).toBe('Agent budget use crossed 85%');
    expect(proposal.description).toBe(
      "This run took the agent's use of its 24 h budget from 80% to 86%.\n\nDrafted from lesson les_1 (NEAR_THRESHOLD) of run run_1 for agent agent-7: review the agent's budget or how much it spends.",
    );
  });

  it('scopes the change to SYSTEM for a lesson of no agent, and records no evidence when none was detected', () => {
    const proposal = lessonDraftProposal(lesson({ agentId: null, runId: null, detectedPattern: null, severity: null }));
    expect(proposal.proposedChanges).toEqual([{ type: 'PARAMETER_CHANGE', scope: 'SYSTEM', parameters: { review: 'AGENT_BUDGET', observed: null } }]);
    expect(proposal.description).toContain('Drafted from lesson les_1 (NEAR_THRESHOLD): ');
    expect(proposal.validatorVerdict.severity).toBe('unrated');
  });

  it.each(LessonTypes)('a %s draft passes the creation rules and ends in DRAFT', (type) => {
    const creation = decideContractCreation(lessonDraftProposal(lesson({ type })), now, { endIn: 'DRAFT', origin: 'lesson les_1' });
    expect(creation.status).toBe('DRAFT');
    expect(creation.transitions).toEqual([{ from: 'NONE', to: 'DRAFT', reason: 'created from lesson les_1' }]);
  });

  it('is refused like any proposal when the lesson breaks a rule (a title over 200 characters)', () => {
    expect(() => decideContractCreation(lessonDraftProposal(lesson({ title: 't'.repeat(201) })), now, { endIn: 'DRAFT' })).toThrowError(
      expect.objectContaining({ code: 'BAD_USER_INPUT', extensions: expect.objectContaining({ reasons: ['title must be at most 200 characters'] }) }),
    );
  });
});
