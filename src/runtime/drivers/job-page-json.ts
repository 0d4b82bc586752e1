// Driver: a page of jobs answered as the JSON text of the response itself, built by PostgreSQL in one
// statement — the keys in the requested order under their aliases, instants formatted as the DateTime
// scalar serialises them, cursors encoded as the page engine encodes them — so the server neither
// parses rows nor executes fields. Compiles only what it knows to mean the same as the resolvers
// (columns served as they are stored, the page's nested lists); anything else compiles to null.
import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { ContractEntity, JobEntity, StepResultEntity, TransitionEntity } from '../../entities/index.js';
import type { CursorPosition } from '../engines/page-cursor.js';
import type { ResponseShape } from '../field-selection.js';
import type { Reader } from '../scoped-transactions.js';
import { filterConditions, type JobFilter } from './job-reads.js';

/** One statement and its parameters; its one row's `body` is the answer's JSON text. */
export interface JsonQuery {
  sql: string;
  parameters: unknown[];
}

/** The entities whose columns a page's objects read. */
export interface PageMetadata {
  job: EntityMetadata;
  contract: EntityMetadata;
  stepResult: EntityMetadata;
  transition: EntityMetadata;
}

/** The entities' metadata, from the data source. */
export function pageMetadataOf(dataSource: Pick<DataSource, 'getMetadata'>): PageMetadata {
  const of = (entity: EntityTarget<ObjectLiteral>) => dataSource.getMetadata(entity);
  return { job: of(JobEntity), contract: of(ContractEntity), stepResult: of(StepResultEntity), transition: of(TransitionEntity) };
}

/** `toISOString()`'s format (milliseconds, UTC), as the DateTime scalar and the page cursors write instants. */
const ISO_INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
/** json_build_object takes at most 100 arguments. */
const MAX_KEYS = 50;
const NEWEST_FIRST = 'j.created_at DESC, j.id DESC';

/** An object of one row: the row's alias, its entity, the fields that nest, and fields named otherwise than their property. */
interface RowObject {
  alias: string;
  metadata: EntityMetadata;
  nested?: Readonly<Record<string, (shape: ResponseShape) => string | null>>;
  renamed?: Readonly<Record<string, string>>;
  /** Collects the columns read, for the page's own select list. */
  used?: Set<string>;
}

/** The statement answering `shape` for a page of the tenant's jobs (`size` rows after `after`), or null if it asks for anything not compiled. */
export function jobPageJsonQuery(metadata: PageMetadata, tenantId: string, filter: JobFilter, after: CursorPosition | null, size: number, shape: ResponseShape): JsonQuery | null {
  const { conditions, parameters } = filterConditions(tenantId, filter);
  const parameter = (value: unknown) => `$${parameters.push(value)}`;
  const where = conditions.join(' AND ');
  const keyset = after ? ` AND (j.created_at, j.id) < (${parameter(after.createdAt)}, ${parameter(after.id)})` : '';
  const sizeParameter = parameter(size);
  const used = new Set(['id', 'created_at']);
  const job = jobObject(metadata, used);
  const cursor = cursorOf('j');
  const list = (element: string) => `coalesce((SELECT json_agg(${element} ORDER BY ${NEWEST_FIRST}) FROM shown j), '[]')`;
  const edge = { cursor, node: (s: ResponseShape) => objectOf(job, s) };
  const pageInfo: Record<string, string> = {
    hasNextPage: `((SELECT count(*) FROM page) > ${sizeParameter})`,
    hasPreviousPage: after ? 'true' : 'false',
    startCursor: `(SELECT ${cursor} FROM shown j ORDER BY ${NEWEST_FIRST} LIMIT 1)`,
    endCursor: `(SELECT ${cursor} FROM shown j ORDER BY j.created_at, j.id LIMIT 1)`,
  };
  const connection: Record<string, (shape: ResponseShape) => string | null> = {
    totalCount: (s) => (s.length ? null : `(SELECT count(*) FROM jobs WHERE ${where})`),
    nodes: (s) => nullOr(objectOf(job, s), list),
    edges: (s) => nullOr(objectOfValues(edge, s), list),
    pageInfo: (s) => objectOfValues(pageInfo, s),
  };
  const body = objectOfValues(connection, shape);
  if (body === null) return null;
  const columns = [...used].map((column) => `j."${column}"`).join(', ');
  return {
    sql:
      `WITH page AS MATERIALIZED (SELECT ${columns} FROM jobs j WHERE ${where}${keyset} ORDER BY ${NEWEST_FIRST} LIMIT ${sizeParameter} + 1), ` +
      `shown AS (SELECT * FROM page j ORDER BY ${NEWEST_FIRST} LIMIT ${sizeParameter}) ` +
      `SELECT ${body}::text AS body`,
    parameters,
  };
}

