// Violations: inspection constraints broken by workers and phase/status invariants broken by runs,
// newest first, filtered by run, policy and kind. New ones appear at the top as they are recorded
// (followed from the position the page was read at, resuming after any drop) and are announced.
import { useState } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { DataTable, type Column } from '../../components/data-table';
import { Json } from '../../components/details';
import { ChoiceFilter, TextFilters } from '../../components/filters';
import { useListParams } from '../../components/list-params';
import { LiveStatus } from '../../components/live-status';
import { PageHeading } from '../../components/page-heading';
import { Pager } from '../../components/pager';
import { LoadFailed, Loading } from '../../components/query-state';
import { Age } from '../../components/time';
import { ViolationEventsDocument, ViolationListDocument, type ViolationEventsSubscription, type ViolationKind, type ViolationRowFragment } from '../../graphql/generated';
import { prependNew } from '../../live/live-rows';
import { useLiveFeed, useLiveRows } from '../../live/use-live';
import { paths, shortId } from '../../paths';

const KINDS: readonly ViolationKind[] = ['INSPECTION_CONSTRAINT', 'PHASE_STATUS_INVARIANT'];

const eventPosition = (data: ViolationEventsSubscription) => data.violationRecorded.eventId ?? '0';

function columnsFor(fresh: ReadonlySet<string>): readonly Column<ViolationRowFragment>[] {
  return [
    {
      header: 'Violation',
      cell: (violation) => (
        <>
          {fresh.has(violation.id) && <span className="new-marker">New</span>} {violation.message}
        </>
      ),
    },
    { header: 'Kind', cell: (violation) => violation.kind },
    { header: 'Operation or phase', cell: (violation) => violation.operation ?? [violation.phase, violation.status].filter(Boolean).join(' / ') },
    { header: 'Run', cell: (violation) => (violation.runId ? <Link href={paths.run(violation.runId)}>{shortId(violation.runId)}</Link> : '—') },
    { header: 'Policy', cell: (violation) => violation.policyId ?? '—' },
    { header: 'Details', cell: (violation) => <Json value={violation.details} /> },
    { header: 'Recorded', cell: (violation) => <Age at={violation.createdAt} /> },
  ];
}

/** The violations page. */
export function ViolationsPage() {
  const params = useListParams();
  const kind = params.values('kind', KINDS);
  const runId = params.text('run');
  const policyId = params.text('policy');
  const [result, reexecute] = useQuery({
    query: ViolationListDocument,
    variables: { filter: { kind: kind.length > 0 ? kind : null, runId, policyId }, first: params.first, after: params.after },
  });
  const [rows, updateRows] = useLiveRows(result.data?.violations.nodes);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const feed = useLiveFeed({
    document: ViolationEventsDocument,
    variables: { runId },
    from: result.data?.latestEventId,
    positionOf: eventPosition,
    onEvent: ({ violationRecorded: violation }) => {
      if (params.after !== null || (kind.length > 0 && !kind.includes(violation.kind)) || (policyId !== null && violation.policyId !== policyId)) return;
      updateRows((current) => prependNew(current, violation));
      setFresh((previous) => new Set(previous).add(violation.id));
      setAnnouncement(`New violation: ${violation.message}`);
    },
    onResumeImpossible: () => reexecute({ requestPolicy: 'network-only' }),
  });

  const page = result.data?.violations;
  return (
    <>
      <PageHeading title="Violations">
        <LiveStatus status={feed} />
      </PageHeading>
      <div className="filters">
        <TextFilters
          key={`${runId}|${policyId}`}
          fields={[
            { name: 'run', label: 'Run', value: runId, placeholder: 'run id' },
            { name: 'policy', label: 'Policy', value: policyId, placeholder: 'policy id' },
          ]}
          onApply={(values) => params.setFilters(values)}
        />
        <ChoiceFilter legend="Kind" options={KINDS} selected={kind} onChange={(selected) => params.setFilters({ kind: selected })} />
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {result.error && !page && <LoadFailed error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {!page && !result.error && <Loading what="violations" />}
      {page && (
        <>
          <DataTable
            label="Violations"
            columns={columnsFor(fresh)}
            rows={rows}
            rowKey={(violation) => violation.id}
            rowClassName={(violation) => (fresh.has(violation.id) ? 'row-new' : undefined)}
            empty="No violations recorded for these filters. New ones appear here as they happen."
          />
          <Pager params={params} shown={rows.length} total={page.totalCount + rows.length - page.nodes.length} hasNextPage={page.pageInfo.hasNextPage} endCursor={page.pageInfo.endCursor} noun="violations" />
        </>
      )}
    </>
  );
}
