// The query cost model on the real schema, as a table: leaves are free, objects count 1, pages count
// `first` times their selection, nested lists their assumed size; a 100-row console page with its
// nested lists fits the default limit (5,000) and amplification does not.
import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { getIntrospectionQuery, Kind, parse, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { operationCost } from '../../src/http/query-cost.js';
import { buildGovernanceSchema } from '../../src/schema/build-schema.js';

const DEFAULT_MAX_COST = 5000;

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGovernanceSchema();
});

const cases: { name: string; query: string; variables?: Record<string, unknown>; cost: number }[] = [
  { name: "introspection reads no rows: GraphiQL's full introspection query is free", query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }), cost: 0 },
  { name: 'a count is one object', query: '{ contracts { totalCount } }', cost: 1 + 20 * 0 },
  { name: 'a default page of scalars: 20 rows', query: '{ contracts { nodes { id title status } } }', cost: 1 + 20 * (1 + 0) },
  { name: 'first from a literal', query: '{ contracts(first: 100) { nodes { id } } }', cost: 1 + 100 * 1 },
  { name: 'first from a variable', query: 'query ($n: Int) { contracts(first: $n) { nodes { id } } }', variables: { n: 7 }, cost: 1 + 7 * 1 },
  { name: 'pageInfo counts one object per row', query: '{ jobs(first: 10) { pageInfo { hasNextPage } } }', cost: 1 + 10 * 1 },
  {
    name: "the console's Jobs page at 100 rows: contract, step results and transitions",
    query: '{ jobs(first: 100) { totalCount nodes { id contract { id status } stepResults { stepIndex } transitions { toStatus } } } }',
    cost: 1 + 100 * (1 + 1 + 25 + 10),
  },
  { name: 'a listed nested list counts its assumed size', query: '{ contract(id: "c") { proposedChanges { key } } }', cost: 1 + 10 * 1 },
  { name: 'an unlisted list of objects counts 10; lists of leaves are free', query: '{ skills { name keywords } }', cost: 10 * 1 },
  {
    name: 'a page of 100 runs with every nested list',
    query: '{ runs(first: 100) { nodes { violations { id } lessons { id } acks { id } expectations { id } transitions { toStatus } } } }',
    cost: 1 + 100 * (1 + 20 + 5 + 10 + 10 + 10),
  },
  {
    name: 'amplification: three aliased pages of 100 jobs with their step results',
    query: '{ a: jobs(first: 100) { nodes { stepResults { stepIndex } } } b: jobs(first: 100) { nodes { stepResults { stepIndex } } } c: jobs(first: 100) { nodes { stepResults { stepIndex } } } }',
    cost: 3 * (1 + 100 * (1 + 25)),
  },
];

describe('operation cost', () => {
  it.each(cases)('$name: $cost', ({ query, variables, cost }) => {
    expect(operationCost(schema, { document: parse(query), variables })).toBe(cost);
  });

  it('admits the console page and refuses amplification at the default limit', () => {
    const costOf = (prefix: string) => cases.find((row) => row.name.startsWith(prefix))!.cost;
    expect(costOf("the console's Jobs page")).toBeLessThanOrEqual(DEFAULT_MAX_COST);
    expect(costOf('a page of 100 runs')).toBeGreaterThan(DEFAULT_MAX_COST);
    expect(costOf('amplification')).toBeGreaterThan(DEFAULT_MAX_COST);
  });

  it("admits every read of the console at its largest page size (200)", () => {
    const folder = 'console/src/graphql/operations';
    const document = parse(readdirSync(folder).map((file) => readFileSync(`${folder}/${file}`, 'utf8')).join('\n'));
    const operations = document.definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.operation !== 'mutation' && definition.name ? [definition.name.value] : []));
    expect(operations.length).toBeGreaterThan(8);
    for (const operationName of operations) {
      const cost = operationCost(schema, { document, operationName, variables: { first: 200, id: 'x', after: null } });
      expect({ operationName, admitted: cost !== null && cost <= DEFAULT_MAX_COST }).toEqual({ operationName, admitted: true });
    }
  });

  it('leaves an operation whose variables cannot be read to the execution (null)', () => {
    expect(operationCost(schema, { document: parse('query ($n: Int!) { contracts(first: $n) { nodes { id } } }'), variables: { n: 'many' } })).toBeNull();
  });
});
