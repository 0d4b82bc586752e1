// GraphQL scalars: DateTime (ISO-8601, UTC) and JSON, from graphql-scalars under the sketch's names.
import { GraphQLScalarType } from 'graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';

/** `DateTime`: ISO-8601 instants, always UTC. */
export const DateTimeScalar = new GraphQLScalarType({ ...GraphQLDateTime.toConfig(), name: 'DateTime', description: 'ISO-8601 instant, UTC' });

/** `JSON`: any JSON value. */
export const JSONScalar = new GraphQLScalarType({ ...GraphQLJSON.toConfig(), name: 'JSON' });
