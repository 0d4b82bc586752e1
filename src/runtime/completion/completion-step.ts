// Run completion steps: the shape every domain step has. A step writes through the unit of work it
// is handed and never commits; the coordinator runs the steps in order and records which are done.
import type { LessonInputs } from '../drivers/completion-inputs.js';
import type { CompletionDecision, CompletionInput } from '../engines/run-completion.js';
import type { AckRecord, IncidentRecord, LessonRecord, PolicyEvaluationRecord, RunRecord, ViolationRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';

/** The action a step performs for the run's audit contract (acked when it writes). */
export interface DomainAction {
  domain: string;
  action: string;
}

/** Everything a step sees, and what the steps before it produced. */
export interface CompletionContext {
  uow: UnitOfWork;
  run: RunRecord;
  input: CompletionInput;
  decision: CompletionDecision;
  actor: string;
  /** The run's violations, newest first, read once the run was locked (their writers lock it too). */
  violations: ViolationRecord[];
  /** What the run's lessons depend on, read with the violations. */
  lessonInputs: LessonInputs;
  incident: IncidentRecord | null;
  policyEvaluation: PolicyEvaluationRecord | null;
  /** The lessons the run taught (set by the lessons step). */
  lessons: LessonRecord[];
  /** The run as completed (set by the finalize step). */
  completedRun: RunRecord | null;
  /** Types of the events published by the commit, in order (set by the announce step). */
  events: string[];
  /** Acks of the actions done, written together once every step has run. */
  acks: AckRecord[];
}

/** One domain's part of a run's completion. */
export interface CompletionStep {
  readonly name: string;
  /** The audit action this step performs for this run, or null when it performs none. */
  actionFor(run: RunRecord): DomainAction | null;
  run(context: CompletionContext): Promise<void>;
}
