// GraphQL types of delivered events: each has its position (`id`, the cursor to resume after), its
// type, instant and actor, and a snapshot of its object as it was right after the event.
import { Field, ID, ObjectType } from 'type-graphql';
import { Contract } from './contract-types.js';
import { Job } from './job-types.js';
import { DomainAck, Incident, Lesson, PolicyEvaluation, Run } from './run-types.js';

/** A job event as delivered; `id` is the outbox position to resume after. */
@ObjectType({ description: 'An event as delivered to subscribers. `id` is the outbox position: pass the last one you saw as `after` to resume without gaps. `job` is the job as it was right after this event (a snapshot).' })
export class JobEvent {
  @Field(() => ID) id!: string;
  @Field() type!: string;
  @Field(() => Job) job!: Job;
  @Field() at!: Date;
  @Field({ description: 'Who caused the event (the principal of the command, or system:sweeper)' }) actor!: string;
}

/** A contract event as delivered. */
@ObjectType({ description: 'A contract transition as delivered to subscribers. `id` is the outbox position to resume after; `contract` is the contract as it was right after this event.' })
export class ContractEvent {
  @Field(() => ID) id!: string;
  @Field({ description: 'contract.created, or contract.<new status in lower case>' }) type!: string;
  @Field() at!: Date;
  @Field() actor!: string;
  @Field({ description: 'The status before this event (NONE for contract.created)' }) fromStatus!: string;
  @Field(() => Contract) contract!: Contract;
}

/** An event of a run's stream as delivered. */
@ObjectType({
  description:
    "An event of a run's stream as delivered to subscribers: run.created, run.transitioned, run.completed, incident.created, policy.evaluated, lesson.created, ack.recorded, or a review of one of its lessons (lesson.dismissed, lesson.deferred, lesson.returned when a deferral ends). `id` is the outbox position to resume after; `run` is the run as the event's commit left it; the record the event is about is set (incident, policyEvaluation, lesson or ack).",
})
export class RunEvent {
  @Field(() => ID) id!: string;
  @Field() type!: string;
  @Field() at!: Date;
  @Field() actor!: string;
  @Field(() => Run) run!: Run;
  @Field(() => Incident, { nullable: true }) incident!: Incident | null;
  @Field(() => PolicyEvaluation, { nullable: true }) policyEvaluation!: PolicyEvaluation | null;
  @Field(() => Lesson, { nullable: true }) lesson!: Lesson | null;
  @Field(() => DomainAck, { nullable: true }) ack!: DomainAck | null;
}
