// Run completion coordinator: completeRun as one atomic cross-domain commit (DOMAIN.md §4). The
// steps run in order inside one unit of work; if any throws — or the commit fails — nothing of the
// attempt persists, and then, in a commit of its own, a ROLLED_BACK ack is written for each action
// that had been done, naming the reason. Steps come through the constructor (tests inject a failing one).
import { randomUUID } from 'node:crypto';
import { decideCompletion, type CompletionInput } from '../engines/run-completion.js';
import type { RunPhase } from '../engines/run-states.js';
import { NEAR_THRESHOLD_DEBOUNCE_HOURS } from '../engines/lessons.js';
import { ensureError, GovernanceError, NotFoundError } from '../errors.js';
import { findCompletionInputs } from '../drivers/completion-inputs.js';
import { findIncidentOfRun, findPolicyEvaluationOfRun } from '../drivers/completion-records.js';
import { loadRunLessons } from '../drivers/lessons.js';
import { recordAcks } from '../drivers/run-audit.js';
import { findRun } from '../drivers/run-reads.js';
import { lockRun } from '../drivers/runs.js';
import type { AckRecord, IncidentRecord, PolicyEvaluationRecord, RunRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { StorageDeps } from '../storage-deps.js';
import { withUnitOfWork, type UnitOfWork } from '../unit-of-work.js';
import { tenantScope } from '../transaction-scope.js';
import { runIdempotent } from '../commands/idempotent.js';
import { ackEvents } from '../commands/run-events.js';
import { appendEvents } from '../drivers/outbox.js';
import type { CompletionContext, CompletionStep, DomainAction } from './completion-step.js';

/** What completeRun answers (api-sketch RunCompletion). */
export interface RunCompletionRecord {
  run: RunRecord;
  incident: IncidentRecord;
  policyEvaluation: PolicyEvaluationRecord;
  events: string[];
}

/** completeRun's input with its optional idempotency key. */
export interface CompleteRunInput extends CompletionInput {
  idempotencyKey?: string | null;
}

/** Completes runs through its steps, atomically, with a truthful rollback trail. */
export class RunCompletionCoordinator {
  constructor(private readonly steps: readonly CompletionStep[]) {}

  /** Completes the run, or throws with nothing of the attempt saved. */
  async complete(deps: StorageDeps, ctx: RequestContext, runId: string, input: CompleteRunInput): Promise<RunCompletionRecord> {
    const { idempotencyKey, ...completion } = input;
    const tenantId = ctx.principal.tenantId;
    let attempt: Attempt = newAttempt();
    try {
      return await withUnitOfWork(deps, tenantScope(tenantId), 'completeRun', deps.clock.now(), (uow) => {
        attempt = newAttempt();
        return runIdempotent(uow, {
          tenantId,
          operation: 'completeRun',
          key: idempotencyKey,
          input: { runId, completion },
          execute: async () => ({ result: await this.runSteps(uow, ctx, runId, completion, attempt), resultId: runId }),
          replay: (id) => replayCompletion(uow, tenantId, id),
        });
      });
    } catch (thrown) {
      const error = ensureError(thrown);
      if (attempt.current === null && attempt.done.length === 0) throw error;
      const failedStep = attempt.current ?? 'commit';
      const undone = attempt.done.map((step) => step.actionFor(attempt.run!)).filter((action): action is DomainAction => action !== null);
      // The cause is logged for operators; acks (readable by every role) name only the step and a
      // domain error's code, never a database message.
      ctx.logger.error({ err: error, runId, failedStep }, 'run completion rolled back');
      const reason = `run completion failed at step "${failedStep}"${error instanceof GovernanceError ? ` (${error.code})` : ''}; the attempt was rolled back`;
      if (attempt.run) await recordRollbacks(deps, ctx, attempt.run, undone, reason).catch((trailError: unknown) => ctx.logger.error({ err: trailError, runId }, 'the rollback trail could not be written'));
      throw new GovernanceError('INTERNAL', `Run completion failed at step "${failedStep}"; nothing of the attempt was saved`, {
        failedStep,
        rolledBack: undone.map((action) => `${action.domain}:${action.action}`),
      });
    }
  }

  private async runSteps(uow: UnitOfWork, ctx: RequestContext, runId: string, input: CompletionInput, attempt: Attempt): Promise<RunCompletionRecord> {
    const run = await lockRun(uow, ctx.principal.tenantId, runId);
    if (!run) throw new NotFoundError('Run', runId);
    const decision = decideCompletion(run.phase as RunPhase, input);
    attempt.run = run;
    const { violations, lessonInputs } = await findCompletionInputs(uow, run, uow.now, NEAR_THRESHOLD_DEBOUNCE_HOURS);
    const context: CompletionContext = { uow, run, input, decision, actor: ctx.principal.name, violations, lessonInputs, incident: null, policyEvaluation: null, lessons: [], completedRun: null, events: [], acks: [] };
    for (const step of this.steps) {
      attempt.current = step.name;
      await step.run(context);
      attempt.done.push(step);
    }
    attempt.current = null;
    await recordAcks(uow, context.completedRun ?? run, context.acks);
    if (!context.completedRun || !context.incident || !context.policyEvaluation) throw new Error('completion steps left the run, its incident or its policy evaluation unwritten');
    return { run: context.completedRun, incident: context.incident, policyEvaluation: context.policyEvaluation, events: context.events };
  }
}

interface Attempt {
  run: RunRecord | null;
  current: string | null;
  done: CompletionStep[];
}

function newAttempt(): Attempt {
  return { run: null, current: null, done: [] };
}

async function replayCompletion(uow: UnitOfWork, tenantId: string, runId: string): Promise<RunCompletionRecord | null> {
  // One after another: a transaction's connection runs one query at a time.
  const run = await findRun(uow, tenantId, runId);
  const incident = await findIncidentOfRun(uow, tenantId, runId);
  const policyEvaluation = await findPolicyEvaluationOfRun(uow, tenantId, runId);
  const lessons = await loadRunLessons(uow, tenantId, [runId]);
  if (!run || !incident || !policyEvaluation) return null;
  return { run, incident, policyEvaluation, events: ['run.completed', 'incident.created', 'policy.evaluated', ...(lessons.length > 0 ? ['lesson.created'] : []), 'ack.recorded'] };
}

/** The ROLLED_BACK acks of the undone actions, in their own commit, announced with the run as it is (unchanged). */
async function recordRollbacks(deps: StorageDeps, ctx: RequestContext, run: RunRecord, actions: readonly DomainAction[], reason: string): Promise<void> {
  if (actions.length === 0) return;
  await withUnitOfWork(deps, tenantScope(run.tenantId), 'recordRollbacks', deps.clock.now(), async (uow) => {
    const locked = await lockRun(uow, run.tenantId, run.id);
    if (!locked) throw new NotFoundError('Run', run.id);
    const acks: AckRecord[] = actions.map((action) => ({ id: `ack_${randomUUID()}`, tenantId: run.tenantId, runId: run.id, ...action, status: 'ROLLED_BACK', resultId: null, error: null, rollbackReason: reason, at: uow.now }));
    await recordAcks(uow, locked, acks);
    appendEvents(uow, ackEvents(run, acks, ctx.principal.name));
  });
}
