// Reads for pages: urql's useQuery with `reload` (read again from the server, after a failed load
// or when a live view cannot resume from where it was), and the same for a list's page.
import { useCallback } from 'react';
import { useQuery, type AnyVariables, type CombinedError, type UseQueryArgs, type UseQueryState } from 'urql';

/** A page of a Relay connection as the list queries select it. */
export interface ConnectionPage<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  nodes: readonly T[];
}

/** What a list page shows: the read's state, its page, and the rows on screen when a live view changed them. */
export interface ListRead<T> {
  result: { data?: unknown; error?: CombinedError };
  reload(): void;
  page: ConnectionPage<T> | undefined;
  rows?: readonly T[];
}

/** The query's state and how to read it again. */
export function useRead<Data, Variables extends AnyVariables>(args: UseQueryArgs<Variables, Data>): [UseQueryState<Data, Variables>, () => void] {
  const [result, reexecute] = useQuery<Data, Variables>(args);
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  return [result, reload];
}

/** A list page's read: `pageOf` picks the connection out of the query's data (live lists build on it). */
export function useListRead<Data, Variables extends AnyVariables, T>(args: UseQueryArgs<Variables, Data>, pageOf: (data: Data) => ConnectionPage<T>): ListRead<T> & { data: Data | undefined } {
  const [result, reload] = useRead(args);
  return { result, reload, data: result.data, page: result.data === undefined ? undefined : pageOf(result.data) };
}
