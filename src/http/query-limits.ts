// Query limits (depth, aliases, cost, batching) from graphql-armor, applied before execution on HTTP
// and WebSocket alike; a refused query is BAD_USER_INPUT naming the limit it broke. The token limit
// is graphql-js's own parser option (a document over it fails to parse).
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { RequestHandler } from 'express';
import { GovernanceError } from '../runtime/errors.js';
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
  constructor(limit: string, message: string) {
    super('BAD_USER_INPUT', message.replace(/^Syntax Error: /, ''), { limit });
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

/** The armor protections (Apollo plugins and validation rules) for these limits. */
export function makeQueryArmor(limits: QueryLimits) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...refuseAs('maxDepth') },
    maxAliases: { n: limits.maxAliases, ...refuseAs('maxAliases') },
    costLimit: { maxCost: limits.maxCost, ...refuseAs('maxCost') },
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
