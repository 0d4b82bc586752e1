// GraphQL output types of runs: the plan, the audit contract (expectations, acks, reconciliation),
// the Run, its connection, and violations.
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { IncidentCategory as IncidentCategoryValue, IncidentSeverity as IncidentSeverityValue, IncidentStatus as IncidentStatusValue } from '../runtime/engines/incidents.js';
import type { PolicyOutcome as PolicyOutcomeValue } from '../runtime/engines/policy-evaluation.js';
import type { PlanWarningCode as PlanWarningCodeValue } from '../runtime/engines/run-plan.js';
import { AckStatus, ExpectationStatus, IncidentCategory, IncidentSeverity, IncidentStatus, InspectionOperation, LessonStatus, LessonType, PlanWarningCode, PolicyOutcome, ReconciliationStatus, RunPhase, RunStatus, ViolationKind } from './enums.js';
import { Contract } from './contract-types.js';
import { Node, PageInfo } from './relay.js';
import { JSONScalar } from './scalars.js';
import { Transition } from './transition.js';

/** One planned step. */
@ObjectType()
export class PlanStep {
  @Field(() => Int) index!: number;
  @Field() skill!: string;
  @Field() description!: string;
  @Field(() => Int) estimatedCostCents!: number;
  @Field(() => JSONScalar, { nullable: true }) parameters!: unknown;
  @Field(() => [Int], { description: 'Indexes of the steps this one waits for' }) dependsOn!: number[];
  @Field(() => Int, { description: 'How many times the step runs; its cost counts each time' }) repeat!: number;
}

/** A warning kept on a run: its stable code and its words. */
@ObjectType()
export class PlanWarning {
  @Field(() => PlanWarningCode) code!: PlanWarningCodeValue;
  @Field() message!: string;
}

/** A run's validated plan. */
@ObjectType()
export class Plan {
  @Field(() => [PlanStep]) steps!: PlanStep[];
  @Field(() => Int) estimatedCostCents!: number;
  @Field() planner!: string;
  @Field(() => Int) memorySnippetCount!: number;
  @Field(() => [String], { description: "The agent's most relevant earlier runs, most relevant first" }) memorySnippets!: string[];
  @Field(() => String, { nullable: true }) contextSummary!: string | null;
  @Field(() => [String]) warnings!: string[];
}

/** What must happen before a run is done. */
@ObjectType()
export class AuditExpectation {
  @Field(() => ID) id!: string;
  @Field() domain!: string;
  @Field() action!: string;
  @Field(() => ExpectationStatus) status!: keyof typeof ExpectationStatus;
  @Field() deadline!: Date;
  @Field(() => Date, { nullable: true }) ackedAt!: Date | null;
}

/** A domain's acknowledgement of an action. */
@ObjectType()
export class DomainAck {
  @Field(() => ID) id!: string;
  @Field() domain!: string;
  @Field() action!: string;
  @Field(() => AckStatus) status!: keyof typeof AckStatus;
  @Field(() => String, { nullable: true }) resultId!: string | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => String, { nullable: true }) rollbackReason!: string | null;
  @Field() at!: Date;
}

/** The incident every completed run gets. */
@ObjectType()
export class Incident {
  @Field(() => ID) id!: string;
  @Field(() => ID) runId!: string;
  @Field(() => RunStatus) outcome!: string;
  @Field(() => String, { nullable: true }) errorCode!: string | null;
  @Field(() => String, { nullable: true }) errorMessage!: string | null;
  @Field(() => IncidentSeverity) severity!: IncidentSeverityValue;
  @Field(() => IncidentCategory) category!: IncidentCategoryValue;
  @Field() title!: string;
  @Field(() => IncidentStatus, { description: 'OPEN until resolved; a run that succeeded with no violations is RESOLVED by its completion' }) status!: IncidentStatusValue;
  @Field(() => String, { nullable: true }) resolution!: string | null;
  @Field(() => String, { nullable: true }) resolvedBy!: string | null;
  @Field(() => Date, { nullable: true }) resolvedAt!: Date | null;
  @Field() createdAt!: Date;
}

/** The policy evaluation of a completed run. */
@ObjectType()
export class PolicyEvaluation {
  @Field(() => ID) id!: string;
  @Field(() => ID) runId!: string;
  @Field(() => RunStatus) outcome!: string;
  @Field(() => Int) policiesChecked!: number;
  @Field(() => PolicyOutcome, { description: "What the evaluation concluded from the run's violations, final status and policies checked" }) policyOutcome!: PolicyOutcomeValue;
  @Field(() => Float, { description: 'How sure the evaluation is, 0..1' }) confidence!: number;
  @Field(() => [ID], { description: "The ids of the run's violations the evaluation read, newest first" }) violationIds!: string[];
  @Field() createdAt!: Date;
}

