// React hooks for live views: `useLiveRows` keeps a list's rows (reset whenever a fresh page
// arrives, changed by events in between); `useLiveFeed` follows a subscription from the position
// the page was read at, for as long as the view is shown; `useLiveList` is both for a list page,
// `useLiveObject` for one object's page.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AnyVariables, CombinedError, UseQueryArgs } from 'urql';
import { useListRead, useRead, type ConnectionPage, type ListRead } from '../graphql/use-read';
import { useSignedIn } from '../session/session';
import { followFeed, type FeedStatus } from './live-feed';
import { latestOf, type Versioned } from './live-rows';

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

/** A live list: the page read with the event position it was read at, and how events change its rows. */
export interface LiveListOptions<Data extends { latestEventId: string }, Variables extends AnyVariables, T, Event, EventVariables extends { after?: string | null }> {
  read: UseQueryArgs<Variables, Data>;
  pageOf(data: Data): ConnectionPage<T>;
  feed: Pick<LiveFeedOptions<Event, EventVariables>, 'document' | 'variables' | 'positionOf'>;
  /** The rows after one event: the same array when the event changes nothing on screen. */
  apply(rows: readonly T[], event: Event): readonly T[];
  /** Runs after an event changed the rows (to mark or announce what changed). */
  onChanged?(event: Event): void;
}

/** A list page that follows its feed: its read, the rows on screen, and the feed's status. */
export function useLiveList<Data extends { latestEventId: string }, Variables extends AnyVariables, T, Event, EventVariables extends { after?: string | null }>(
  options: LiveListOptions<Data, Variables, T, Event, EventVariables>,
): ListRead<T> & { feed: FeedStatus | null } {
  const list = useListRead(options.read, options.pageOf);
  const [rows, setRows] = useLiveRows(list.page?.nodes);
  // The rows as last rendered, so each event applies to what is on screen, synchronously.
  const shown = useRef(rows);
  useLayoutEffect(() => {
    shown.current = rows;
  }, [rows]);
  const feed = useLiveFeed({
    ...options.feed,
    from: list.data?.latestEventId,
    onEvent: (event) => {
      const next = options.apply(shown.current, event);
      if (next === shown.current) return;
      shown.current = next;
      setRows(() => next);
      options.onChanged?.(event);
    },
    onResumeImpossible: list.reload,
  });
  return { ...list, rows, feed };
}

/** One object's page that follows its feed: the read, and the snapshot each event brings. */
export interface LiveObjectOptions<Data extends { latestEventId: string }, Variables extends AnyVariables, T extends Versioned, Event, EventVariables extends { after?: string | null }> {
  read: UseQueryArgs<Variables, Data>;
  pick(data: Data): T | null | undefined;
  feed: Pick<LiveFeedOptions<Event, EventVariables>, 'document' | 'variables' | 'positionOf'>;
  /** The object as the event left it (null when the event is about another object). */
  snapshotOf(event: Event): T | null;
}

/** The read's state, the object as the latest event left it (null: none with this id), and the feed's status. */
export function useLiveObject<Data extends { latestEventId: string }, Variables extends AnyVariables, T extends Versioned, Event, EventVariables extends { after?: string | null }>(
  options: LiveObjectOptions<Data, Variables, T, Event, EventVariables>,
): { result: { data?: Data; error?: CombinedError }; reload(): void; object: T | null | undefined; feed: FeedStatus | null } {
  const [result, reload] = useRead(options.read);
  const read = result.data === undefined ? undefined : options.pick(result.data);
  const [objects, setObjects] = useLiveRows(useMemo(() => (read ? [read] : undefined), [read]));
  const feed = useLiveFeed({
    ...options.feed,
    from: read ? result.data?.latestEventId : null,
    onEvent: (event) => {
      const snapshot = options.snapshotOf(event);
      if (snapshot) setObjects((shown) => shown.map((object) => latestOf(object, snapshot)));
    },
    onResumeImpossible: reload,
  });
  return { result, reload, object: result.data === undefined ? undefined : (objects[0] ?? null), feed };
}
