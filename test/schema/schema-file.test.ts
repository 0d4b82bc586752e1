// The committed schema.graphql is the schema the server builds, and that schema keeps every name and
// type signature of the design's api-sketch.graphql (we may add to the sketch, never rename or reshape).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGovernanceSchema } from '../../src/schema/build-schema.js';
import { printGovernanceSchema } from '../../src/schema/print-schema.js';

const repoRoot = path.resolve(__dirname, '../..');
const committedSchemaPath = path.resolve(repoRoot, 'schema.graphql');
/** The design sits beside the repository (in CI, shared/ is copied next to the clone). */
const sketchPath = path.resolve(repoRoot, '../shared/design/api-sketch.graphql');
const sketchMissing = !existsSync(sketchPath);
/** A test title that says why the test was skipped when the sketch is not beside the repository. */
const sketchTitle = (title: string) => (sketchMissing ? `${title} (skipped: ${sketchPath} not found)` : title);

/** The sketch's contract surface: the issue that built contracts must serve all of it. */
const CONTRACT_TYPES = [
  'Node', 'PageInfo', 'DateTime', 'JSON',
  'ContractStatus', 'ContractSource', 'RiskLevel', 'EligibilityDecision', 'AuditVerdict', 'ChangeType',
  'ProposedChange', 'Transition', 'Contract', 'ContractEdge', 'ContractConnection',
  'ProposedChangeInput', 'ValidatorVerdictInput', 'EligibilityVerdictInput', 'CreateContractInput',
  'ApproveContractInput', 'ContractFilter',
];
const CONTRACT_OPERATIONS = {
  Query: ['node', 'contract', 'contracts'],
  Mutation: ['createContract', 'approveContract', 'rejectContract'],
};

describe('schema.graphql', () => {
  it('is the schema the server builds', async () => {
    const committed = readFileSync(committedSchemaPath, 'utf8');
    expect(await printGovernanceSchema(), 'schema.graphql is stale: run npm run schema').toBe(committed);
  });
});

describe('the served schema against the design sketch', () => {
  let served: GraphQLSchema;
  let sketch: GraphQLSchema;
  beforeAll(async () => {
    served = await buildGovernanceSchema();
    if (!sketchMissing) sketch = buildSchema(readFileSync(sketchPath, 'utf8'));
  });

  it.skipIf(sketchMissing)(sketchTitle("keeps the sketch's signature for every type, field and argument both have"), () => {
    const problems = sketchTypes(sketch).flatMap((sketchType) => {
      const servedType = served.getType(sketchType.name);
      return servedType ? signatureProblems(sketchType, servedType) : []; // arrives with a later issue
    });
    expect(problems, 'served schema differs from api-sketch.graphql').toEqual([]);
  });

  it.skipIf(sketchMissing)(sketchTitle('serves every contract type, field and operation of the sketch'), () => {
    const missing: string[] = [];
    for (const name of CONTRACT_TYPES) {
      const sketchType = sketch.getType(name);
      const servedType = served.getType(name);
      if (!sketchType) throw new Error(`api-sketch.graphql no longer defines ${name}: update CONTRACT_TYPES`);
      if (!servedType) missing.push(name);
      else missing.push(...missingFields(sketchType, servedType));
    }
    for (const [root, fields] of Object.entries(CONTRACT_OPERATIONS)) {
      const servedRoot = served.getType(root);
      for (const field of fields) {
        if (!isObjectType(servedRoot) || !servedRoot.getFields()[field]) missing.push(`${root}.${field}`);
      }
    }
    expect(missing, 'contract part of api-sketch.graphql not served').toEqual([]);
  });

  /** Fields of `sketchType` the served type lacks, unless their type itself is not served yet (e.g. Contract.job). */
  function missingFields(sketchType: GraphQLNamedType, servedType: GraphQLNamedType): string[] {
    const servedFields = fieldsOf(servedType);
    return Object.values(fieldsOf(sketchType))
      .filter((field) => !servedFields[field.name] && served.getType(getNamedType(field.type).name))
      .map((field) => `${sketchType.name}.${field.name}`);
  }
});

