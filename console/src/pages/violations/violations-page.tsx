// Violations: inspection constraints broken by workers and phase/status invariants broken by runs,
// newest first, filtered by run, policy and kind. New ones appear at the top as they are recorded
// (followed from the position the page was read at, resuming after any drop) and are announced.
import { useState } from 'react';
import { Link } from 'wouter';
import type { Column } from '../../components/data-table';
import { Json } from '../../components/details';
import { ChoiceFilter, TextFilters } from '../../components/filters';
import { ListPage } from '../../components/list-page';
import { useListParams } from '../../components/list-params';
import { LiveStatus } from '../../components/live-status';
import { Age } from '../../components/time';
import { ViolationEventsDocument, ViolationListDocument, type ViolationEventsSubscription, type ViolationKind, type ViolationRowFragment } from '../../graphql/generated';
import { prependNew } from '../../live/live-rows';
import { useLiveList } from '../../live/use-live';
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
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  // The run filter is the subscription's; kind and policy are checked here. New ones enter the first page only.
  const shows = (violation: ViolationRowFragment) => params.after === null && (kind.length === 0 || kind.includes(violation.kind)) && (policyId === null || violation.policyId === policyId);
  const list = useLiveList({
    read: { query: ViolationListDocument, variables: { filter: { kind: kind.length > 0 ? kind : null, runId, policyId }, first: params.first, after: params.after } },
    pageOf: (data) => data.violations,
    feed: { document: ViolationEventsDocument, variables: { runId }, positionOf: eventPosition },
    apply: (rows, { violationRecorded: violation }) => (shows(violation) ? prependNew(rows, violation) : rows),
    onChanged: ({ violationRecorded: violation }) => {
      setFresh((previous) => new Set(previous).add(violation.id));
      setAnnouncement(`New violation: ${violation.message}`);
    },
  });

  return (
    <ListPage
      title="Violations"
      noun="violations"
      status={<LiveStatus status={list.feed} />}
      filters={
        <>
          <TextFilters
            key={`${runId}|${policyId}`}
            fields={[
              { name: 'run', label: 'Run', value: runId, placeholder: 'run id' },
              { name: 'policy', label: 'Policy', value: policyId, placeholder: 'policy id' },
            ]}
            onApply={(values) => params.setFilters(values)}
          />
          <ChoiceFilter legend="Kind" options={KINDS} selected={kind} onChange={(selected) => params.setFilters({ kind: selected })} />
        </>
      }
      list={list}
      params={params}
      columns={columnsFor(fresh)}
      rowKey={(violation) => violation.id}
      rowClassName={(violation) => (fresh.has(violation.id) ? 'row-new' : undefined)}
      empty="No violations recorded for these filters. New ones appear here as they happen."
    >
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </ListPage>
  );
}
