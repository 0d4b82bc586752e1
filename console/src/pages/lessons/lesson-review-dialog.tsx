// The review of one lesson in a modal dialog: dismiss it with a reason, or defer it until a later
// time. The browser's <dialog> keeps focus inside it, and Escape or "Cancel" closes it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { RefusalAlert } from '../../components/refusal-alert';
import { DeferLessonDocument, DismissLessonDocument, type LessonRowFragment } from '../../graphql/generated';
import { describeRefusal, type Refusal } from '../../graphql/refusals';

/** Which review is open, for which lesson. */
export interface OpenReview {
  action: 'dismiss' | 'defer';
  lesson: LessonRowFragment;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** A `datetime-local` value for an instant, in the reader's time zone. */
function localInputValue(instant: Date): string {
  const local = new Date(instant.getTime() - instant.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The dialog; `onDone` receives what to tell the reader after a successful review. */
export function LessonReviewDialog({ review, onClose, onDone }: { review: OpenReview; onClose(): void; onDone(message: string): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(() => localInputValue(new Date(Date.now() + WEEK_MS)));
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [dismissal, dismiss] = useMutation(DismissLessonDocument);
  const [deferral, defer] = useMutation(DeferLessonDocument);
  const dismissing = review.action === 'dismiss';

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (dismissing && !reason.trim()) return setRefusal({ code: null, words: 'Give a reason for dismissing: it is recorded with the lesson.', detail: null, reasons: [] });
    const result = dismissing ? await dismiss({ id: review.lesson.id, reason: reason.trim() }) : await defer({ id: review.lesson.id, until: new Date(until).toISOString() });
    if (result.error) return setRefusal(describeRefusal(result.error.graphQLErrors));
    onDone(dismissing ? `Dismissed “${review.lesson.title}”.` : `Deferred “${review.lesson.title}”.`);
    // Closing (rather than unmounting) returns focus to the button that opened the dialog.
    dialog.current?.close();
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="review-heading" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="review-heading">
          {dismissing ? 'Dismiss' : 'Defer'} “{review.lesson.title}”
        </h2>
        {dismissing ? (
          <label>
            Reason
            <textarea rows={3} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} autoFocus />
          </label>
        ) : (
          <label>
            Defer until
            <input type="datetime-local" value={until} onChange={(event) => setUntil(event.target.value)} required autoFocus />
          </label>
        )}
        {refusal && <RefusalAlert refusal={refusal} />}
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={dismissal.fetching || deferral.fetching}>
            {dismissing ? 'Dismiss lesson' : 'Defer lesson'}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
