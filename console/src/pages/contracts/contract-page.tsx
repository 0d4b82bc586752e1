// One contract: what it proposes, the verdicts it came with, the decision an approver can make, its
// approval and activation, the job that carries it out, the audit verdict, and its full history.
import type { ReactNode } from 'react';
import { Link, useParams } from 'wouter';
import type { Column } from '../../components/data-table';
import { Facts, Json, ObjectFacts, Section, TableSection } from '../../components/details';
import { PageHeading } from '../../components/page-heading';
import { LiveStatus } from '../../components/live-status';
import { LoadedObject } from '../../components/query-state';
import { StatusBadge } from '../../components/status-badge';
import { Instant } from '../../components/time';
import { TransitionHistory } from '../../components/transitions';
import { ContractDetailDocument, ContractDetailEventsDocument, type ContractDetailEventsSubscription, type ContractDetailFieldsFragment } from '../../graphql/generated';
import { useLiveObject } from '../../live/use-live';
import { paths } from '../../paths';
import { stepLabel } from '../jobs/job-progress';
import { ContractDecisions } from './contract-decisions';

type Change = ContractDetailFieldsFragment['proposedChanges'][number];

const changeColumns: readonly Column<Change>[] = [
  { header: 'Change', cell: (change) => change.type },
  { header: 'Target', cell: (change) => <code>{change.capabilityName ?? change.scope ?? 'system'}</code> },
  {
    header: 'What',
    cell: (change) =>
      change.targetLifecycle ? (
        `to ${change.targetLifecycle}`
      ) : change.key ? (
        <>
          <code>{change.key}</code>: <Json value={change.oldValue} /> → <Json value={change.newValue} />
        </>
      ) : (
        <Json value={change.parameters} />
      ),
  },
  { header: 'Reason', cell: (change) => change.reason ?? <span className="muted">—</span> },
];

const eventPosition = (data: ContractDetailEventsSubscription) => data.contractEvents.id;

/** The contract page, followed live (a decision taken elsewhere shows at once). */
export function ContractPage() {
  const { id } = useParams<{ id: string }>();
  const live = useLiveObject({
    read: { query: ContractDetailDocument, variables: { id } },
    pick: (data) => data.contract,
    feed: { document: ContractDetailEventsDocument, variables: {}, positionOf: eventPosition },
    snapshotOf: ({ contractEvents: { contract } }) => (contract.id === id ? contract : null),
  });
  return <LoadedObject {...live} kind="contract" children={(contract) => <ContractDetail contract={contract} feed={<LiveStatus status={live.feed} />} />} />;
}

function ContractDetail({ contract, feed }: { contract: ContractDetailFieldsFragment; feed: ReactNode }) {
  return (
    <>
      <PageHeading title={contract.title}>
        <StatusBadge value={contract.status} />
        {feed}
      </PageHeading>
      <Facts
        items={[
          ['Status', <StatusBadge value={contract.status} />],
          ['Why', contract.statusReason],
          ['Risk', <StatusBadge value={contract.riskLevel} />],
          ['Source', contract.source],
          ['Issue', contract.issueId],
          ['Created by', contract.createdBy],
          ['Created', <Instant at={contract.createdAt} />],
          ['Expires', contract.status === 'ELIGIBLE' || contract.status === 'VALIDATED' || contract.status === 'DRAFT' ? <Instant at={contract.expiresAt} /> : null],
          ['Capabilities', contract.affectedCapabilities.join(', ')],
          ['Version', contract.version],
          ['Id', <code>{contract.id}</code>],
        ]}
      />
      {contract.description && <p className="description">{contract.description}</p>}
      <ContractDecisions contract={contract} />
      <TableSection title="Proposed changes" columns={changeColumns} rows={contract.proposedChanges} rowKey={(change) => JSON.stringify(change)} empty="No changes proposed." />
      <div className="columns">
        <Section title="Validator verdict">
          <ObjectFacts value={contract.validatorVerdict} />
        </Section>
        <Section title="Eligibility verdict">
          <ObjectFacts value={contract.eligibilityVerdict} />
        </Section>
      </div>
      <div className="columns">
        <Section title="Approval and activation">
          <Facts
            items={[
              ['Approved by', contract.approvedBy],
              ['Approved', contract.approvedAt ? <Instant at={contract.approvedAt} /> : null],
              ['Window opens', contract.activationWindowStart ? <Instant at={contract.activationWindowStart} /> : null],
              ['Window closes', contract.activationWindowEnd ? <Instant at={contract.activationWindowEnd} /> : null],
              ['Execution constraints', contract.executionConstraints == null ? null : <Json value={contract.executionConstraints} />],
              [
                'Job',
                contract.job ? (
                  <>
                    <Link href={paths.job(contract.job.id)}>Open the job</Link> <StatusBadge value={contract.job.status} /> step {stepLabel(contract.job)}
                  </>
                ) : null,
              ],
            ]}
          />
        </Section>
        <Section title="Audit">
          <Facts
            items={[
              ['Verdict', <StatusBadge value={contract.auditVerdict} />],
              ['Reason', contract.auditReason],
              ['Recorded', contract.auditCompletedAt ? <Instant at={contract.auditCompletedAt} /> : null],
            ]}
          />
        </Section>
      </div>
      <TransitionHistory title="History" label="Contract transitions" transitions={contract.transitions} />
    </>
  );
}
