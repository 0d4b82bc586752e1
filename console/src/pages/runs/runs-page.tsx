// Runs: agents' executions toward goals, newest first (optionally one agent's): phase, status,
// reconciliation, estimated and actual cost, and age.
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { DataTable, type Column } from '../../components/data-table';
import { TextFilters } from '../../components/filters';
import { useListParams } from '../../components/list-params';
import { PageHeading } from '../../components/page-heading';
import { Pager } from '../../components/pager';
import { LoadFailed, Loading } from '../../components/query-state';
import { StatusBadge } from '../../components/status-badge';
import { Age } from '../../components/time';
import { cents } from '../../format/time';
import { RunListDocument, type RunListQuery } from '../../graphql/generated';
import { paths } from '../../paths';

type RunRow = RunListQuery['runs']['nodes'][number];

const columns: readonly Column<RunRow>[] = [
  { header: 'Goal', cell: (run) => <Link href={paths.run(run.id)}>{run.goal}</Link> },
  { header: 'Agent', cell: (run) => run.agentId },
  { header: 'Phase', cell: (run) => <StatusBadge value={run.phase} /> },
  { header: 'Status', cell: (run) => <StatusBadge value={run.status} /> },
  { header: 'Reconciliation', cell: (run) => <StatusBadge value={run.reconciliation.status} /> },
  { header: 'Estimated', cell: (run) => cents(run.plan.estimatedCostCents), className: 'numeric' },
  { header: 'Cost', cell: (run) => cents(run.costCents), className: 'numeric' },
  { header: 'Age', cell: (run) => <Age at={run.createdAt} /> },
];

/** The runs page. */
export function RunsPage() {
  const params = useListParams();
  const agentId = params.text('agent');
  const [result, reexecute] = useQuery({ query: RunListDocument, variables: { agentId, first: params.first, after: params.after } });
  const page = result.data?.runs;
  return (
    <>
      <PageHeading title="Runs" />
      <div className="filters">
        <TextFilters key={agentId ?? ''} fields={[{ name: 'agent', label: 'Agent', value: agentId, placeholder: 'agent id' }]} onApply={(values) => params.setFilters(values)} />
      </div>
      {result.error && !page && <LoadFailed error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {!page && !result.error && <Loading what="runs" />}
      {page && (
        <>
          <DataTable label="Runs" columns={columns} rows={page.nodes} rowKey={(run) => run.id} empty={agentId ? `No runs of agent ${agentId}.` : 'No runs yet.'} />
          <Pager params={params} shown={page.nodes.length} total={page.totalCount} hasNextPage={page.pageInfo.hasNextPage} endCursor={page.pageInfo.endCursor} noun="runs" />
        </>
      )}
    </>
  );
}
