// Driver helpers: the statements every command and nested read sends — INSERT rows of an entity, lock
// one of a tenant's rows by id, read a tenant's rows by a key — as plain SQL. Columns and value
// conversion come from TypeORM's metadata and driver; the text is joined directly instead of by the
// query builder, whose machinery cost ~0.1 ms of CPU per statement on every hot path (measured).
import { prepared } from '../../database/prepared-statements.js';
import type { EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { UnitOfWork } from '../unit-of-work.js';

type Session = Pick<UnitOfWork, 'manager'>;

/** Inserts `rows` (one statement); a column no row sets takes its default, as does an unset value. */
export async function insertRows(uow: Session, entity: EntityTarget<ObjectLiteral>, rows: readonly ObjectLiteral[]): Promise<void> {
  if (rows.length === 0) return;
  const { driver } = uow.manager.connection;
  const metadata = uow.manager.connection.getMetadata(entity);
  const columns = metadata.columns.filter((column) => rows.some((row) => column.getEntityValue(row) !== undefined));
  const values: unknown[] = [];
  const placeholder = (column: ColumnMetadata, row: ObjectLiteral): string => {
    const value: unknown = column.getEntityValue(row);
    if (value === undefined) return 'DEFAULT';
    values.push(driver.preparePersistentValue(value, column));
    return `$${values.length}`;
  };
  const tuples = rows.map((row) => `(${columns.map((column) => placeholder(column, row)).join(', ')})`);
  const sql = `INSERT INTO "${metadata.tableName}" (${columnList(columns)}) VALUES ${tuples.join(', ')}`;
  // One row's text is one per entity and column set; a batch's varies with its size.
  await uow.manager.query(rows.length === 1 ? prepared(sql) : sql, values);
}

/** One row of the tenant, locked until commit (FOR UPDATE), with its entity's properties; null when absent. */
export async function lockRow<T extends ObjectLiteral>(uow: Session, entity: EntityTarget<T>, tenantId: string, id: string): Promise<T | null> {
  const metadata = uow.manager.connection.getMetadata(entity);
  const rows = await selectRows<T>(uow, metadata, `WHERE id = $1 AND tenant_id = $2 FOR UPDATE`, [id, tenantId]);
  return rows[0] ?? null;
}

type Order<T> = Partial<Record<keyof T & string, 'ASC' | 'DESC'>>;

/** The tenant's rows whose `key` property is one of `keys`, in `order` (one statement, whatever the count). */
export async function rowsByKeys<T extends ObjectLiteral>(uow: Session, entity: EntityTarget<T>, tenantId: string, key: keyof T & string, keys: readonly string[], order: Order<T> = {}): Promise<T[]> {
  const metadata = uow.manager.connection.getMetadata(entity);
  const column = (property: string) => `"${metadata.findColumnWithPropertyName(property)!.databaseName}"`;
  const sorted = Object.entries(order).map(([property, direction]) => `${column(property)} ${direction}`);
  const orderBy = sorted.length > 0 ? ` ORDER BY ${sorted.join(', ')}` : '';
  return selectRows<T>(uow, metadata, `WHERE tenant_id = $1 AND ${column(key)} = ANY($2)${orderBy}`, [tenantId, [...keys]]);
}

/** Every column of the entity's rows matching `condition`, converted as TypeORM would hydrate them. */
async function selectRows<T>(uow: Session, metadata: EntityMetadata, condition: string, parameters: unknown[]): Promise<T[]> {
  const stored: Record<string, unknown>[] = await uow.manager.query(prepared(`SELECT ${columnList(metadata.columns)} FROM "${metadata.tableName}" ${condition}`), parameters);
  return hydrate(uow, metadata, stored);
}

/** Rows of the entity read as JSON objects keyed by column name (`to_jsonb(row)` in a statement that
 * reads more than this entity), converted as TypeORM would hydrate them. */
export function rowsFromJson<T extends ObjectLiteral>(uow: Session, entity: EntityTarget<T>, stored: readonly Record<string, unknown>[]): T[] {
  return hydrate(uow, uow.manager.connection.getMetadata(entity), stored);
}

function hydrate<T>(uow: Session, metadata: EntityMetadata, stored: readonly Record<string, unknown>[]): T[] {
  const { driver } = uow.manager.connection;
  return stored.map((values) => {
    const row: ObjectLiteral = {};
    for (const column of metadata.columns) column.setEntityValue(row, driver.prepareHydratedValue(values[column.databaseName], column));
    return row as T;
  });
}

function columnList(columns: readonly ColumnMetadata[]): string {
  return columns.map((column) => `"${column.databaseName}"`).join(', ');
}
