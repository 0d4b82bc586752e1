// Builds the executable GraphQL schema from the type-graphql classes and resolvers.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from '../resolvers/auth-checker.js';
import { CapabilityHealthResolver } from '../resolvers/capability-health-resolver.js';
import { ContractLifecycleResolver } from '../resolvers/contract-lifecycle-resolver.js';
import { ContractResolver } from '../resolvers/contract-resolver.js';
import { JobResolver } from '../resolvers/job-resolver.js';
import { NodeResolver } from '../resolvers/node-resolver.js';
import { DateTimeScalar } from './scalars.js';

/** The served schema; `schema.graphql` is this, printed. */
export function buildGovernanceSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [ContractResolver, ContractLifecycleResolver, JobResolver, CapabilityHealthResolver, NodeResolver],
    authChecker,
    authMode: 'error',
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
}
