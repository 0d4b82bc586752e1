// Builds the executable GraphQL schema from the type-graphql classes and resolvers.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from '../resolvers/auth-checker.js';
import { ContractResolver } from '../resolvers/contract-resolver.js';
import { NodeResolver } from '../resolvers/node-resolver.js';
import { DateTimeScalar } from './scalars.js';

/** The served schema; `schema.graphql` is this, printed. */
export function buildGovernanceSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [ContractResolver, NodeResolver],
    authChecker,
    authMode: 'error',
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
}
