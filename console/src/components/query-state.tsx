// What a page shows while its data loads, when loading failed (in words, with a retry), and when
// the object does not exist in the caller's tenant; `Loaded` renders the page once data is there.
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { describeRefusal } from '../graphql/refusals';
import { RefusalAlert } from './refusal-alert';

/** Loading text, announced politely. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

/** A failed read, with a way to try again. */
export function LoadFailed({ error, retry }: { error: CombinedError; retry(): void }) {
  return (
    <div className="load-failed">
      <RefusalAlert refusal={describeRefusal(error.graphQLErrors)} />
      <button type="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}

/** An object that is not there (or belongs to another tenant: the server does not say which). */
export function NotFound({ what }: { what: string }) {
  return <p className="not-found">No {what} with this id exists in your tenant.</p>;
}

interface LoadedProps<Data> {
  result: { data?: Data; error?: CombinedError };
  reload(): void;
  /** What is loading, e.g. "the run". */
  what: string;
  children(data: Data): ReactNode;
}

/** The failure or loading state until data is there (data already shown stays while it refreshes). */
export function Loaded<Data>({ result, reload, what, children }: LoadedProps<Data>) {
  if (result.data !== undefined) return children(result.data);
  if (result.error) return <LoadFailed error={result.error} retry={reload} />;
  return <Loading what={what} />;
}

interface LoadedObjectProps<T> {
  result: { data?: unknown; error?: CombinedError };
  reload(): void;
  /** What the object is, e.g. "contract". */
  kind: string;
  /** The object once read; null when there is none with the id. */
  object: T | null | undefined;
  children(object: T): ReactNode;
}

/** One object's page: loading, failure, not found, or the object. */
export function LoadedObject<T>({ result, reload, kind, object, children }: LoadedObjectProps<T>) {
  return <Loaded result={result} reload={reload} what={`the ${kind}`} children={() => (object ? children(object) : <NotFound what={kind} />)} />;
}