/** A lesson drawn from a run. */
@ObjectType()
export class Lesson {
  @Field(() => ID) id!: string;
  @Field(() => LessonType) type!: keyof typeof LessonType;
  @Field(() => LessonStatus) status!: keyof typeof LessonStatus;
  @Field(() => String, { nullable: true }) severity!: string | null;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => ID, { nullable: true }) runId!: string | null;
  @Field(() => JSONScalar, { nullable: true }) detectedPattern!: unknown;
  @Field(() => Date, { nullable: true }) deferredUntil!: Date | null;
  @Field(() => String, { nullable: true }) decidedBy!: string | null;
  @Field(() => String, { nullable: true }) decisionReason!: string | null;
  @Field() createdAt!: Date;
}

/** A lesson converted to a draft, and the DRAFT contract drafted from it. */
@ObjectType()
export class LessonConversion {
  @Field(() => Lesson) lesson!: Lesson;
  @Field(() => Contract) contract!: Contract;
}

/** How many lessons of the tenant have one type and status. */
@ObjectType()
export class LessonCount {
  @Field(() => LessonType) type!: string;
  @Field(() => LessonStatus) status!: string;
  @Field(() => Int) count!: number;
}

/** An edge of the lessons connection. */
@ObjectType()
export class LessonEdge {
  @Field(() => Lesson) node!: Lesson;
  @Field() cursor!: string;
}

/** A page of lessons. */
@ObjectType()
export class LessonConnection {
  @Field(() => [LessonEdge]) edges!: LessonEdge[];
  @Field(() => [Lesson]) nodes!: Lesson[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

/** Expectations reconciled with acks. */
@ObjectType()
export class Reconciliation {
  @Field(() => ReconciliationStatus) status!: string;
  @Field(() => [String], { description: '"domain:action"' }) missing!: string[];
  @Field(() => [String]) drift!: string[];
  @Field(() => [String]) failed!: string[];
  @Field() staleRun!: boolean;
  @Field() isClean!: boolean;
  @Field(() => Int) expectationsCount!: number;
  @Field(() => Int) acksCount!: number;
}

/** A recorded violation: an inspection constraint or a phase/status invariant breach. */
@ObjectType({ implements: Node })
export class Violation extends Node {
  @Field(() => ViolationKind) kind!: keyof typeof ViolationKind;
  @Field(() => ID, { nullable: true }) runId!: string | null;
  @Field(() => String, { nullable: true }) policyId!: string | null;
  @Field(() => InspectionOperation, { nullable: true }) operation!: string | null;
  @Field(() => RunPhase, { nullable: true }) phase!: keyof typeof RunPhase | null;
  @Field(() => String, { nullable: true }) status!: string | null;
  @Field() message!: string;
  @Field(() => JSONScalar, { nullable: true }) details!: unknown;
  @Field() createdAt!: Date;
  @Field(() => ID, { nullable: true, description: 'The outbox position of this violation when delivered by violationRecorded: pass the last one seen as `after` to resume' })
  eventId?: string | null;
}

/** One execution of an agent toward a goal (DOMAIN.md §3). */
@ObjectType({ implements: Node })
export class Run extends Node {
  @Field(() => Int) version!: number;
  @Field() agentId!: string;
  @Field() goal!: string;
  @Field(() => RunPhase) phase!: keyof typeof RunPhase;
  @Field(() => RunStatus) status!: keyof typeof RunStatus;
  @Field(() => Plan) plan!: Plan;
  @Field(() => String, { nullable: true }) traceId!: string | null;
  @Field(() => String, { nullable: true }) policyId!: string | null;
  @Field(() => Int, { nullable: true }) costCents!: number | null;
  @Field(() => Int, { description: "The plan's estimated cost, held against the agent's budget until the run ends (then its actual cost counts)" }) reservedCents!: number;
  @Field({ description: "A rehearsal of a scenario: its costs are reported apart and never draw on the agent's budget" }) isSynthetic!: boolean;
  @Field(() => String, { nullable: true }) syntheticScenarioId!: string | null;
  @Field(() => Incident, { nullable: true }) incident!: Incident | null;
  @Field(() => PolicyEvaluation, { nullable: true }) policyEvaluation!: PolicyEvaluation | null;
  @Field(() => [AuditExpectation]) expectations!: AuditExpectation[];
  @Field(() => [DomainAck]) acks!: DomainAck[];
  @Field(() => Reconciliation) reconciliation!: Reconciliation;
  @Field(() => [Lesson]) lessons!: Lesson[];
  @Field(() => [Violation]) violations!: Violation[];
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => [Transition]) transitions!: Transition[];
}

/** An edge of the runs connection. */
@ObjectType()
export class RunEdge {
  @Field(() => Run) node!: Run;
  @Field() cursor!: string;
}

/** A page of runs. */
@ObjectType()
export class RunConnection {
  @Field(() => [RunEdge]) edges!: RunEdge[];
  @Field(() => [Run]) nodes!: Run[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

/** What completeRun answers. */
@ObjectType()
export class RunCompletion {
  @Field(() => Run) run!: Run;
  @Field(() => Incident) incident!: Incident;
  @Field(() => PolicyEvaluation) policyEvaluation!: PolicyEvaluation;
  @Field(() => [String]) events!: string[];
}
