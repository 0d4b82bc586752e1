// A live feed: one subscription that survives network drops and server restarts. Every attempt
// subscribes with `after` = the last event it delivered (or the position the view was read at), so
// the server replays exactly what was missed; events at or before that position are never delivered
// twice. Waits between attempts grow from 0.5 s to 5 s, and end early when the browser comes online.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { stringifyDocument } from 'urql';
import type { ServerError } from '../graphql/refusals';
import type { LiveConnection } from './live-connection';
import { classifyFailure, retryDelay } from './resume-policy';

/** Where a feed stands, for the person watching. */
export type FeedStatus =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'reconnecting'; retryAt: number }
  | { kind: 'stopped'; reason: string };

/** What a feed reports. */
export interface FeedHandlers<TData> {
  onEvent(data: TData): void;
  onStatus(status: FeedStatus): void;
  /** The server no longer has the events after the position (pruned): reload the view. */
  onResumeImpossible(): void;
  /** The API key is no longer accepted. */
  onKeyRefused(): void;
}

/** What to follow: a subscription document whose variables take `after`, and where each event sits. */
export interface FeedRequest<TData, TVariables extends { after?: string | null }> {
  document: TypedDocumentNode<TData, TVariables>;
  variables: Omit<TVariables, 'after'>;
  /** The position to follow from: events after it are delivered. */
  from: string;
  positionOf(data: TData): string;
}

/** Starts following; returns how to stop. */
export function followFeed<TData, TVariables extends { after?: string | null }>(
  live: LiveConnection,
  request: FeedRequest<TData, TVariables>,
  handlers: FeedHandlers<TData>,
): () => void {
  const query = stringifyDocument(request.document);
  let last = BigInt(request.from);
  let attempt = 0;
  let stopped = false;
  let waiting: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;

  const report = () => {
    if (!stopped && waiting === undefined) handlers.onStatus(live.isConnected() ? { kind: 'live' } : { kind: 'connecting' });
  };
  const stopListening = live.onChange(report);

  const subscribe = () => {
    waiting = undefined;
    report();
    let ended = false;
    const end = (failure: unknown) => {
      if (ended || stopped) return;
      ended = true;
      unsubscribe?.();
      handleFailure(failure);
    };
    unsubscribe = live.client.subscribe<TData>(
      { query, variables: { ...request.variables, after: last.toString() } },
      {
        next: (result) => {
          if (stopped || ended) return;
          if (result.errors?.length) return end(result.errors);
          if (!result.data) return;
          const position = BigInt(request.positionOf(result.data));
          if (position <= last) return;
          last = position;
          attempt = 0;
          handlers.onEvent(result.data);
        },
        error: end,
        // The server ended the stream (it is shutting down): follow on from where it stopped.
        complete: () => end(null),
      },
    );
  };

  const handleFailure = (failure: unknown) => {
    const outcome = classifyFailure(failure);
    switch (outcome) {
      case 'key-refused':
        stopped = true;
        return handlers.onKeyRefused();
      case 'resume-impossible':
        stopped = true;
        return handlers.onResumeImpossible();
      case 'stop':
        stopped = true;
        return handlers.onStatus({ kind: 'stopped', reason: describeStop(failure) });
      case 'retry':
      case 'retry-now': {
        const delay = outcome === 'retry-now' ? 0 : retryDelay(attempt, Math.random());
        attempt += 1;
        waiting = setTimeout(subscribe, delay);
        return handlers.onStatus({ kind: 'reconnecting', retryAt: Date.now() + delay });
      }
    }
  };

  const retrySoon = () => {
    if (waiting === undefined || stopped) return;
    clearTimeout(waiting);
    subscribe();
  };
  window.addEventListener('online', retrySoon);
  subscribe();

  return () => {
    stopped = true;
    clearTimeout(waiting);
    stopListening();
    window.removeEventListener('online', retrySoon);
    unsubscribe?.();
  };
}

function describeStop(failure: unknown): string {
  const [first] = Array.isArray(failure) ? (failure as ServerError[]) : [];
  return first?.message ?? 'the server refused the live view';
}
