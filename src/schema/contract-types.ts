// GraphQL output types of contracts: ProposedChange, Contract and its Relay connection.
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { AuditVerdict, ChangeType, ContractSource, ContractStatus, RiskLevel } from './enums.js';
import { Node, PageInfo } from './relay.js';
import { JSONScalar } from './scalars.js';
import { Transition } from './transition.js';

/** One typed change a contract proposes. */
@ObjectType()
export class ProposedChange {
  @Field(() => ChangeType) type!: string;
  @Field(() => String, { nullable: true }) capabilityName?: string;
  @Field(() => String, { nullable: true }) targetLifecycle?: string;
  @Field(() => String, { nullable: true }) reason?: string;
  @Field(() => String, { nullable: true }) scope?: string;
  @Field(() => String, { nullable: true }) key?: string;
  @Field(() => JSONScalar, { nullable: true }) oldValue?: unknown;
  @Field(() => JSONScalar, { nullable: true }) newValue?: unknown;
  @Field(() => JSONScalar, { nullable: true }) parameters?: unknown;
}

/** A governed change request (DOMAIN.md §1). */
@ObjectType({ implements: Node })
export class Contract extends Node {
  @Field(() => Int) version!: number;
  @Field(() => ID) issueId!: string;
  @Field(() => ContractSource) source!: string;
  @Field(() => ContractStatus) status!: keyof typeof ContractStatus;
  @Field(() => String, { nullable: true }) statusReason!: string | null;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [ProposedChange]) proposedChanges!: unknown[];
  @Field(() => [String]) affectedCapabilities!: string[];
  @Field(() => RiskLevel) riskLevel!: string;
  @Field(() => Float) confidenceScore!: number;
  @Field(() => JSONScalar) validatorVerdict!: Record<string, unknown>;
  @Field(() => JSONScalar) eligibilityVerdict!: Record<string, unknown>;
  @Field() createdBy!: string;
  @Field(() => String, { nullable: true }) approvedBy!: string | null;
  @Field(() => Date, { nullable: true }) approvedAt!: Date | null;
  @Field(() => Date, { nullable: true }) activationWindowStart!: Date | null;
  @Field(() => Date, { nullable: true }) activationWindowEnd!: Date | null;
  @Field(() => JSONScalar, { nullable: true }) executionConstraints!: Record<string, unknown> | null;
  @Field(() => AuditVerdict) auditVerdict!: keyof typeof AuditVerdict;
  @Field(() => String, { nullable: true }) auditReason!: string | null;
  @Field(() => Date, { nullable: true }) auditCompletedAt!: Date | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The lesson this contract was drafted from (convertLessonToDraft); null otherwise.' }) lessonId!: string | null;
  @Field(() => [Transition]) transitions!: Transition[];
}

/** An edge of the contracts connection. */
@ObjectType()
export class ContractEdge {
  @Field(() => Contract) node!: Contract;
  @Field() cursor!: string;
}

/** A page of contracts. */
@ObjectType()
export class ContractConnection {
  @Field(() => [ContractEdge]) edges!: ContractEdge[];
  @Field(() => [Contract]) nodes!: Contract[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
