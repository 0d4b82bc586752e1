// Fuzzing the GraphQL API over HTTP: the schema is read by introspection, and fast-check sends every
// query and mutation field hostile arguments (wrong types, huge and odd strings, nulls, boundary
// numbers and dates, deep JSON, prototype-pollution keys). Each answer must be a success or a typed
// refusal (never HTTP 5xx, never INTERNAL), and a refused request must change no table's row count.
// No vitest here: the test (fixed seed) and the bench (a longer run) both drive it.
import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { tableRowCounts, type RowQuery } from './table-counts.js';

/** The server under fuzz and what the campaign needs of it. */
export interface FuzzTarget {
  /** http://…/graphql */
  url: string;
  /** An admin's key: the furthest any caller gets. */
  key: string;
  database: RowQuery;
  /** Ids of objects that exist, offered among the strings so commands get past NOT_FOUND. */
  knownIds: readonly string[];
}

/** One field and the operation that fuzzes its arguments. */
export interface FuzzedField {
  /** e.g. "Mutation.createRun" */
  name: string;
  document: string;
  variables: fc.Arbitrary<Record<string, unknown>>;
}

/** A broken promise: what was sent and what came back. */
export interface FuzzFinding {
  field: string;
  problem: string;
  variables: unknown;
  status: number;
  body: string;
  seed: number;
}

/** What a campaign did. */
export interface FuzzReport {
  fields: string[];
  requests: number;
  refusals: number;
  findings: FuzzFinding[];
}

/** Error codes that mean the server failed, not the caller. */
const SERVER_FAULTS = new Set(['INTERNAL', 'INTERNAL_SERVER_ERROR']);

/** The served schema, read by introspection over HTTP. */
export async function introspectSchema(url: string, key: string): Promise<GraphQLSchema> {
  const { status, body } = await post(url, key, { query: getIntrospectionQuery() });
  const parsed = JSON.parse(body) as { data?: IntrospectionQuery; errors?: unknown };
  if (status !== 200 || !parsed.data) throw new Error(`introspection failed: ${status} ${body.slice(0, 300)}`);
  return buildClientSchema(parsed.data);
}

/** Every query and mutation field that takes arguments, with an arbitrary of its variables. */
export function fuzzedFields(schema: GraphQLSchema, knownIds: readonly string[]): FuzzedField[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  return roots.flatMap(([operation, root]) =>
    Object.values(root?.getFields() ?? {})
      .filter((field) => field.args.length > 0)
      .map((field) => ({ name: `${root!.name}.${field.name}`, document: documentFor(operation, field), variables: variablesFor(field.args, knownIds) })),
  );
}

/** Runs `runsPerField` fuzzed requests against every field with seed `seed`; collects what broke. */
export async function runFuzzCampaign(target: FuzzTarget, options: { seed: number; runsPerField: number }): Promise<FuzzReport> {
  const fields = fuzzedFields(await introspectSchema(target.url, target.key), target.knownIds);
  const report: FuzzReport = { fields: fields.map((field) => field.name), requests: 0, refusals: 0, findings: [] };
  for (const field of fields) {
    const details = await fc.check(
      fc.asyncProperty(field.variables, async (variables) => {
        const problem = await sendAndJudge(target, field, variables, report);
        if (problem) throw new FuzzProblem(problem.problem, problem.status, problem.body);
      }),
      { seed: options.seed, numRuns: options.runsPerField, endOnFailure: true },
    );
    if (details.failed) {
      const cause = details.errorInstance instanceof FuzzProblem ? details.errorInstance : new FuzzProblem(String(details.errorInstance), 0, '');
      report.findings.push({ field: field.name, problem: cause.message, variables: details.counterexample?.[0], status: cause.status, body: cause.body, seed: details.seed });
    }
  }
  return report;
}

class FuzzProblem extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
  }
}

async function sendAndJudge(target: FuzzTarget, field: FuzzedField, variables: Record<string, unknown>, report: FuzzReport) {
  const before = await tableRowCounts(target.database);
  const { status, body } = await post(target.url, target.key, { query: field.document, variables });
  report.requests += 1;
  const fail = (problem: string) => ({ problem, status, body: body.slice(0, 2000) });
  if (status >= 500) return fail(`HTTP ${status}`);
  let parsed: { errors?: { extensions?: { code?: unknown } }[] };
  try {
    parsed = JSON.parse(body);
  } catch {
    return status >= 400 ? null : fail(`HTTP ${status} with a body that is not JSON`);
  }
  const codes = (parsed.errors ?? []).map((error) => error.extensions?.code);
  const untyped = codes.find((code) => typeof code !== 'string' || SERVER_FAULTS.has(code));
  if (codes.length > 0 && untyped !== undefined) return fail(`error code ${String(untyped)}`);
  if (codes.length === 0) return null;
  report.refusals += 1;
  const after = await tableRowCounts(target.database);
  const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
  return changed.length > 0 ? fail(`refused (${codes.join(', ')}) but rows changed in ${changed.join(', ')}`) : null;
}

