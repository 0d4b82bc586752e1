// Run completion step (lessons): records the lessons the run teaches — budget use crossing the
// tenant's threshold, a success well under estimate, a policy failure.
import { randomUUID } from 'node:crypto';
import { budgetWindowStart } from '../engines/agent-budget.js';
import { detectLessons } from '../engines/lessons.js';
import type { RunPlan } from '../engines/run-plan.js';
import { insertLessons } from '../drivers/lessons.js';
import { findAgentBudget, findGovernanceSettings, spentSince } from '../drivers/manifest.js';
import type { CompletionStep } from './completion-step.js';

/** Writes the run's lessons. */
export const lessonsStep: CompletionStep = {
  name: 'lessons',
  actionFor: () => null,
  run: async ({ run, uow, decision, input }) => {
    const settings = await findGovernanceSettings(uow, run.tenantId);
    const budget = await findAgentBudget(uow, run.tenantId, run.agentId);
    const spentBeforeCents = budget ? await spentSince(uow, run.tenantId, run.agentId, budgetWindowStart(budget.windowHours, uow.now)) : 0;
    const drafts = detectLessons({
      status: decision.status,
      costCents: decision.costCents,
      planEstimatedCents: (run.plan as RunPlan).estimatedCostCents,
      errorCode: input.errorCode ?? null,
      budget: budget ? { limitCents: budget.limitCents, windowHours: budget.windowHours, spentBeforeCents } : null,
      nearThresholdPercent: settings.nearThresholdPercent,
      criticalSuccessPercent: settings.criticalSuccessPercent,
    });
    await insertLessons(
      uow,
      drafts.map((draft) => ({
        id: `les_${randomUUID()}`,
        tenantId: run.tenantId,
        runId: run.id,
        agentId: run.agentId,
        status: 'PENDING',
        ...draft,
        deferredUntil: null,
        decidedBy: null,
        decisionReason: null,
        createdAt: uow.now,
        updatedAt: uow.now,
      })),
    );
  },
};
