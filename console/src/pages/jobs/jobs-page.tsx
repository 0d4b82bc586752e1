// Jobs: the list that follows automation live. It reads a page together with the event position it
// was read at, then applies every job event after that position (resuming after any drop), so a
// job's status, step and progress change on screen without a reload, and new jobs appear on top.
import { useState } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { DataTable, type Column } from '../../components/data-table';
import { ChoiceFilter } from '../../components/filters';
import { useListParams } from '../../components/list-params';
import { LiveStatus } from '../../components/live-status';
import { PageHeading } from '../../components/page-heading';
import { Pager } from '../../components/pager';
import { LoadFailed, Loading } from '../../components/query-state';
import { StatusBadge } from '../../components/status-badge';
import { Age } from '../../components/time';
import { JobListDocument, JobListEventsDocument, type JobListEventsSubscription, type JobRowFragment, type JobStatus } from '../../graphql/generated';
import { applySnapshot } from '../../live/live-rows';
import { useLiveFeed, useLiveRows } from '../../live/use-live';
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
  const [result, reexecute] = useQuery({
    query: JobListDocument,
    variables: { filter: status.length > 0 ? { status } : null, first: params.first, after: params.after },
  });
  const [rows, updateRows] = useLiveRows(result.data?.jobs.nodes);
  const [flashes, setFlashes] = useState<ReadonlyMap<string, number>>(new Map());
  const feed = useLiveFeed({
    document: JobListEventsDocument,
    variables: {},
    from: result.data?.latestEventId,
    positionOf: eventPosition,
    onEvent: ({ jobEvents: { job } }) => {
      updateRows((current) => applySnapshot(current, job, { matches: status.length === 0 || status.includes(job.status), insertIfNew: params.after === null }));
      setFlashes((previous) => new Map(previous).set(job.id, (previous.get(job.id) ?? 0) + 1));
    },
    onResumeImpossible: () => reexecute({ requestPolicy: 'network-only' }),
  });

  const page = result.data?.jobs;
  return (
    <>
      <PageHeading title="Jobs">
        <LiveStatus status={feed} />
      </PageHeading>
      <div className="filters">
        <ChoiceFilter legend="Status" options={STATUSES} selected={status} onChange={(selected) => params.setFilters({ status: selected })} />
      </div>
      {result.error && !page && <LoadFailed error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {!page && !result.error && <Loading what="jobs" />}
      {page && (
        <>
          <DataTable
            label="Jobs"
            columns={columns}
            rows={rows}
            rowKey={(job) => job.id}
            rowClassName={(job) => (flashes.has(job.id) ? `flash-${flashes.get(job.id)! % 2}` : undefined)}
            empty={status.length > 0 ? 'No jobs with these statuses.' : 'No jobs yet. A job appears here when an approved contract is activated.'}
          />
          <Pager params={params} shown={rows.length} total={page.totalCount + rows.length - page.nodes.length} hasNextPage={page.pageInfo.hasNextPage} endCursor={page.pageInfo.endCursor} noun="jobs" />
        </>
      )}
    </>
  );
}
