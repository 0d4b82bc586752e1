// Operations that arrive outside Apollo — over graphql-ws and GraphQL over SSE — run as HTTP runs
// them: the same token limit, validation rules and cost limit (query limits), the same error shaping, and one
// shared execution per event for subscribers that asked the same thing, whatever their transport.
import { GraphQLError, parse, print, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Logger } from 'pino';
import type { EventDelivery } from '../delivery/event-stream.js';
import type { GraphQLContext, Session } from '../resolvers/context.js';
import type { GovernanceRuntime } from '../runtime/governance-runtime.js';
import { formatError, logUnexpectedErrors } from './error-formatting.js';
import { FrameGroups, type FrameTarget } from './frame-groups.js';
import { QueryLimitError, refuseOverCost } from './query-limits.js';
import { executePresented, sharedSubscribe } from './shared-subscription-execution.js';

/** An operation as a transport received it. */
export interface OperationRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** Runs operations for the non-Apollo transports of one server. */
export interface OperationRunner {
  /** Parses and validates; the execution arguments, or the refusals (with Apollo's codes, unshaped). */
  prepare(request: OperationRequest, contextValue: GraphQLContext): ExecutionArgs | GraphQLError[];
  /** Executes a query or mutation; the result is shaped for clients. */
  execute(args: ExecutionArgs): ExecutionResult | Promise<ExecutionResult>;
  /** Subscribes; each event's result is shaped once and shared; with a frame target, pushed as graphql-ws frames once live. */
  subscribe(args: ExecutionArgs, frames?: FrameTarget): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;
  /** The context of one operation of a caller (null: not authenticated). */
  contextFor(session: Session | null, requestId: string, logger: Logger): GraphQLContext;
  /** An error as clients see it. */
  toClientError(error: GraphQLError): GraphQLError;
}

/** What a runner is made of. */
export interface OperationRunnerOptions {
  schema: GraphQLSchema;
  runtime: GovernanceRuntime;
  delivery: EventDelivery;
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  maxCost: number;
  logger: Logger;
}

/** Makes the runner shared by graphql-ws and SSE. */
export function makeOperationRunner(options: OperationRunnerOptions): OperationRunner {
  const { schema, runtime, delivery } = options;
  const rules = [...specifiedRules, ...options.validationRules];
  return {
    prepare: (request, contextValue) => {
      const document = parseDocument(request.query, options.maxTokens);
      if (document instanceof GraphQLError) return [withDefaultCode(document, 'GRAPHQL_PARSE_FAILED')];
      const errors = validate(schema, document, rules);
      if (errors.length > 0) return errors.map((error) => withDefaultCode(error, 'GRAPHQL_VALIDATION_FAILED'));
      try {
        refuseOverCost(schema, options, { document, operationName: request.operationName, variables: request.variables });
      } catch (error) {
        if (error instanceof QueryLimitError) return [error];
        throw error;
      }
      return { schema, document, operationName: request.operationName, variableValues: request.variables ?? undefined, contextValue };
    },
    execute: (args) => executePresented(args, present),
    // What a selection resolves to depends on the document, its variables and the caller's tenant
    // and role (permissions), nothing else: those subscribers share one execution per event.
    subscribe: sharedSubscribe(
      {
      keyOf: (args) => {
        const principal = contextOf(args).session?.request.principal;
        return JSON.stringify([principal?.tenantId, principal?.role, print(args.document), args.operationName ?? null, args.variableValues ?? {}]);
      },
      contextFor: (args) => {
        const context = contextOf(args);
        return context.session ? { ...context, session: { ...context.session, loaders: runtime.loaders(context.session.request) } } : context;
      },
      present,
      },
      new FrameGroups(delivery.hub, delivery.queueCapacity, options.logger),
    ),
    contextFor: (session, requestId, logger) => {
      if (!session) return { requestId, logger, runtime, delivery, session: null };
      const request = { principal: session.request.principal, requestId, logger };
      return { requestId, logger, runtime, delivery, session: { request, loaders: runtime.loaders(request) } };
    },
    toClientError,
  };
}

/** Every result a client receives: unexpected errors logged, then shaped as HTTP does. */
function present(result: ExecutionResult, context: unknown): ExecutionResult {
  if (!result.errors) return result;
  logUnexpectedErrors((context as GraphQLContext).logger, result.errors);
  return { ...result, errors: result.errors.map(toClientError) };
}

function contextOf(args: ExecutionArgs): GraphQLContext {
  return args.contextValue as GraphQLContext;
}

function parseDocument(query: string, maxTokens: number): DocumentNode | GraphQLError {
  try {
    return parse(query, { maxTokens });
  } catch (error) {
    return error instanceof GraphQLError ? error : new GraphQLError('Syntax Error: could not parse the document');
  }
}

/** Shapes a parse or validation error as HTTP does: Apollo's code, field suggestions hidden (as
 * graphql-armor does); domain refusals (query limits) keep theirs. */
function withDefaultCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code) return error;
  const message = error.message.replace(/Did you mean ".+"\?/g, '[Suggestion hidden]').trim();
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, originalError: error.originalError, extensions: { ...error.extensions, code } });
}

function toClientError(error: GraphQLError): GraphQLError {
  const formatted = formatError(error.toJSON(), error);
  return new GraphQLError(formatted.message, { path: formatted.path, extensions: formatted.extensions });
}
