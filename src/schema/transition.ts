// GraphQL type Transition: one entry of a contract's, job's or run's history.
import { Field, ObjectType } from 'type-graphql';

/** One recorded state change; fromStatus is "NONE" for creation. */
@ObjectType()
export class Transition {
  @Field() fromStatus!: string;
  @Field() toStatus!: string;
  @Field() reason!: string;
  @Field() actor!: string;
  @Field() at!: Date;
}
