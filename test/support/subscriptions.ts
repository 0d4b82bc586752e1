// Subscription recording for tests: subscribes over graphql-ws or GraphQL over SSE (both clients
// take the same sink), keeps every payload and error in arrival order, and waits (bounded) until a
// condition on them holds.
import type { ExecutionResult } from 'graphql';

/** What graphql-ws's and graphql-sse's clients both offer. */
export interface SubscribingClient {
  subscribe<Data>(
    request: { query: string; variables?: Record<string, unknown> },
    sink: { next(result: ExecutionResult<Data>): void; error(error: unknown): void; complete(): void },
  ): () => void;
}

/** A running subscription's record. */
export interface RecordedSubscription<T> {
  results: T[];
  errors: unknown[];
  completed: boolean;
  /** Resolves when `condition` holds; rejects after `timeoutMs` with what was seen. */
  until(condition: (results: T[]) => boolean, timeoutMs?: number): Promise<T[]>;
  /** Resolves when the subscription ends with an error (or rejects after `timeoutMs`). */
  failure(timeoutMs?: number): Promise<unknown>;
  stop(): void;
}

/** Subscribes and records; `select` picks the payload out of each result's data. */
export function record<T>(client: SubscribingClient, query: string, variables: Record<string, unknown>, select: (data: Record<string, unknown>) => T): RecordedSubscription<T> {
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((wake) => wake());
  const recorded: RecordedSubscription<T> = {
    results: [],
    errors: [],
    completed: false,
    until: (condition, timeoutMs = 10_000) => waitFor(() => condition(recorded.results), () => recorded.results, timeoutMs),
    failure: (timeoutMs = 10_000) => waitFor(() => recorded.errors.length > 0, () => recorded.errors[0], timeoutMs),
    stop: () => unsubscribe(),
  };
  const unsubscribe = client.subscribe<Record<string, unknown>>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors?.length) recorded.errors.push(result.errors);
        else if (result.data) recorded.results.push(select(result.data));
        notify();
      },
      error: (error) => {
        recorded.errors.push(error);
        notify();
      },
      complete: () => {
        recorded.completed = true;
        notify();
      },
    },
  );

  function waitFor<R>(holds: () => boolean, value: () => R, timeoutMs: number): Promise<R> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!holds()) return;
        cleanup();
        resolve(value());
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`condition not met within ${timeoutMs} ms; results so far: ${JSON.stringify(recorded.results)}; errors: ${JSON.stringify(recorded.errors)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  }
  return recorded;
}
