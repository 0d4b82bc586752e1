// Resolver: the audit trail — verify an object's chain, prove a checkpoint, read the latest
// checkpoint; each a thin adapter making one runtime call. Every role may read them.
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { AuditTrailRecord, CheckpointProofRecord } from '../runtime/read-audit.js';
import type { CheckpointRecord } from '../runtime/records.js';
import { AuditCheckpoint, AuditTrailVerification, CheckpointVerification } from '../schema/audit-types.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** Audit trail queries. */
@Resolver()
export class AuditResolver {
  @Authorized('read')
  @Query(() => AuditTrailVerification, { description: 'Verifies the hash chain of a contract, job, run, lesson or incident: valid, or its first broken link.' })
  verifyAuditTrail(@Arg('objectId', () => ID) objectId: string, @Ctx() ctx: GraphQLContext): Promise<AuditTrailRecord> {
    return ctx.runtime.verifyAuditTrail(sessionOf(ctx).request, objectId);
  }

  @Authorized('read')
  @Query(() => CheckpointVerification, { description: 'Proves the object heads a checkpoint names against their chains as stored now, and the checkpoint against the previous one.' })
  verifyTenantCheckpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<CheckpointProofRecord> {
    return ctx.runtime.verifyTenantCheckpoint(sessionOf(ctx).request, id);
  }

  @Authorized('read')
  @Query(() => AuditCheckpoint, { nullable: true, description: 'The caller\'s tenant\'s latest audit checkpoint.' })
  latestAuditCheckpoint(@Ctx() ctx: GraphQLContext): Promise<CheckpointRecord | null> {
    return ctx.runtime.latestAuditCheckpoint(sessionOf(ctx).request);
  }
}
