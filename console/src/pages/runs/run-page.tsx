// One run: its plan and warnings, its phase/status history, reconciliation of expectations with the
// domains' acks (missing, drift, failed), the acks themselves, the incident, the policy evaluation,
// the lessons drawn from it and the violations recorded against it.
import type { ReactNode } from 'react';
import { Link, useParams } from 'wouter';
import { DataTable, type Column } from '../../components/data-table';
import { Facts, Json, Section, TableSection } from '../../components/details';
import { PageHeading } from '../../components/page-heading';
import { LiveStatus } from '../../components/live-status';
import { LoadedObject } from '../../components/query-state';
import { StatusBadge } from '../../components/status-badge';
import { Age, Instant } from '../../components/time';
import { TransitionHistory } from '../../components/transitions';
import { cents } from '../../format/time';
import { RunDetailDocument, RunDetailEventsDocument, type RunDetailEventsSubscription, type RunDetailFieldsFragment } from '../../graphql/generated';
import { useLiveObject } from '../../live/use-live';
import { paths } from '../../paths';
import { Reconciliation } from './reconciliation';

type Run = RunDetailFieldsFragment;

const stepColumns: readonly Column<Run['plan']['steps'][number]>[] = [
  { header: '#', cell: (step) => step.index + 1, className: 'numeric' },
  { header: 'Skill', cell: (step) => <code>{step.skill}</code> },
  { header: 'Description', cell: (step) => step.description },
  { header: 'Estimated', cell: (step) => cents(step.estimatedCostCents), className: 'numeric' },
  { header: 'Parameters', cell: (step) => <Json value={step.parameters} /> },
];

const lessonColumns: readonly Column<Run['lessons'][number]>[] = [
  { header: 'Lesson', cell: (lesson) => lesson.title },
  { header: 'Type', cell: (lesson) => lesson.type },
  { header: 'Severity', cell: (lesson) => lesson.severity ?? '—' },
  { header: 'Status', cell: (lesson) => <StatusBadge value={lesson.status} /> },
  { header: 'Age', cell: (lesson) => <Age at={lesson.createdAt} /> },
];

const violationColumns: readonly Column<Run['violations'][number]>[] = [
  { header: 'Violation', cell: (violation) => violation.message },
  { header: 'Kind', cell: (violation) => violation.kind },
  { header: 'Operation or phase', cell: (violation) => violation.operation ?? [violation.phase, violation.status].filter(Boolean).join(' / ') },
  { header: 'Policy', cell: (violation) => violation.policyId ?? '—' },
  { header: 'Age', cell: (violation) => <Age at={violation.createdAt} /> },
];

/** A record the run's completion writes (its incident, its policy evaluation), or that it is not written yet. */
function CompletionRecord<R extends { outcome: string; createdAt: string }>({ title, record, facts }: { title: string; record: R | null | undefined; facts(record: R): [string, ReactNode][] }) {
  return (
    <Section title={title}>
      {record ? (
        <Facts items={[['Outcome', <StatusBadge value={record.outcome} />], ...facts(record), ['Recorded', <Instant at={record.createdAt} />]]} />
      ) : (
        <p className="muted">Not recorded yet: it is written when the run completes.</p>
      )}
    </Section>
  );
}

const eventPosition = (data: RunDetailEventsSubscription) => data.runUpdated.id;

/** The run page, followed live (phases, acks, the completion's records as they are written). */
export function RunPage() {
  const { id } = useParams<{ id: string }>();
  const live = useLiveObject({
    read: { query: RunDetailDocument, variables: { id } },
    pick: (data) => data.run,
    feed: { document: RunDetailEventsDocument, variables: { id }, positionOf: eventPosition },
    snapshotOf: ({ runUpdated }) => runUpdated.run,
  });
  return <LoadedObject {...live} kind="run" children={(run) => <RunDetail run={run} feed={<LiveStatus status={live.feed} />} />} />;
}

function RunDetail({ run, feed }: { run: Run; feed: ReactNode }) {
  return (
    <>
      <PageHeading title={`Run: ${run.goal}`}>
        <StatusBadge value={run.phase} /> <StatusBadge value={run.status} />
        {feed}
      </PageHeading>
      <Facts
        items={[
          ['Agent', run.agentId],
          ['Phase', <StatusBadge value={run.phase} />],
          ['Status', <StatusBadge value={run.status} />],
          ['Policy', run.policyId],
          ['Trace', run.traceId ? <code>{run.traceId}</code> : null],
          ['Cost', cents(run.costCents)],
          ['Created', <Instant at={run.createdAt} />],
          ['Completed', run.completedAt ? <Instant at={run.completedAt} /> : null],
          ['Id', <code>{run.id}</code>],
        ]}
      />
      <Section title="Plan">
        <Facts
          items={[
            ['Planner', run.plan.planner],
            ['Estimated cost', cents(run.plan.estimatedCostCents)],
            ['Memory', `${run.plan.memorySnippetCount} earlier run(s) consulted`],
            ['Context', run.plan.contextSummary],
          ]}
        />
        {run.plan.warnings.length > 0 && (
          <div className="warnings" role="note" aria-label="Plan warnings">
            <h3>Warnings</h3>
            <ul>
              {run.plan.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </div>
        )}
        <DataTable label="Plan steps" columns={stepColumns} rows={run.plan.steps} rowKey={(step) => String(step.index)} empty="The plan has no steps." />
      </Section>
      <Reconciliation run={run} />
      <div className="columns">
        <CompletionRecord
          title="Incident"
          record={run.incident}
          facts={(incident) => [
            ['Error code', incident.errorCode],
            ['Error', incident.errorMessage],
          ]}
        />
        <CompletionRecord title="Policy evaluation" record={run.policyEvaluation} facts={(evaluation) => [['Policies checked', evaluation.policiesChecked]]} />
      </div>
      <TransitionHistory title="Phase and status history" label="Run transitions" transitions={run.transitions} />
      <TableSection title="Lessons" label="Lessons from this run" columns={lessonColumns} rows={run.lessons} rowKey={(lesson) => lesson.id} empty="No lessons drawn from this run." />
      <Section title="Violations" actions={<Link href={`${paths.violations}?run=${encodeURIComponent(run.id)}`}>Watch this run's violations live</Link>}>
        <DataTable label="Violations of this run" columns={violationColumns} rows={run.violations} rowKey={(violation) => violation.id} empty="No violations recorded for this run." />
      </Section>
    </>
  );
}
