// A list as a table that works from the keyboard: Tab reaches each row's link or button, ↑ and ↓
// move between rows, Home and End jump to the first and last, Enter opens. Rows are keyed by id,
// so a live update re-renders a row in place and keeps focus where it was.
import type { KeyboardEvent, ReactNode } from 'react';

/** One column: its header and how a row fills its cell. */
export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
  className?: string;
}

interface DataTableProps<T> {
  /** The accessible name of the table, e.g. "Jobs". */
  label: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
  rowClassName?(row: T): string | undefined;
  /** What to say when there are no rows. */
  empty: string;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input, select, textarea';

function moveFocus(event: KeyboardEvent<HTMLTableSectionElement>): void {
  const target = event.target as HTMLElement;
  const row = target.closest('tr');
  if (!row || target.matches('input, select, textarea')) return;
  const rows = Array.from(event.currentTarget.rows);
  const index = rows.indexOf(row);
  const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 }[event.key];
  if (next === undefined || next < 0 || next >= rows.length) return;
  const focusable = rows[next].querySelector<HTMLElement>(FOCUSABLE);
  if (!focusable) return;
  event.preventDefault();
  focusable.focus();
}

/** Renders the rows, or the empty message. */
export function DataTable<T>({ label, columns, rows, rowKey, rowClassName, empty }: DataTableProps<T>) {
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={moveFocus}>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className={rowClassName?.(row)}>
                {columns.map((column) => (
                  <td key={column.header} className={column.className}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
