// Jobs: the list that follows automation live. It reads a page together with the event position it
// was read at, then applies every job event after that position (resuming after any drop), so a
// job's status, step and progress change on screen without a reload, and new jobs appear on top.
import { useState } from 'react';
import { Link } from 'wouter';
import type { Column } from '../../components/data-table';
import { ChoiceFilter } from '../../components/filters';
import { ListPage } from '../../components/list-page';
import { useListParams } from '../../components/list-params';
import { LiveStatus } from '../../components/live-status';
import { StatusBadge } from '../../components/status-badge';
import { Age } from '../../components/time';
import { JobListDocument, JobListEventsDocument, type JobListEventsSubscription, type JobRowFragment, type JobStatus } from '../../graphql/generated';
import { applySnapshot } from '../../live/live-rows';
import { useLiveList } from '../../live/use-live';
import { paths, shortId } from '../../paths';
import { JobProgress, stepLabel } from './job-progress';

const STATUSES: readonly JobStatus[] = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];

const columns: readonly Column<JobRowFragment>[] = [
  {
    header: 'Job',
    cell: (job) => (
      <>
        <Link href={paths.job(job.id)}>{job.contract.title}</Link>
        <span className="id" title={job.id}>
          {shortId(job.id)}
        </span>
      </>
    ),
  },
  { header: 'Status', cell: (job) => <StatusBadge value={job.status} /> },
  { header: 'Step', cell: (job) => stepLabel(job), className: 'numeric' },
  { header: 'Progress', cell: (job) => <JobProgress job={job} /> },
  { header: 'Created', cell: (job) => <Age at={job.createdAt} /> },
  { header: 'Finished', cell: (job) => <Age at={job.completedAt} /> },
];

const eventPosition = (data: JobListEventsSubscription) => data.jobEvents.id;

/** The jobs page. */
export function JobsPage() {
  const params = useListParams();
  const status = params.values('status', STATUSES);
  const [flashes, setFlashes] = useState<ReadonlyMap<string, number>>(new Map());
  const list = useLiveList({
    read: { query: JobListDocument, variables: { filter: status.length > 0 ? { status } : null, first: params.first, after: params.after } },
    pageOf: (data) => data.jobs,
    feed: { document: JobListEventsDocument, variables: {}, positionOf: eventPosition },
    apply: (rows, { jobEvents: { job } }) => applySnapshot(rows, job, { matches: status.length === 0 || status.includes(job.status), insertIfNew: params.after === null }),
    // Each change flashes its row (the class alternates, so the animation plays again).
    onChanged: ({ jobEvents: { job } }) => setFlashes((previous) => new Map(previous).set(job.id, (previous.get(job.id) ?? 0) + 1)),
  });

  return (
    <ListPage
      title="Jobs"
      noun="jobs"
      status={<LiveStatus status={list.feed} />}
      filters={<ChoiceFilter legend="Status" options={STATUSES} selected={status} onChange={(selected) => params.setFilters({ status: selected })} />}
      list={list}
      params={params}
      columns={columns}
      rowKey={(job) => job.id}
      rowClassName={(job) => (flashes.has(job.id) ? `flash-${flashes.get(job.id)! % 2}` : undefined)}
      empty={status.length > 0 ? 'No jobs with these statuses.' : 'No jobs yet. A job appears here when an approved contract is activated.'}
    />
  );
}
