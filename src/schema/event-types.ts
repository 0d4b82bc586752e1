// GraphQL types of delivered events: JobEvent (the job as it was right after the event).
import { Field, ID, ObjectType } from 'type-graphql';
import { Job } from './job-types.js';

/** A job event as delivered; `id` is the outbox position to resume after. */
@ObjectType({ description: 'An event as delivered to subscribers. `id` is the outbox position: pass the last one you saw as `after` to resume without gaps. `job` is the job as it was right after this event (a snapshot).' })
export class JobEvent {
  @Field(() => ID) id!: string;
  @Field() type!: string;
  @Field(() => Job) job!: Job;
  @Field() at!: Date;
}
