// Test fixtures: a valid MAY proposal, overridable field by field.
import type { CreateContractInput } from '../generated/graphql.js';

/** A proposal that creates an ELIGIBLE contract unless overridden. */
export function proposal(overrides: Partial<CreateContractInput> = {}): CreateContractInput {
  return {
    issueId: 'ISSUE-1',
    source: 'OPS_ALERT',
    title: 'Enable the summariser in preview',
    description: 'Ops saw demand for summaries',
    proposedChanges: [{ type: 'CAPABILITY_ENABLE', capabilityName: 'summariser', targetLifecycle: 'PREVIEW' }],
    affectedCapabilities: ['summariser'],
    riskLevel: 'MEDIUM',
    validatorVerdict: {
      issueType: 'feature_request',
      severity: 'medium',
      recommendedAction: 'enable',
      confidenceScore: 0.82,
      reason: 'repeated requests',
      validatorVersion: 'v3',
    },
    eligibilityVerdict: { decision: 'MAY', reason: 'no blocking signals', rulesVersion: 'r7' },
    ...overrides,
  };
}
