// What a page shows while its data loads, when loading failed (in words, with a retry), and when
// the object does not exist in the caller's tenant.
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
