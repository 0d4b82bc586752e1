// Apollo plugin: a query's page fields whose shape PostgreSQL can build are answered with the JSON
// it builds — the field's selection (fragments, aliases, @skip/@include resolved by graphql-js's own
// field collection) compiled to one statement, its text spliced into the response unparsed — and the
// operation's other root fields executed by graphql-js. Anything else (a shape or a field the
// compiler does not know, a role without the permission, any error) is left to graphql-js, which
// answers the whole operation as it always does, errors included: a compiled answer never carries
// one. `GRAPHQL_COMPILED_READS=false` turns it off.
import type { ApolloServerPlugin, GraphQLResponse, GraphQLRequestContextResponseForOperation } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import {
  execute,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isLeafType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FormattedExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLOutputType,
  type OperationDefinitionNode,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { GraphQLContext } from '../resolvers/context.js';
import type { ResponseShape } from '../runtime/field-selection.js';
import type { GovernanceRuntime } from '../runtime/governance-runtime.js';
import type { RequestContext } from '../runtime/request-context.js';
import { roleHolds, type Permission } from '../runtime/roles.js';
import { collectFields, type CollectionScope } from './field-collection.js';
import type { CompiledReadOutcome } from './metrics.js';

/** A root field answered from JSON PostgreSQL builds: its read. */
interface CompiledRead {
  read(runtime: GovernanceRuntime, ctx: RequestContext, args: Record<string, unknown>, shape: ResponseShape): Promise<string | null>;
}

/** The root fields compiled. */
const compiledReads: Readonly<Record<string, CompiledRead>> = {
  jobs: { read: (runtime, ctx, args, shape) => runtime.jobsAsJson(ctx, args, shape) },
};

/**
 * The permissions a root query field's resolver declares with `@Authorized` (type-graphql's metadata,
 * completed when the schema is built): the one statement of who may read it, for both paths. Null
 * when it declares nothing, so the field is left to graphql-js.
 */
function declaredPermissions(fieldName: string): readonly Permission[] | null {
  const roles: unknown[] | undefined = getMetadataStorage().queries.find((query) => query.schemaName === fieldName)?.roles;
  return roles ? (roles as Permission[]) : null;
}

/** A response value that is already JSON text (a compiled field's answer). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Apollo's `stringifyResult`: JSON.stringify, with compiled fields' text spliced in as it came. */
export function stringifyResult(result: FormattedExecutionResult): string {
  const members = Object.entries(result)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${JSON.stringify(name)}:${name === 'data' && value !== null ? dataJson(value as Record<string, unknown>) : JSON.stringify(value)}`);
  return `{${members.join(',')}}\n`;
}

function dataJson(data: Record<string, unknown>): string {
  const members = Object.entries(data).map(([key, value]) => `${JSON.stringify(key)}:${value instanceof RawJson ? value.text : JSON.stringify(value)}`);
  return `{${members.join(',')}}`;
}

/** The plugin; `count` records how each compilable field was answered. */
export function compiledReadsPlugin(count: (field: string, outcome: CompiledReadOutcome) => void): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation(requestContext) {
          const plan = planOrNull(requestContext);
          if (!plan) return null;
          const response = await answer(requestContext, plan).catch(() => null);
          for (const name of plan.fieldNames) count(name, response ? 'compiled' : 'executed');
          return response;
        },
      };
    },
  };
}

type RequestContextOf = GraphQLRequestContextResponseForOperation<GraphQLContext>;

/** What a query compiles to: its compiled root fields' reads (by response key), the rest, and the root order. */
interface Plan {
  reads: Map<string, () => Promise<string | null>>;
  fieldNames: string[];
  /** The operation without its compiled fields, or null when nothing else is selected. */
  rest: DocumentNode | null;
  keys: string[];
}

function planOrNull(requestContext: RequestContextOf): Plan | null {
  try {
    return planOf(requestContext);
  } catch {
    return null; // arguments graphql-js would refuse: it answers with the error
  }
}

function planOf({ schema, document, operation, request, contextValue }: RequestContextOf): Plan | null {
  const session = contextValue.session;
  const queryType = schema.getQueryType();
  if (operation.operation !== 'query' || !session || !queryType) return null;
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (variables.errors) return null;
  const fragments = fragmentsOf(document);
  const scope: CollectionScope = { schema, fragments, variables: variables.coerced };
  const rootFields = collectFields(scope, queryType, [operation.selectionSet]);
  const reads = new Map<string, () => Promise<string | null>>();
  const fieldNames: string[] = [];
  for (const [key, nodes] of rootFields) {
    const name = nodes[0].name.value;
    const compiled = Object.hasOwn(compiledReads, name) ? compiledReads[name] : undefined;
    if (!compiled) continue;
    fieldNames.push(name);
    const field = queryType.getFields()[name];
    const shape = shapeOf(scope, field.type, nodes);
    const permissions = declaredPermissions(name);
    if (!shape || !permissions?.every((permission) => roleHolds(session.request.principal.role, permission))) continue;
    const args = getArgumentValues(field, nodes[0], variables.coerced);
    reads.set(key, () => compiled.read(contextValue.runtime, session.request, args, shape));
  }
  if (fieldNames.length === 0) return null;
  const rest = operation.selectionSet.selections.filter((selection) => selection.kind !== Kind.FIELD || !reads.has(responseKeyOf(selection)));
  // A compiled field reached through a root fragment cannot be left out of the rest: not compiled.
  if (reads.size === 0 || rest.some((selection) => selection.kind !== Kind.FIELD)) return { reads: new Map(), fieldNames, rest: null, keys: [] };
  const restOperation: OperationDefinitionNode = { ...operation, selectionSet: { ...operation.selectionSet, selections: rest } };
  return {
    reads,
    fieldNames,
    rest: rest.length === 0 ? null : { kind: Kind.DOCUMENT, definitions: [restOperation, ...Object.values(fragments)] },
    keys: [...rootFields.keys()],
  };
}

/** The compiled response, or null (graphql-js answers) when a read declines or anything fails. */
async function answer({ schema, request, contextValue }: RequestContextOf, plan: Plan): Promise<GraphQLResponse | null> {
  if (plan.reads.size === 0) return null;
  const keys = [...plan.reads.keys()];
  const [texts, rest] = await Promise.all([
    Promise.all(keys.map((key) => plan.reads.get(key)!())),
    plan.rest ? execute({ schema, document: plan.rest, variableValues: request.variables, contextValue }) : { data: {} },
  ]);
  if (texts.some((text) => text === null) || rest.errors?.length || !rest.data) return null;
  const compiled = new Map(keys.map((key, index) => [key, new RawJson(texts[index]!)]));
  const data = Object.fromEntries(plan.keys.map((key) => [key, compiled.get(key) ?? rest.data![key]]));
  return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
}

/**
 * The response shape of fields (`nodes`, all with one response key) of `type`: its keys in order,
 * as graphql-js collects them; null for anything but object and leaf types, fields taking arguments
 * and directives other than @skip and @include.
 */
function shapeOf(scope: CollectionScope, type: GraphQLOutputType, nodes: readonly FieldNode[]): ResponseShape | null {
  const named = getNamedType(type);
  if (isLeafType(named)) return [];
  if (!isObjectType(named)) return null;
  const shape: ResponseShape[number][] = [];
  for (const [key, fieldNodes] of collectFields(scope, named, nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])))) {
    const name = fieldNodes[0].name.value;
    if (name === '__typename') {
      shape.push({ key, constant: named.name });
      continue;
    }
    const field = named.getFields()[name];
    if (!field || field.args.length > 0 || fieldNodes.some((node) => node.directives?.some((directive) => directive.name.value !== 'skip' && directive.name.value !== 'include'))) return null;
    const fieldShape = shapeOf(scope, field.type, fieldNodes);
    if (!fieldShape) return null;
    shape.push({ key, field: name, shape: fieldShape });
  }
  return shape;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}

function responseKeyOf(field: FieldNode): string {
  return field.alias?.value ?? field.name.value;
}