type AnyField = { name: string; type: GraphQLType; args?: readonly GraphQLArgument[] };

/** The sketch's own named types (not introspection types, not built-in scalars). */
function sketchTypes(schema: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__') && !isSpecifiedScalarType(type));
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object type';
  if (isInterfaceType(type)) return 'interface';
  if (isInputObjectType(type)) return 'input type';
  if (isEnumType(type)) return 'enum';
  if (isUnionType(type)) return 'union';
  if (isScalarType(type)) return 'scalar';
  return 'unknown kind';
}

function fieldsOf(type: GraphQLNamedType): Record<string, AnyField> {
  return isObjectType(type) || isInterfaceType(type) || isInputObjectType(type) ? type.getFields() : {};
}

/** How `served` departs from `sketch` for one type both define; empty when compatible. */
function signatureProblems(sketch: GraphQLNamedType, served: GraphQLNamedType): string[] {
  const name = sketch.name;
  if (kindOf(sketch) !== kindOf(served)) return [`${name}: sketch has ${kindOf(sketch)}, served ${kindOf(served)}`];
  const problems: string[] = [];
  if (isEnumType(sketch) && isEnumType(served)) {
    const servedValues = new Set(served.getValues().map((value) => value.name));
    for (const value of sketch.getValues()) {
      if (!servedValues.has(value.name)) problems.push(`${name}.${value.name}: enum value not served`);
    }
  }
  if ((isObjectType(sketch) || isInterfaceType(sketch)) && (isObjectType(served) || isInterfaceType(served))) {
    const servedInterfaces = new Set(served.getInterfaces().map((iface) => iface.name));
    for (const iface of sketch.getInterfaces()) {
      if (!servedInterfaces.has(iface.name)) problems.push(`${name}: does not implement ${iface.name}`);
    }
  }
  const servedFields = fieldsOf(served);
  for (const field of Object.values(fieldsOf(sketch))) {
    const servedField = servedFields[field.name];
    // An output field may arrive later; an input field the sketch's clients send must be accepted now.
    if (!servedField) {
      if (isInputObjectType(sketch)) problems.push(`${name}.${field.name}: input field not served`);
      continue;
    }
    if (String(servedField.type) !== String(field.type)) {
      problems.push(`${name}.${field.name}: sketch has ${String(field.type)}, served ${String(servedField.type)}`);
    }
    problems.push(...argumentProblems(`${name}.${field.name}`, field.args ?? [], servedField.args ?? []));
  }
  if (isInputObjectType(served)) {
    problems.push(...requiredAdditions(name, Object.values(fieldsOf(sketch)), Object.values(served.getFields())));
  }
  return problems;
}

function argumentProblems(field: string, sketchArgs: readonly GraphQLArgument[], servedArgs: readonly GraphQLArgument[]): string[] {
  const problems: string[] = [];
  for (const arg of sketchArgs) {
    const servedArg = servedArgs.find((candidate) => candidate.name === arg.name);
    if (!servedArg) problems.push(`${field}(${arg.name}:): argument not served`);
    else if (String(servedArg.type) !== String(arg.type)) {
      problems.push(`${field}(${arg.name}:): sketch has ${String(arg.type)}, served ${String(servedArg.type)}`);
    }
  }
  return [...problems, ...requiredAdditions(field, sketchArgs, servedArgs)];
}

/** Arguments or input fields we added must be optional, or the sketch's clients' calls would fail. */
function requiredAdditions(
  owner: string,
  sketchInputs: readonly AnyField[],
  servedInputs: readonly (GraphQLArgument | GraphQLInputField)[],
): string[] {
  const known = new Set(sketchInputs.map((input) => input.name));
  return servedInputs
    .filter((input) => !known.has(input.name) && isNonNullType(input.type) && input.defaultValue === undefined)
    .map((input) => `${owner}: added ${input.name} is required (${String(input.type)}); additions must be optional`);
}
