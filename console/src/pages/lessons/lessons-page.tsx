// Lessons: what runs taught (near a budget threshold, a cheap success, a policy failure), newest
// first by status; approvers and admins review the open ones with "Dismiss" and "Defer", and turn a
// pending one into a draft contract with "Convert to draft".
import { useState, type ReactNode } from 'react';
import { useMutation } from 'urql';
import { Link } from 'wouter';
import type { Column } from '../../components/data-table';
import { ChoiceFilter } from '../../components/filters';
import { ListPage } from '../../components/list-page';
import { useListParams } from '../../components/list-params';
import { LiveStatus } from '../../components/live-status';
import { StatusBadge } from '../../components/status-badge';
import { Age, Instant } from '../../components/time';
import { RefusalAlert } from '../../components/refusal-alert';
import { ConvertLessonToDraftDocument, LessonCreatedEventsDocument, LessonListDocument, type LessonCreatedEventsSubscription, type LessonRowFragment, type LessonStatus } from '../../graphql/generated';
import { prependNew } from '../../live/live-rows';
import { useLiveList } from '../../live/use-live';
import { describeRefusal, type Refusal } from '../../graphql/refusals';
import { paths, shortId } from '../../paths';
import { useCan } from '../../session/session';
import { LessonReviewDialog, type OpenReview } from './lesson-review-dialog';

const STATUSES: readonly LessonStatus[] = ['PENDING', 'DEFERRED', 'DISMISSED', 'CONVERTED_TO_DRAFT'];
const REVIEWABLE = new Set<LessonStatus>(['PENDING', 'DEFERRED']);

function Review({ lesson }: { lesson: LessonRowFragment }) {
  if (lesson.status === 'DEFERRED') return <>until <Instant at={lesson.deferredUntil} /> by {lesson.decidedBy}</>;
  if (lesson.decidedBy) return <>{lesson.decidedBy}: {lesson.decisionReason}</>;
  return <span className="muted">not reviewed</span>;
}

const eventPosition = (data: LessonCreatedEventsSubscription) => data.runEvents.id;

/** The lessons page. */
export function LessonsPage() {
  const params = useListParams();
  const status = params.values('status', STATUSES);
  const mayReview = useCan('APPROVE');
  const [review, setReview] = useState<OpenReview | null>(null);
  const [message, setMessage] = useState<ReactNode>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [conversion, convertLesson] = useMutation(ConvertLessonToDraftDocument);
  const convert = async (lesson: LessonRowFragment) => {
    setRefusal(null);
    const result = await convertLesson({ id: lesson.id });
    if (result.error || !result.data) return setRefusal(describeRefusal(result.error?.graphQLErrors ?? []));
    const { contract } = result.data.convertLessonToDraft;
    setMessage(
      <>
        Converted “{lesson.title}” to the draft contract <Link href={paths.contract(contract.id)}>{contract.title}</Link>.
      </>,
    );
  };
  const list = useLiveList({
    read: { query: LessonListDocument, variables: { status: status.length > 0 ? status : null, first: params.first, after: params.after } },
    pageOf: (data) => data.lessons,
    feed: { document: LessonCreatedEventsDocument, variables: {}, positionOf: eventPosition },
    // New lessons are PENDING: they enter the first page when it shows PENDING ones.
    apply: (rows, { runEvents: { lesson } }) => (lesson && params.after === null && (status.length === 0 || status.includes(lesson.status)) ? prependNew(rows, lesson) : rows),
  });

  const columns: Column<LessonRowFragment>[] = [
    {
      header: 'Lesson',
      cell: (lesson) => (
        <>
          <strong>{lesson.title}</strong>
          <span className="cell-note">{lesson.description}</span>
        </>
      ),
    },
    { header: 'Type', cell: (lesson) => lesson.type },
    { header: 'Severity', cell: (lesson) => lesson.severity ?? '—' },
    { header: 'Status', cell: (lesson) => <StatusBadge value={lesson.status} /> },
    { header: 'Run', cell: (lesson) => (lesson.runId ? <Link href={paths.run(lesson.runId)}>{shortId(lesson.runId)}</Link> : '—') },
    { header: 'Review', cell: (lesson) => <Review lesson={lesson} /> },
    { header: 'Age', cell: (lesson) => <Age at={lesson.createdAt} /> },
  ];
  if (mayReview) {
    columns.push({
      header: 'Actions',
      cell: (lesson) =>
        REVIEWABLE.has(lesson.status) ? (
          <span className="row-actions">
            <button type="button" onClick={() => setReview({ action: 'dismiss', lesson })}>
              Dismiss
            </button>
            <button type="button" onClick={() => setReview({ action: 'defer', lesson })}>
              Defer
            </button>
            {lesson.status === 'PENDING' && (
              <button type="button" onClick={() => void convert(lesson)} disabled={conversion.fetching}>
                Convert to draft
              </button>
            )}
          </span>
        ) : null,
    });
  }

  return (
    <ListPage
      title="Lessons"
      noun="lessons"
      status={<LiveStatus status={list.feed} />}
      filters={<ChoiceFilter legend="Status" options={STATUSES} selected={status} onChange={(selected) => params.setFilters({ status: selected })} />}
      list={list}
      params={params}
      columns={columns}
      rowKey={(lesson) => lesson.id}
      empty="No lessons with these statuses. Runs create them as they complete."
    >
      {message && (
        <p className="success" role="status">
          {message}
        </p>
      )}
      {refusal && <RefusalAlert refusal={refusal} />}
      {review && <LessonReviewDialog key={`${review.action}:${review.lesson.id}`} review={review} onClose={() => setReview(null)} onDone={(done) => { setRefusal(null); setMessage(done); }} />}
    </ListPage>
  );
}
