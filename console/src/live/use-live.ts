// React hooks for live views: `useLiveRows` keeps a list's rows (reset whenever a fresh page
// arrives, changed by events in between); `useLiveFeed` follows a subscription from the position
// the page was read at, for as long as the view is shown.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSignedIn } from '../session/session';
import { followFeed, type FeedStatus } from './live-feed';

/** The rows to show and how to change them; a new `source` (a freshly read page) replaces them. */
export function useLiveRows<T>(source: readonly T[] | undefined): [readonly T[], (change: (rows: readonly T[]) => readonly T[]) => void] {
  const [state, setState] = useState({ source, rows: source ?? [] });
  let current = state;
  if (state.source !== source) {
    current = { source, rows: source ?? [] };
    setState(current);
  }
  const update = useCallback((change: (rows: readonly T[]) => readonly T[]) => setState((previous) => ({ ...previous, rows: change(previous.rows) })), []);
  return [current.rows, update];
}

/** What a view follows. `positionOf` must be stable (declared at module level). */
export interface LiveFeedOptions<TData, TVariables extends { after?: string | null }> {
  document: TypedDocumentNode<TData, TVariables>;
  variables: Omit<TVariables, 'after'>;
  /** The event position the view's data was read at; nothing is followed until it is known. */
  from: string | null | undefined;
  positionOf(data: TData): string;
  onEvent(data: TData): void;
  /** The server cannot replay from `from` any more: read the view again. */
  onResumeImpossible(): void;
}

/** Follows the feed while mounted; returns its status (null before it starts). */
export function useLiveFeed<TData, TVariables extends { after?: string | null }>(options: LiveFeedOptions<TData, TVariables>): FeedStatus | null {
  const { connection } = useSignedIn();
  const [status, setStatus] = useState<FeedStatus | null>(null);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const { document, from, positionOf } = options;
  const variables = JSON.stringify(options.variables);
  useEffect(() => {
    if (from == null) return;
    setStatus({ kind: 'connecting' });
    return followFeed(
      connection.live,
      { document, variables: JSON.parse(variables) as Omit<TVariables, 'after'>, from, positionOf },
      {
        onEvent: (data) => latest.current.onEvent(data),
        onStatus: setStatus,
        onResumeImpossible: () => latest.current.onResumeImpossible(),
        onKeyRefused: connection.keyRefused,
      },
    );
  }, [connection, document, variables, from, positionOf]);
  return from == null ? null : status;
}