async function post(url: string, key: string, body: unknown): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.text() };
}

function documentFor(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const declarations = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const uses = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${operation} Fuzz(${declarations}) { ${field.name}(${uses})${selection} }`;
}

function variablesFor(args: readonly GraphQLArgument[], knownIds: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(args.map((arg) => [arg.name, valueOf(arg.type, knownIds, 0)]));
  return fc.record(model, { requiredKeys: [] });
}

/** Mostly a value of `type` (so requests get past coercion into the runtime), sometimes anything at all. */
function valueOf(type: GraphQLInputType, knownIds: readonly string[], depth: number): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 5, arbitrary: typedValueOf(type, knownIds, depth) }, { weight: 1, arbitrary: hostileValue() });
}

function typedValueOf(type: GraphQLInputType, knownIds: readonly string[], depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return typedValueOf(type.ofType, knownIds, depth);
  if (depth > 4) return fc.constant(null);
  if (isListType(type)) return fc.oneof(fc.array(valueOf(type.ofType, knownIds, depth + 1), { maxLength: 4 }), valueOf(type.ofType, knownIds, depth + 1));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const model = Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type, knownIds, depth + 1)]));
    const requiredKeys = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
    return fc.oneof(
      { weight: 4, arbitrary: fc.record(model, { requiredKeys }) },
      { weight: 1, arbitrary: fc.tuple(fc.record(model, { requiredKeys }), pollutingObject()).map(([record, extra]) => ({ ...record, ...extra })) },
    );
  }
  if (isEnumType(type)) return fc.oneof(fc.constantFrom(...type.getValues().map((value) => value.name)), oddString());
  if (isScalarType(type)) return scalarOf(type.name, knownIds);
  return hostileValue();
}

function scalarOf(name: string, knownIds: readonly string[]): fc.Arbitrary<unknown> {
  switch (name) {
    case 'Int':
      return boundaryNumber();
    case 'Float':
      return fc.oneof(boundaryNumber(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'Boolean':
      return fc.boolean();
    case 'DateTime':
      return boundaryDate();
    case 'JSON':
      return fc.oneof(fc.jsonValue({ maxDepth: 4 }), deepJson(), pollutingObject());
    default:
      return knownIds.length > 0 ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...knownIds) }, { weight: 3, arbitrary: oddString() }) : oddString();
  }
}

/** Strings that break careless code: empty, blank, huge, unicode of every plane, NUL, lone surrogates, SQL and path syntax. */
function oddString(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfff', '😀'.repeat(1000), 'é'.repeat(5000), "'; DROP TABLE contracts; --", '../../etc/passwd', '%s%n', '\\u0000', 'null', 'undefined', '__proto__', 'constructor'),
    fc.integer({ min: 10_000, max: 200_000 }).map((length) => 'x'.repeat(length)),
  );
}

function boundaryNumber(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer(),
    fc.constantFrom(0, -1, 1, -2_147_483_648, 2_147_483_647, 2_147_483_648, -2_147_483_649, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1e308, -1e308, 0.5, -0.0),
  );
}

function boundaryDate(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    fc.constantFrom(
      '1970-01-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
      '+275760-09-13T00:00:00.000Z',
      '-271821-04-20T00:00:00.000Z',
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01',
      '2026-01-01T00:00:00+14:00',
      'not a date',
      '',
    ),
    fc.constantFrom(0, -1, 8.64e15, 8.64e15 + 1, -8.64e15),
  );
}

/** JSON nested hundreds of levels deep, as objects or arrays. */
function deepJson(): fc.Arbitrary<unknown> {
  return fc.tuple(fc.integer({ min: 50, max: 3000 }), fc.boolean()).map(([depth, asArrays]) => {
    let value: unknown = 'bottom';
    for (let level = 0; level < depth; level += 1) value = asArrays ? [value] : { nested: value };
    return value;
  });
}

/** An object whose own keys are `__proto__`, `constructor` and `prototype` (JSON keeps them as plain keys). */
function pollutingObject(): fc.Arbitrary<Record<string, unknown>> {
  const payload = { polluted: 'by fuzzing', isAdmin: true, role: 'admin', tenantId: 'someone-else' };
  return fc
    .subarray(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'], { minLength: 1 })
    .map((keys) => Object.fromEntries(keys.map((key) => [key, key === 'constructor' ? { prototype: payload } : payload])));
}

/** Anything at all, whatever the declared type: the wrong-type cases. */
function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(null),
    fc.boolean(),
    boundaryNumber(),
    oddString(),
    boundaryDate(),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    pollutingObject(),
    deepJson(),
  );
}
