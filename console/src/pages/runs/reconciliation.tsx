// A run's reconciliation: what the governance domains were expected to do against what they
// acknowledged — missing (expected, not acked), drift (acked, not expected), failed — with the
// expectations and acks themselves.
import { DataTable, type Column } from '../../components/data-table';
import { Facts, Section } from '../../components/details';
import { StatusBadge } from '../../components/status-badge';
import { Instant } from '../../components/time';
import type { RunReconciliationFieldsFragment } from '../../graphql/generated';

type Run = RunReconciliationFieldsFragment;

const expectationColumns: readonly Column<Run['expectations'][number]>[] = [
  { header: 'Expected action', cell: (expectation) => <code>{`${expectation.domain}:${expectation.action}`}</code> },
  { header: 'Status', cell: (expectation) => <StatusBadge value={expectation.status} /> },
  { header: 'Deadline', cell: (expectation) => <Instant at={expectation.deadline} /> },
  { header: 'Acked', cell: (expectation) => <Instant at={expectation.ackedAt} /> },
];

const ackColumns: readonly Column<Run['acks'][number]>[] = [
  { header: 'Acked action', cell: (ack) => <code>{`${ack.domain}:${ack.action}`}</code> },
  { header: 'Status', cell: (ack) => <StatusBadge value={ack.status} /> },
  { header: 'Result', cell: (ack) => ack.resultId ?? '—' },
  { header: 'Error or rollback', cell: (ack) => ack.error ?? ack.rollbackReason ?? '—' },
  { header: 'At', cell: (ack) => <Instant at={ack.at} /> },
];

function Keys({ keys }: { keys: readonly string[] }) {
  return keys.length === 0 ? <span className="muted">none</span> : <>{keys.map((key) => <code key={key} className="key">{key}</code>)}</>;
}

/** The reconciliation section. */
export function Reconciliation({ run }: { run: Run }) {
  const { reconciliation } = run;
  return (
    <Section title="Reconciliation">
      <Facts
        items={[
          ['Status', <StatusBadge value={reconciliation.status} />],
          ['Missing', <Keys keys={reconciliation.missing} />],
          ['Drift', <Keys keys={reconciliation.drift} />],
          ['Failed', <Keys keys={reconciliation.failed} />],
          ['Finalize overdue', reconciliation.staleRun ? 'yes' : 'no'],
          ['Counted', `${reconciliation.expectationsCount} expectations, ${reconciliation.acksCount} acks`],
        ]}
      />
      <div className="columns">
        <DataTable label="Expectations" columns={expectationColumns} rows={run.expectations} rowKey={(expectation) => expectation.id} empty="No expectations." />
        <DataTable label="Acks" columns={ackColumns} rows={run.acks} rowKey={(ack) => ack.id} empty="No acks yet." />
      </div>
    </Section>
  );
}