/** Runs a compiled statement in the caller's transaction: the answer's JSON text. */
export async function readJson(reader: Reader, query: JsonQuery): Promise<string> {
  const rows: { body: string }[] = await reader.manager.query(query.sql, query.parameters);
  return rows[0].body;
}

/** A job of the page (alias `j`) with its contract, step results, transitions and progress. */
function jobObject(metadata: PageMetadata, used: Set<string>): RowObject {
  const contract: RowObject = { alias: 'c', metadata: metadata.contract };
  const stepResult: RowObject = { alias: 's', metadata: metadata.stepResult };
  const transition: RowObject = { alias: 't', metadata: metadata.transition };
  const progress: RowObject = { alias: 'j', metadata: metadata.job, used, renamed: { currentStep: 'currentStepIndex' } };
  return {
    alias: 'j',
    metadata: metadata.job,
    used,
    nested: {
      contract: (s) => {
        used.add('contract_id');
        return nullOr(objectOf(contract, s), (object) => `(SELECT ${object} FROM contracts c WHERE c.tenant_id = $1 AND c.id = j.contract_id)`);
      },
      stepResults: (s) => nullOr(objectOf(stepResult, s), (object) => `coalesce((SELECT json_agg(${object} ORDER BY s.step_index) FROM step_results s WHERE s.tenant_id = $1 AND s.job_id = j.id), '[]')`),
      transitions: (s) => nullOr(objectOf(transition, s), (object) => `coalesce((SELECT json_agg(${object} ORDER BY t.id) FROM transitions t WHERE t.tenant_id = $1 AND t.subject_id = j.id), '[]')`),
      progress: (s) => objectOf(progress, s),
      // A list of objects stored as JSON: its elements would need their own shape.
      steps: () => null,
    },
  };
}

/** `json_build_object(…)` of one row for `shape`, or null. */
function objectOf(row: RowObject, shape: ResponseShape): string | null {
  return objectOfValues({}, shape, row);
}

/**
 * `json_build_object(…)` for `shape`: each key from `values` (SQL per field, or a function of the
 * field's own shape), else from the row's nested fields or columns; null when a key is none of them.
 */
function objectOfValues(values: Readonly<Record<string, string | ((shape: ResponseShape) => string | null)>>, shape: ResponseShape, row?: RowObject): string | null {
  if (shape.length === 0 || shape.length > MAX_KEYS) return null;
  const pairs: string[] = [];
  for (const entry of shape) {
    let value: string | null;
    if ('constant' in entry) value = literal(entry.constant);
    else {
      const known = Object.hasOwn(values, entry.field) ? values[entry.field] : undefined;
      if (typeof known === 'string') value = entry.shape.length ? null : known;
      else if (known) value = known(entry.shape);
      else value = row ? fieldOf(row, entry.field, entry.shape) : null;
    }
    if (value === null) return null;
    pairs.push(`${literal(entry.key)}, ${value}`);
  }
  return `json_build_object(${pairs.join(', ')})`;
}

/** A row's field: a nested value, or a column served as stored (instants formatted); null otherwise. */
function fieldOf(row: RowObject, field: string, shape: ResponseShape): string | null {
  const nested = row.nested && Object.hasOwn(row.nested, field) ? row.nested[field] : undefined;
  if (nested) return nested(shape);
  const column = row.metadata.findColumnWithPropertyName(row.renamed?.[field] ?? field);
  if (!column || shape.length > 0 || column.type === 'bigint') return null;
  row.used?.add(column.databaseName);
  const reference = `${row.alias}."${column.databaseName}"`;
  return column.type === 'timestamptz' ? `to_char(${reference} AT TIME ZONE 'UTC', ${ISO_INSTANT})` : reference;
}

/** The page engine's cursor of a row: base64url (unpadded) of `["<createdAt ISO>","<id>"]`. */
function cursorOf(alias: string): string {
  const json = `'["' || to_char(${alias}.created_at AT TIME ZONE 'UTC', ${ISO_INSTANT}) || '","' || ${alias}.id || '"]'`;
  return `rtrim(translate(encode(convert_to(${json}, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;
}

function nullOr(value: string | null, wrap: (value: string) => string): string | null {
  return value === null ? null : wrap(value);
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
