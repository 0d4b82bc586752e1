// Driver helper: the columns of an entity that a read's field selection needs — as a select list named
// by record property, or as a JSON object that nests the row in its parent's statement — so a page
// read sends only what it returns and its rows arrive as records, without entity hydration.
import type { EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { FieldSelection } from '../field-selection.js';

/** Properties a computed field reads (e.g. a job's `progress` from its step counters). */
export type DerivedFields = Readonly<Record<string, readonly string[]>>;

/** The columns selected `fields` name (directly or through `derived`), plus the `always` properties. */
export function selectedColumns(metadata: EntityMetadata, fields: FieldSelection | null, always: readonly string[], derived: DerivedFields = {}): ColumnMetadata[] {
  if (!fields) return metadata.columns;
  const wanted = new Set(always);
  for (const field of Object.keys(fields)) {
    wanted.add(field);
    for (const property of derived[field] ?? []) wanted.add(property);
  }
  return metadata.columns.filter((column) => wanted.has(column.propertyName));
}

/** `alias."column" AS "property", …`: rows come back keyed as records. */
export function columnsAs(alias: string, columns: readonly ColumnMetadata[]): string {
  return columns.map((column) => `${alias}."${column.databaseName}" AS "${column.propertyName}"`).join(', ');
}

/** `json_build_object('property', alias."column", …)`: one row as a record-shaped JSON object. */
export function jsonObjectOf(alias: string, columns: readonly ColumnMetadata[]): string {
  const pairs = columns.map((column) => `'${column.propertyName}', ${alias}."${column.databaseName}"${column.type === 'bigint' ? '::text' : ''}`);
  return `json_build_object(${pairs.join(', ')})`;
}

/** JSON carries instants as text: turns the timestamp properties of nested rows back into Dates. */
export function reviveInstants<T extends object>(rows: readonly T[], columns: readonly ColumnMetadata[]): T[] {
  const instants = columns.filter((column) => column.type === 'timestamptz').map((column) => column.propertyName);
  if (instants.length === 0) return rows as T[];
  for (const row of rows as Record<string, unknown>[]) {
    for (const property of instants) {
      const value = row[property];
      if (typeof value === 'string') row[property] = new Date(value);
    }
  }
  return rows as T[];
}
