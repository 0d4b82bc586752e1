// Runs: agents' executions toward goals, newest first (optionally one agent's): phase, status,
// reconciliation, estimated and actual cost, and age — followed live as runs move and complete.
import { Link } from 'wouter';
import type { Column } from '../../components/data-table';
import { TextFilters } from '../../components/filters';
import { ListPage } from '../../components/list-page';
import { useListParams } from '../../components/list-params';
import { LiveStatus } from '../../components/live-status';
import { StatusBadge } from '../../components/status-badge';
import { Age } from '../../components/time';
import { cents } from '../../format/time';
import { RunListDocument, RunListEventsDocument, type RunListEventsSubscription, type RunRowFragment } from '../../graphql/generated';
import { applySnapshot } from '../../live/live-rows';
import { useLiveList } from '../../live/use-live';
import { paths } from '../../paths';

const columns: readonly Column<RunRowFragment>[] = [
  { header: 'Goal', cell: (run) => <Link href={paths.run(run.id)}>{run.goal}</Link> },
  { header: 'Agent', cell: (run) => run.agentId },
  { header: 'Phase', cell: (run) => <StatusBadge value={run.phase} /> },
  { header: 'Status', cell: (run) => <StatusBadge value={run.status} /> },
  { header: 'Reconciliation', cell: (run) => <StatusBadge value={run.reconciliation.status} /> },
  { header: 'Estimated', cell: (run) => cents(run.plan.estimatedCostCents), className: 'numeric' },
  { header: 'Cost', cell: (run) => cents(run.costCents), className: 'numeric' },
  { header: 'Age', cell: (run) => <Age at={run.createdAt} /> },
];

const eventPosition = (data: RunListEventsSubscription) => data.runEvents.id;

/** The runs page. */
export function RunsPage() {
  const params = useListParams();
  const agentId = params.text('agent');
  const list = useLiveList({
    read: { query: RunListDocument, variables: { agentId, first: params.first, after: params.after } },
    pageOf: (data) => data.runs,
    feed: { document: RunListEventsDocument, variables: {}, positionOf: eventPosition },
    apply: (rows, { runEvents: { run } }) => applySnapshot(rows, run, { matches: agentId === null || run.agentId === agentId, insertIfNew: params.after === null }),
  });
  return (
    <ListPage
      title="Runs"
      noun="runs"
      status={<LiveStatus status={list.feed} />}
      filters={<TextFilters key={agentId ?? ''} fields={[{ name: 'agent', label: 'Agent', value: agentId, placeholder: 'agent id' }]} onApply={(values) => params.setFilters(values)} />}
      list={list}
      params={params}
      columns={columns}
      rowKey={(run) => run.id}
      empty={agentId ? `No runs of agent ${agentId}.` : 'No runs yet.'}
    />
  );
}
