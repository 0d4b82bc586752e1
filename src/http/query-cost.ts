// The query cost model: what an operation can really cost is the rows it can make the server read.
// Leaves (scalars, enums) come with their row and cost nothing; every object counts 1 plus its
// selection; a page (a field taking `first`) counts `first` (or the default page size) times its
// selection; a nested list counts its assumed size times its element. So cost multiplies down the
// tree the way GitHub's and Shopify's models do, and an amplifying query (a page of lists of lists)
// is refused while a console page (100 rows with a few nested lists) is admitted. Computed with
// graphql-query-complexity from the document and its variables, before the API key is looked up.
import { getNamedType, getNullableType, isLeafType, isListType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { PageSize } from '../runtime/engines/page-cursor.js';

/**
 * How many elements a nested list is assumed to hold, by `Type.field`: the domain's own bounds
 * where it has one (plan steps), else what a governed object usually gathers. Unlisted lists of
 * objects count {@link DEFAULT_LIST_SIZE}.
 */
export const ASSUMED_LIST_SIZES: Readonly<Record<string, number>> = {
  'Job.steps': 25,
  'Job.stepResults': 25,
  'Plan.steps': 25,
  'Job.transitions': 10,
  'Contract.transitions': 10,
  'Run.transitions': 10,
  'Contract.proposedChanges': 10,
  'Run.acks': 10,
  'Run.expectations': 10,
  'Run.violations': 20,
  'Run.lessons': 5,
};

/** Elements assumed for a nested list of objects not in {@link ASSUMED_LIST_SIZES}. */
export const DEFAULT_LIST_SIZE = 10;

/** The connection lists: their size is the page's `first`, already counted by the page field. */
const PAGE_LISTS = new Set(['nodes', 'edges']);

const rowsEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // Introspection (__schema, __type, __typename) reads the schema, no rows: GraphiQL's full query is free.
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  if (isLeafType(getNamedType(field.type))) return 0;
  if (field.args.some((argument) => argument.name === 'first')) {
    const first = typeof args.first === 'number' ? args.first : PageSize.default;
    return 1 + first * childComplexity;
  }
  if (!isListType(getNullableType(field.type))) return 1 + childComplexity;
  if (PAGE_LISTS.has(field.name)) return 1 + childComplexity;
  const size = ASSUMED_LIST_SIZES[`${type.name}.${field.name}`] ?? DEFAULT_LIST_SIZE;
  return size * (1 + childComplexity);
};

/** An operation to be costed. */
export interface CostedOperation {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * The cost of the operation the request selects; null when its variables cannot be read (the
 * execution refuses those itself, as BAD_USER_INPUT).
 */
export function operationCost(schema: GraphQLSchema, operation: CostedOperation): number | null {
  try {
    return getComplexity({
      schema,
      query: operation.document,
      operationName: operation.operationName ?? undefined,
      variables: operation.variables ?? {},
      estimators: [rowsEstimator],
    });
  } catch {
    return null;
  }
}
