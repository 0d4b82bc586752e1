// One job, followed live: its status, steps and their results, health before and after, the
// transitions, and the contract it carries out.
import type { ReactNode } from 'react';
import { Link, useParams } from 'wouter';
import type { Column } from '../../components/data-table';
import { Facts, Json, Section, TableSection } from '../../components/details';
import { LiveStatus } from '../../components/live-status';
import { PageHeading } from '../../components/page-heading';
import { LoadedObject } from '../../components/query-state';
import { StatusBadge } from '../../components/status-badge';
import { Instant } from '../../components/time';
import { TransitionHistory } from '../../components/transitions';
import { JobDetailDocument, JobDetailEventsDocument, type JobDetailEventsSubscription, type JobDetailFieldsFragment } from '../../graphql/generated';
import { useLiveObject } from '../../live/use-live';
import { paths } from '../../paths';
import { HealthSnapshot } from './health-snapshot';
import { JobProgress, stepLabel } from './job-progress';

type Job = JobDetailFieldsFragment;
type StepWithResult = Job['steps'][number] & { result: Job['stepResults'][number] | undefined };

const stepColumns: readonly Column<StepWithResult>[] = [
  { header: '#', cell: (step) => step.stepIndex + 1, className: 'numeric' },
  { header: 'Type', cell: (step) => step.stepType },
  { header: 'Target', cell: (step) => <code>{step.target}</code> },
  { header: 'Parameters', cell: (step) => <Json value={step.parameters} /> },
  { header: 'Result', cell: (step) => (step.result ? <StatusBadge value={step.result.status} /> : <span className="muted">not reported</span>) },
  { header: 'Started', cell: (step) => <Instant at={step.result?.startedAt} /> },
  { header: 'Completed', cell: (step) => <Instant at={step.result?.completedAt} /> },
  { header: 'Output or error', cell: (step) => (step.result?.error ? <span className="error-text">{step.result.error}</span> : <Json value={step.result?.output} />) },
];

const eventPosition = (data: JobDetailEventsSubscription) => data.jobUpdated.id;

/** The job page. */
export function JobPage() {
  const { id } = useParams<{ id: string }>();
  const live = useLiveObject({
    read: { query: JobDetailDocument, variables: { id } },
    pick: (data) => data.job,
    feed: { document: JobDetailEventsDocument, variables: { id }, positionOf: eventPosition },
    snapshotOf: ({ jobUpdated }) => jobUpdated.job,
  });
  return <LoadedObject {...live} kind="job" children={(job) => <JobDetail job={job} feed={<LiveStatus status={live.feed} />} />} />;
}

function JobDetail({ job, feed }: { job: Job; feed: ReactNode }) {
  const steps = job.steps.map((step) => ({ ...step, result: job.stepResults.find((stepResult) => stepResult.stepIndex === step.stepIndex) }));
  return (
    <>
      <PageHeading title={`Job: ${job.contract.title}`}>{feed}</PageHeading>
      <Facts
        items={[
          ['Status', <StatusBadge value={job.status} />],
          ['Why', job.statusReason],
          ['Step', stepLabel(job)],
          ['Progress', <JobProgress job={job} />],
          ['Contract', <Link href={paths.contract(job.contract.id)}>{job.contract.title}</Link>],
          ['Contract status', <StatusBadge value={job.contract.status} />],
          ['Audit verdict', <StatusBadge value={job.contract.auditVerdict} />],
          ['Created by', job.createdBy],
          ['Created', <Instant at={job.createdAt} />],
          ['Started', <Instant at={job.startedAt} />],
          ['Finished', <Instant at={job.completedAt} />],
          ['Times out', <Instant at={job.timeoutAt} />],
          ['Id', <code>{job.id}</code>],
        ]}
      />
      <TableSection title="Steps and results" label="Steps" columns={stepColumns} rows={steps} rowKey={(step) => String(step.stepIndex)} empty="This job has no steps." />
      <div className="columns">
        <Section title="Health before">
          <HealthSnapshot snapshot={job.healthBefore} />
        </Section>
        <Section title="Health after">
          {job.healthAfter == null ? <p className="muted">No step has reported health yet.</p> : <HealthSnapshot snapshot={job.healthAfter} />}
        </Section>
      </div>
      <TransitionHistory title="Transitions" label="Job transitions" transitions={job.transitions} />
    </>
  );
}
