// Resolver: the derived field of a domain's ack, wherever an ack is read (a run's acks, a run event).
import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { AckRecord } from '../runtime/records.js';
import { DomainAck } from '../schema/run-types.js';

/** DomainAck.rolledBack. */
@Resolver(() => DomainAck)
export class DomainAckResolver {
  @FieldResolver(() => Boolean, { description: 'true when the action was undone by a rolled-back run completion' })
  rolledBack(@Root() ack: AckRecord): boolean {
    return ack.status === 'ROLLED_BACK';
  }
}
