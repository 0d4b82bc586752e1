// GraphQL scalars: DateTime (ISO-8601, UTC) and JSON, from graphql-scalars under the sketch's names;
// JSON input nested deeper than MAX_JSON_DEPTH is refused (BAD_USER_INPUT) before anything walks it.
import { GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';

/** How deep JSON input may nest (objects and arrays, counting the outermost as 1). */
export const MAX_JSON_DEPTH = 32;

/** `DateTime`: ISO-8601 instants, always UTC. */
export const DateTimeScalar = new GraphQLScalarType({ ...GraphQLDateTime.toConfig(), name: 'DateTime', description: 'ISO-8601 instant, UTC' });

const json = GraphQLJSON.toConfig();

/** `JSON`: any JSON value, at most {@link MAX_JSON_DEPTH} levels deep. */
export const JSONScalar = new GraphQLScalarType({
  ...json,
  name: 'JSON',
  parseValue: (value: unknown) => withinDepth(json.parseValue!(value)),
  parseLiteral: (node: ValueNode, variables?: Record<string, unknown> | null) => withinDepth(json.parseLiteral!(node, variables)),
});

/** Returns `value` when it nests at most MAX_JSON_DEPTH levels; throws otherwise (walked without recursion). */
function withinDepth(value: unknown): unknown {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) throw new GraphQLError(`JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return value;
}
