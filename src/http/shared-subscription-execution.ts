// Subscription fan-out: an event's selection is executed once for all the subscribers that asked the
// same thing (the same sharing key), and every one of them receives that one result, shaped for
// clients once. Each execution gets its own context, so nested fields are read as of the event's
// delivery, not cached from an earlier one. A transport pulls results (SSE), or has them pushed as
// frames once its subscriber is live (graphql-ws: frame-groups.ts).
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { isEventStream } from '../delivery/event-stream.js';
import type { FrameGroups, FrameTarget } from './frame-groups.js';

type Execution = ExecutionResult | Promise<ExecutionResult>;

/** How subscriptions share executions. */
export interface ExecutionSharing {
  /** Subscriptions with equal keys get identical results for the same event. */
  keyOf(args: ExecutionArgs): string;
  /** The context of one execution for one event, derived from the subscription's context. */
  contextFor(args: ExecutionArgs): unknown;
  /** Shapes a result for clients (errors): once per shared execution, or a refusal to subscribe. */
  present(result: ExecutionResult, context: unknown): ExecutionResult;
}

/** A subscribe function for a transport: graphql-js's, except that each event's result is computed once per key. */
export type SharedSubscribe = (args: ExecutionArgs, frames?: FrameTarget) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;

/** graphql-js's subscribe with shared executions; with a frame target (and groups), results are pushed as frames. */
export function sharedSubscribe(sharing: ExecutionSharing, groups?: FrameGroups): SharedSubscribe {
  // Keyed by the event object the hub hands to every subscriber; gone when the event is.
  const executions = new WeakMap<object, Map<string, Execution>>();
  const executeOnce = (args: ExecutionArgs, key: string, event: object): Execution => {
    let byKey = executions.get(event);
    if (!byKey) executions.set(event, (byKey = new Map()));
    let execution = byKey.get(key);
    if (!execution) {
      execution = executePresented({ ...args, rootValue: event, contextValue: sharing.contextFor(args) }, sharing.present);
      byKey.set(key, execution);
    }
    return execution;
  };
  return async (args, frames) => {
    const stream = await createSourceEventStream(args);
    if (!isAsyncIterable(stream)) return sharing.present(stream, args.contextValue);
    const key = sharing.keyOf(args);
    if (frames && groups && isEventStream(stream)) {
      return groups.serve(stream, frames, key, async (event) => JSON.stringify(await executeOnce(args, key, event)));
    }
    return mapEvents(stream, (event) => executeOnce(args, key, event as object));
  };
}

/** graphql-js's execute, its result presented for clients. */
export function executePresented(args: ExecutionArgs, present: ExecutionSharing['present']): Execution {
  const result = execute(args);
  return result instanceof Promise ? result.then((done) => present(done, args.contextValue)) : present(result, args.contextValue);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/** Maps a source stream; return() reaches the source at once, even while a next() is pending. */
function mapEvents(source: AsyncIterable<unknown>, map: (event: unknown) => Execution): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  const close = async (): Promise<IteratorReturnResult<undefined>> => {
    await iterator.return?.();
    return DONE;
  };
  const resultOf = (execution: Execution): IteratorResult<ExecutionResult> | Promise<IteratorResult<ExecutionResult>> =>
    execution instanceof Promise ? execution.then((value) => ({ done: false, value })) : { done: false, value: execution };
  return {
    // Promise chains rather than async functions: this runs once per subscriber per event.
    next: () => iterator.next().then((step) => (step.done ? DONE : resultOf(map(step.value)))),
    return: close,
    async throw(error?: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
