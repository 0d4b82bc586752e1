// Detail building blocks: labelled facts (a description list), free-form JSON as readable text, and
// titled sections of a detail page (one holding a table).
import type { ReactNode } from 'react';
import { DataTable, type Column } from './data-table';

/** Facts as label/value pairs; empty values show as "—". */
export function Facts({ items }: { items: readonly [label: string, value: ReactNode][] }) {
  return (
    <dl className="facts">
      {items.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? <span className="muted">—</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Any JSON value, pretty-printed; nothing at all shows as "—". */
export function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value !== 'object') return <code>{String(value)}</code>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

/** An object's fields as facts, with camelCase keys written as words ("recommendedAction" → "Recommended action"). */
export function ObjectFacts({ value }: { value: unknown }) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return <Json value={value} />;
  const items = Object.entries(value as Record<string, unknown>).map(([key, field]): [string, ReactNode] => [
    wordsOf(key),
    field !== null && typeof field === 'object' ? <Json value={field} /> : field === undefined || field === null ? null : String(field),
  ]);
  return <Facts items={items} />;
}

function wordsOf(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A section of a detail page with its heading (h2). */
export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className="section" aria-labelledby={id}>
      <div className="section-heading">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

interface TableSectionProps<T> {
  title: string;
  /** The table's accessible name (defaults to the title). */
  label?: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
  empty: string;
}

/** A section whose content is one table. */
export function TableSection<T>({ title, label, ...table }: TableSectionProps<T>) {
  return (
    <Section title={title}>
      <DataTable label={label ?? title} {...table} />
    </Section>
  );
}
