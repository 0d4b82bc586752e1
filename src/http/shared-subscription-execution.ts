// Subscription fan-out: an event's selection is executed once for all the subscribers that asked the
// same thing (the same sharing key), and every one of them receives that one result. Each execution
// gets its own context, so nested fields are read as of the event's delivery, not cached from the past.
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';

type Execution = ExecutionResult | Promise<ExecutionResult>;

/** How subscriptions share executions. */
export interface ExecutionSharing {
  /** Subscriptions with equal keys get identical results for the same event. */
  keyOf(args: ExecutionArgs): string;
  /** The context of one execution for one event, derived from the subscription's context. */
  contextFor(args: ExecutionArgs): unknown;
}

/** graphql-ws's `subscribe`: graphql-js's, except that each event's result is computed once per key. */
export function sharedSubscribe(sharing: ExecutionSharing): (args: ExecutionArgs) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  // Keyed by the event object the hub hands to every subscriber; gone when the event is.
  const executions = new WeakMap<object, Map<string, Execution>>();
  const executeOnce = (args: ExecutionArgs, key: string, event: object): Execution => {
    let byKey = executions.get(event);
    if (!byKey) executions.set(event, (byKey = new Map()));
    let execution = byKey.get(key);
    if (!execution) {
      execution = execute({ ...args, rootValue: event, contextValue: sharing.contextFor(args) });
      byKey.set(key, execution);
    }
    return execution;
  };
  return async (args) => {
    const stream = await createSourceEventStream(args);
    if (!isAsyncIterable(stream)) return stream;
    const key = sharing.keyOf(args);
    return mapEvents(stream, (event) => executeOnce(args, key, event as object));
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/** Maps a source stream; return() reaches the source at once, even while a next() is pending. */
function mapEvents(source: AsyncIterable<unknown>, map: (event: unknown) => Execution): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  const close = async (): Promise<IteratorReturnResult<undefined>> => {
    await iterator.return?.();
    return { done: true, value: undefined };
  };
  return {
    async next() {
      const step = await iterator.next();
      return step.done ? { done: true, value: undefined } : { done: false, value: await map(step.value) };
    },
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
