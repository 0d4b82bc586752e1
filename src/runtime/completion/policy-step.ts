// Run completion step (policies): the run's policy evaluation — outcome and policies checked —
// acked as policies:evaluate_policy (announced as policy.evaluated by the announce step).
import { randomUUID } from 'node:crypto';
import { insertPolicyEvaluation } from '../drivers/completion-records.js';
import type { CompletionStep } from './completion-step.js';
import { ackSuccess } from './record-ack.js';

const action = { domain: 'policies', action: 'evaluate_policy' };

/** Writes the run's policy evaluation. */
export const policyStep: CompletionStep = {
  name: 'policies',
  actionFor: () => action,
  run: async (context) => {
    const { run, uow, decision } = context;
    const evaluation = { id: `pev_${randomUUID()}`, tenantId: run.tenantId, runId: run.id, outcome: decision.status, policiesChecked: decision.policiesChecked, createdAt: uow.now };
    await insertPolicyEvaluation(uow, evaluation);
    ackSuccess(context, action, evaluation.id);
    context.policyEvaluation = evaluation;
  },
};
