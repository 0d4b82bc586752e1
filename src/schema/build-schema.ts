// Builds the executable GraphQL schema from the type-graphql classes and resolvers.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { AuditResolver } from '../resolvers/audit-resolver.js';
import { authChecker } from '../resolvers/auth-checker.js';
import { CapabilityHealthResolver } from '../resolvers/capability-health-resolver.js';
import { DomainAckResolver } from '../resolvers/domain-ack-resolver.js';
import { ContractLifecycleResolver } from '../resolvers/contract-lifecycle-resolver.js';
import { ContractResolver } from '../resolvers/contract-resolver.js';
import { JobResolver } from '../resolvers/job-resolver.js';
import { JobSubscriptionResolver } from '../resolvers/job-subscription-resolver.js';
import { GovernanceResolver } from '../resolvers/governance-resolver.js';
import { IncidentResolver } from '../resolvers/incident-resolver.js';
import { InspectionResolver } from '../resolvers/inspection-resolver.js';
import { LessonResolver } from '../resolvers/lesson-resolver.js';
import { NodeResolver } from '../resolvers/node-resolver.js';
import { PolicyEvaluationResolver } from '../resolvers/policy-evaluation-resolver.js';
import { RunResolver } from '../resolvers/run-resolver.js';
import { RunSubscriptionResolver } from '../resolvers/run-subscription-resolver.js';
import { ViewerResolver } from '../resolvers/viewer-resolver.js';
import { ViolationResolver } from '../resolvers/violation-resolver.js';
import { DateTimeScalar } from './scalars.js';

/**
 * type-graphql insists on a PubSub once a schema has subscriptions. Ours never publish through one:
 * every subscription streams from the outbox (`subscribe` option), so topic use is a programming error.
 */
const outboxOnly: PubSub = {
  publish: () => {
    throw new Error('Events are published only through the outbox');
  },
  subscribe: () => {
    throw new Error('Subscriptions stream from the outbox; declare them with the `subscribe` option');
  },
};

/** The served schema; `schema.graphql` is this, printed. */
export function buildGovernanceSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [ContractResolver, ContractLifecycleResolver, JobResolver, JobSubscriptionResolver, CapabilityHealthResolver, RunResolver, RunSubscriptionResolver, DomainAckResolver, IncidentResolver, PolicyEvaluationResolver, LessonResolver, GovernanceResolver, InspectionResolver, ViolationResolver, NodeResolver, ViewerResolver, AuditResolver],
    authChecker,
    authMode: 'error',
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    pubSub: outboxOnly,
  });
}
