// Run completion step (lessons): records the lessons the run teaches — budget use crossing a band
// (the tenant's threshold, 90 %, 95 %) not reported in the last 24 h, a success well under estimate, a policy failure.
import { randomUUID } from 'node:crypto';
import { detectLessons } from '../engines/lessons.js';
import type { RunPlan } from '../engines/run-plan.js';
import { insertLessons } from '../drivers/lessons.js';
import type { LessonRecord } from '../records.js';
import type { CompletionStep } from './completion-step.js';

/** Writes the run's lessons. */
export const lessonsStep: CompletionStep = {
  name: 'lessons',
  actionFor: () => null,
  run: async (context) => {
    const { run, uow, decision, input, lessonInputs: inputs } = context;
    const drafts = detectLessons({
      status: decision.status,
      costCents: decision.costCents,
      planEstimatedCents: (run.plan as RunPlan).estimatedCostCents,
      errorCode: input.errorCode ?? null,
      // A synthetic run's cost never draws on the budget, so it cannot bring it near its limit.
      budget: inputs.budget && !run.isSynthetic ? { limitCents: inputs.budget.limitCents, windowHours: inputs.budget.windowHours, spentBeforeCents: inputs.budget.spentCents } : null,
      nearThresholdPercent: inputs.nearThresholdPercent,
      recentNearThresholdBands: inputs.recentNearThresholdBands,
      criticalSuccessPercent: inputs.criticalSuccessPercent,
    });
    const lessons: LessonRecord[] = drafts.map((draft) => ({
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
    }));
    await insertLessons(uow, lessons);
    context.lessons = lessons;
  },
};
