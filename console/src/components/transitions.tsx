// A history of transitions (contracts, jobs, runs): from and to, who, when and why, oldest first.
import type { Column } from './data-table';
import { TableSection } from './details';
import { Instant } from './time';

/** One recorded transition. */
export interface TransitionRow {
  fromStatus: string;
  toStatus: string;
  actor: string;
  at: string;
  reason: string;
}

const columns: readonly Column<TransitionRow>[] = [
  { header: 'From', cell: (transition) => transition.fromStatus },
  { header: 'To', cell: (transition) => <strong>{transition.toStatus}</strong> },
  { header: 'Actor', cell: (transition) => transition.actor },
  { header: 'Time', cell: (transition) => <Instant at={transition.at} /> },
  { header: 'Reason', cell: (transition) => transition.reason },
];

/** The history as a section with its table. */
export function TransitionHistory({ title, label, transitions }: { title: string; label: string; transitions: readonly TransitionRow[] }) {
  return (
    <TableSection
      title={title}
      label={label}
      columns={columns}
      rows={transitions}
      rowKey={(transition) => `${transition.at}:${transition.fromStatus}:${transition.toStatus}`}
      empty="No transitions recorded."
    />
  );
}
