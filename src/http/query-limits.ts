// Query limits (depth, aliases, batching) from graphql-armor, and cost from our own model
// (query-cost.ts), applied before execution on HTTP and WebSocket alike; a refused query is
// BAD_USER_INPUT naming the limit it broke. The token limit is graphql-js's own parser option (a
// document over it fails to parse).
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, GraphQLSchema, ValidationContext } from 'graphql';
import type { RequestHandler } from 'express';
import { GovernanceError } from '../runtime/errors.js';
import { operationCost, type CostedOperation } from './query-cost.js';
import { requestIdOf } from './request-ids.js';

/** The configurable limits; maxBatch 1 means batched HTTP requests are refused. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  maxBatch: number;
}

/** A limit refusal as clients see it. */
export class QueryLimitError extends GovernanceError {
  constructor(limit: string, message: string, details: Record<string, unknown> = {}) {
    // `http`: refused before execution is a bad request (Apollo would answer 500 for a plugin's throw).
    super('BAD_USER_INPUT', message.replace(/^Syntax Error: /, ''), { limit, ...details, http: { status: 400 } });
  }
}

/** Refuses an operation whose cost is over the limit, with the computed cost in `extensions.cost`. */
export function refuseOverCost(schema: GraphQLSchema, limits: Pick<QueryLimits, 'maxCost'>, operation: CostedOperation): void {
  const cost = operationCost(schema, operation);
  if (cost !== null && cost > limits.maxCost) {
    throw new QueryLimitError('maxCost', `Query cost ${cost} exceeds the limit of ${limits.maxCost} (see README "Query cost")`, { cost, maxCost: limits.maxCost });
  }
}

function refuseAs(limit: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const refusal = new QueryLimitError(limit, error.message);
        if (!context) throw refusal;
        context.reportError(refusal);
      },
    ],
  };
}

/** The armor protections (Apollo plugins and validation rules) for the structural limits. */
export function makeQueryArmor(limits: QueryLimits) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...refuseAs('maxDepth') },
    maxAliases: { n: limits.maxAliases, ...refuseAs('maxAliases') },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    maxDirectives: { n: 50, ...refuseAs('maxDirectives') },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

/** Refuses batched HTTP requests over the batch limit before Apollo sees them. */
export function batchLimit(limits: QueryLimits): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    if (!Array.isArray(body) || (limits.maxBatch > 1 && body.length <= limits.maxBatch)) return next();
    const message = limits.maxBatch > 1 ? `Batch of ${body.length} operations exceeds the limit of ${limits.maxBatch}` : 'Batched requests are disabled (limit maxBatch = 1)';
    res.status(400).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', limit: 'maxBatch', requestId: requestIdOf(res) } }] });
  };
}
