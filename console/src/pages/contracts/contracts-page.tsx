// Contracts: the governed change requests, newest first, filtered by status and risk, a page at a
// time: title, status, risk, creator and age — followed live: a decision taken anywhere shows at once.
import { Link } from 'wouter';
import type { Column } from '../../components/data-table';
import { ChoiceFilter } from '../../components/filters';
import { ListPage } from '../../components/list-page';
import { useListParams } from '../../components/list-params';
import { LiveStatus } from '../../components/live-status';
import { StatusBadge } from '../../components/status-badge';
import { Age } from '../../components/time';
import { ContractListDocument, ContractListEventsDocument, type ContractListEventsSubscription, type ContractRowFragment, type ContractStatus, type RiskLevel } from '../../graphql/generated';
import { applySnapshot } from '../../live/live-rows';
import { useLiveList } from '../../live/use-live';
import { paths } from '../../paths';

/** Every contract status, in the order a contract moves through them. */
export const CONTRACT_STATUSES: readonly ContractStatus[] = ['DRAFT', 'VALIDATED', 'ELIGIBLE', 'APPROVED', 'ACTIVE', 'COMPLETED', 'FAILED', 'REJECTED', 'EXPIRED'];
const RISK_LEVELS: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

const columns: readonly Column<ContractRowFragment>[] = [
  { header: 'Title', cell: (contract) => <Link href={paths.contract(contract.id)}>{contract.title}</Link> },
  { header: 'Status', cell: (contract) => <StatusBadge value={contract.status} /> },
  { header: 'Risk', cell: (contract) => <StatusBadge value={contract.riskLevel} /> },
  { header: 'Creator', cell: (contract) => contract.createdBy },
  { header: 'Source', cell: (contract) => contract.source },
  { header: 'Age', cell: (contract) => <Age at={contract.createdAt} /> },
];

const eventPosition = (data: ContractListEventsSubscription) => data.contractEvents.id;

/** The contracts page. */
export function ContractsPage() {
  const params = useListParams();
  const status = params.values('status', CONTRACT_STATUSES);
  const riskLevel = params.values('risk', RISK_LEVELS);
  const matches = (contract: ContractRowFragment) => (status.length === 0 || status.includes(contract.status)) && (riskLevel.length === 0 || riskLevel.includes(contract.riskLevel));
  const list = useLiveList({
    read: { query: ContractListDocument, variables: { filter: { status: status.length > 0 ? status : null, riskLevel: riskLevel.length > 0 ? riskLevel : null }, first: params.first, after: params.after } },
    pageOf: (data) => data.contracts,
    feed: { document: ContractListEventsDocument, variables: {}, positionOf: eventPosition },
    apply: (rows, { contractEvents: { contract } }) => applySnapshot(rows, contract, { matches: matches(contract), insertIfNew: params.after === null }),
  });
  return (
    <ListPage
      title="Contracts"
      noun="contracts"
      status={<LiveStatus status={list.feed} />}
      filters={
        <>
          <ChoiceFilter legend="Status" options={CONTRACT_STATUSES} selected={status} onChange={(selected) => params.setFilters({ status: selected })} />
          <ChoiceFilter legend="Risk" options={RISK_LEVELS} selected={riskLevel} onChange={(selected) => params.setFilters({ risk: selected })} />
        </>
      }
      list={list}
      params={params}
      columns={columns}
      rowKey={(contract) => contract.id}
      empty={status.length + riskLevel.length > 0 ? 'No contracts match these filters.' : 'No contracts yet. Automation creates them with createContract.'}
    />
  );
}
