// GraphQL types of the audit trail: an object's chain verdict and its first broken link, a tenant's
// checkpoint, and a checkpoint's proof.
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AuditRecordKind, CheckpointFailureReason } from './enums.js';

/** Where a chain first breaks: the record (or, kind HEAD, the object) and the hashes that differ. */
@ObjectType()
export class AuditBrokenLink {
  @Field(() => ID, { description: 'The record that does not hash as stored (a transition\'s number, an ack\'s or a violation\'s id); the object\'s id for HEAD.' })
  recordId!: string;
  @Field(() => AuditRecordKind) kind!: string;
  @Field(() => Int, { description: 'The position the record should have in the chain (for HEAD: the head\'s).' }) seq!: number;
  @Field(() => String, { nullable: true, description: 'The hash recomputed from the record and the previous hash (for HEAD: the head on the object).' }) expectedHash!: string | null;
  @Field(() => String, { nullable: true, description: 'The hash stored with the record (for HEAD: the last record\'s).' }) foundHash!: string | null;
}

/** One object's audit chain, verified. */
@ObjectType()
export class AuditTrailVerification {
  @Field(() => ID) objectId!: string;
  @Field({ description: 'contract, job, run, lesson or incident.' }) objectType!: string;
  @Field() valid!: boolean;
  @Field(() => Int) recordCount!: number;
  @Field(() => String, { nullable: true, description: 'The last record\'s hash when valid.' }) head!: string | null;
  @Field(() => AuditBrokenLink, { nullable: true }) brokenLink!: AuditBrokenLink | null;
}

/** One object's head as a checkpoint names it. */
@ObjectType()
export class AuditCheckpointHead {
  @Field() type!: string;
  @Field(() => ID) id!: string;
  @Field(() => Int) seq!: number;
  @Field() hash!: string;
}

/** A tenant's audit checkpoint: the Merkle root over its objects' heads, chained to the previous checkpoint. */
@ObjectType()
export class AuditCheckpoint {
  @Field(() => ID) id!: string;
  @Field(() => Int) seq!: number;
  @Field() takenAt!: Date;
  @Field(() => Int) objectCount!: number;
  @Field() merkleRoot!: string;
  @Field(() => String, { nullable: true }) previousHash!: string | null;
  @Field() hash!: string;
  @Field(() => [AuditCheckpointHead]) heads!: AuditCheckpointHead[];
}

/** Why a checkpoint does not prove (objectId null for the checkpoint's own fields). */
@ObjectType()
export class CheckpointFailure {
  @Field(() => ID, { nullable: true }) objectId!: string | null;
  @Field(() => CheckpointFailureReason) reason!: string;
  @Field(() => String, { nullable: true }) expectedHash!: string | null;
  @Field(() => String, { nullable: true }) foundHash!: string | null;
}

/** A checkpoint's proof. */
@ObjectType()
export class CheckpointVerification {
  @Field(() => AuditCheckpoint) checkpoint!: AuditCheckpoint;
  @Field() valid!: boolean;
  @Field(() => CheckpointFailure, { nullable: true }) failure!: CheckpointFailure | null;
}
