// Contracts: the governed change requests, newest first, filtered by status and risk, a page at a
// time: title, status, risk, creator and age.
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { DataTable, type Column } from '../../components/data-table';
import { ChoiceFilter } from '../../components/filters';
import { useListParams } from '../../components/list-params';
import { PageHeading } from '../../components/page-heading';
import { Pager } from '../../components/pager';
import { LoadFailed, Loading } from '../../components/query-state';
import { StatusBadge } from '../../components/status-badge';
import { Age } from '../../components/time';
import { ContractListDocument, type ContractListQuery, type ContractStatus, type RiskLevel } from '../../graphql/generated';
import { paths } from '../../paths';

/** Every contract status, in the order a contract moves through them. */
export const CONTRACT_STATUSES: readonly ContractStatus[] = ['DRAFT', 'VALIDATED', 'ELIGIBLE', 'APPROVED', 'ACTIVE', 'COMPLETED', 'FAILED', 'REJECTED', 'EXPIRED'];
const RISK_LEVELS: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

type ContractRow = ContractListQuery['contracts']['nodes'][number];

const columns: readonly Column<ContractRow>[] = [
  { header: 'Title', cell: (contract) => <Link href={paths.contract(contract.id)}>{contract.title}</Link> },
  { header: 'Status', cell: (contract) => <StatusBadge value={contract.status} /> },
  { header: 'Risk', cell: (contract) => <StatusBadge value={contract.riskLevel} /> },
  { header: 'Creator', cell: (contract) => contract.createdBy },
  { header: 'Source', cell: (contract) => contract.source },
  { header: 'Age', cell: (contract) => <Age at={contract.createdAt} /> },
];

/** The contracts page. */
export function ContractsPage() {
  const params = useListParams();
  const status = params.values('status', CONTRACT_STATUSES);
  const riskLevel = params.values('risk', RISK_LEVELS);
  const [result, reexecute] = useQuery({
    query: ContractListDocument,
    variables: { filter: { status: status.length > 0 ? status : null, riskLevel: riskLevel.length > 0 ? riskLevel : null }, first: params.first, after: params.after },
  });
  const page = result.data?.contracts;
  return (
    <>
      <PageHeading title="Contracts" />
      <div className="filters">
        <ChoiceFilter legend="Status" options={CONTRACT_STATUSES} selected={status} onChange={(selected) => params.setFilters({ status: selected })} />
        <ChoiceFilter legend="Risk" options={RISK_LEVELS} selected={riskLevel} onChange={(selected) => params.setFilters({ risk: selected })} />
      </div>
      {result.error && !page && <LoadFailed error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {!page && !result.error && <Loading what="contracts" />}
      {page && (
        <>
          <DataTable
            label="Contracts"
            columns={columns}
            rows={page.nodes}
            rowKey={(contract) => contract.id}
            empty={status.length + riskLevel.length > 0 ? 'No contracts match these filters.' : 'No contracts yet. Automation creates them with createContract.'}
          />
          <Pager params={params} shown={page.nodes.length} total={page.totalCount} hasNextPage={page.pageInfo.hasNextPage} endCursor={page.pageInfo.endCursor} noun="contracts" />
        </>
      )}
    </>
  );
}
