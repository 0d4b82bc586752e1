// Relay building blocks: the Node interface and PageInfo, shared by every connection.
import { Field, ID, InterfaceType, ObjectType } from 'type-graphql';

/** Id prefixes and the GraphQL type each names; ids are `<prefix>_<uuid>`. */
export const NodeTypesByPrefix: Readonly<Record<string, string>> = { ctr: 'Contract', job: 'Job', run: 'Run', vio: 'Violation' };

/** The GraphQL type an id belongs to, or null for an id this server never issued. */
export function nodeTypeOf(id: string): string | null {
  return NodeTypesByPrefix[id.split('_', 1)[0]] ?? null;
}

/** Anything fetchable by its global id through `node(id)`. */
@InterfaceType({ resolveType: (value: { id: string }) => nodeTypeOf(value.id) ?? undefined })
export abstract class Node {
  @Field(() => ID)
  id!: string;
}

/** Relay page information. */
@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}
