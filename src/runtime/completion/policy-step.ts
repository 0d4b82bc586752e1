// Run completion step (policies): the run's policy evaluation — final status, policies checked, and
// the outcome and confidence the policy engine concludes from the run's violations, whose ids it
// keeps — acked as policies:evaluate_policy (announced as policy.evaluated by the announce step).
import { randomUUID } from 'node:crypto';
import { evaluatePolicies } from '../engines/policy-evaluation.js';
import { insertPolicyEvaluation } from '../drivers/completion-records.js';
import type { PolicyEvaluationRecord } from '../records.js';
import type { CompletionStep } from './completion-step.js';
import { ackSuccess } from './record-ack.js';

const action = { domain: 'policies', action: 'evaluate_policy' };

/** Writes the run's policy evaluation. */
export const policyStep: CompletionStep = {
  name: 'policies',
  actionFor: () => action,
  run: async (context) => {
    const { run, uow, decision } = context;
    const conclusion = evaluatePolicies({ status: decision.status, policiesChecked: decision.policiesChecked, violationKinds: context.violations.map((violation) => violation.kind) });
    const evaluation: PolicyEvaluationRecord = {
      id: `pev_${randomUUID()}`,
      tenantId: run.tenantId,
      runId: run.id,
      outcome: decision.status,
      policiesChecked: decision.policiesChecked,
      policyOutcome: conclusion.outcome,
      confidence: conclusion.confidence,
      violationIds: context.violations.map((violation) => violation.id),
      createdAt: uow.now,
    };
    await insertPolicyEvaluation(uow, evaluation);
    ackSuccess(context, action, evaluation.id);
    context.policyEvaluation = evaluation;
  },
};
