// Engine: what a lesson proposes when it is converted to a draft contract — the proposal built from
// the lesson's fields, which then goes through the same creation rules as any other proposal.
import type { ContractProposal } from './contract-creation.js';
import type { LessonType } from './lessons.js';

/** The fields of a lesson its draft is made of. */
export interface LessonDraftSource {
  id: string;
  runId: string | null;
  agentId: string | null;
  type: LessonType;
  severity: string | null;
  title: string;
  description: string;
  detectedPattern: unknown;
}

/** The versions recorded as the draft's validator and eligibility rules. */
export const LESSON_DRAFT_RULES_VERSION = 'lesson-draft/1';

/** What each kind of lesson asks a person to review, as a parameter key and in words. */
export const LessonReviews: Readonly<Record<LessonType, { review: string; action: string }>> = {
  FAILURE: { review: 'POLICY_COMPLIANCE', action: 'review the policy the run failed and what the agent may do' },
  NEAR_THRESHOLD: { review: 'AGENT_BUDGET', action: "review the agent's budget or how much it spends" },
  CRITICAL_SUCCESS: { review: 'COST_ESTIMATES', action: "review the cost estimates of the agent's skills" },
};

/** The contract risk of a lesson's severity (lessons say high, warning or info). */
export function lessonRisk(severity: string | null): string {
  switch (severity) {
    case 'high':
      return 'HIGH';
    case 'info':
      return 'LOW';
    default:
      return 'MEDIUM';
  }
}

/**
 * The proposal a lesson drafts: its title and description, one PARAMETER_CHANGE scoped to the
 * lesson's agent (SYSTEM without one) naming what to review and what was observed, the lesson's
 * classification as validator verdict, and an eligibility not yet assessed (the draft stays DRAFT).
 */
export function lessonDraftProposal(lesson: LessonDraftSource): ContractProposal {
  const { review, action } = LessonReviews[lesson.type];
  const origin = [`lesson ${lesson.id} (${lesson.type})`, lesson.runId && `of run ${lesson.runId}`, lesson.agentId && `for agent ${lesson.agentId}`].filter(Boolean).join(' ');
  return {
    issueId: lesson.id,
    source: 'OPS_ALERT',
    title: lesson.title,
    description: `${lesson.description}\n\nDrafted from ${origin}: ${action}.`,
    proposedChanges: [{ type: 'PARAMETER_CHANGE', scope: lesson.agentId ?? 'SYSTEM', parameters: { review, observed: lesson.detectedPattern ?? null } }],
    affectedCapabilities: [],
    riskLevel: lessonRisk(lesson.severity),
    validatorVerdict: {
      issueType: lesson.type,
      severity: lesson.severity ?? 'unrated',
      recommendedAction: action,
      confidenceScore: 1,
      reason: `observed by run completion: ${lesson.title}`,
      validatorVersion: LESSON_DRAFT_RULES_VERSION,
    },
    eligibilityVerdict: {
      decision: 'MAY',
      reason: 'not assessed yet: a contract drafted from a lesson is not eligible until it is validated',
      blockingSignals: [],
      missingPrerequisites: ['validation', 'eligibility assessment'],
      rulesVersion: LESSON_DRAFT_RULES_VERSION,
    },
    expiresInHours: null,
  };
}
