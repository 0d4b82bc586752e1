// The `operation` label of request metrics and access-log lines: the root field an operation selects
// (its first, when it selects several), `introspection` for schema reads, else `other`. Only names
// the schema defines can appear, however clients name their operations, so the label set is bounded
// by the schema even for unauthenticated requests.
import { Kind, type OperationDefinitionNode } from 'graphql';

/** The label of anything that is not a validated operation selecting a root field. */
export const OTHER_OPERATION = 'other';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** The label of a validated operation (Apollo sets `operation` only after validation passed). */
export function operationLabel(operation: OperationDefinitionNode | undefined | null): string {
  const field = operation?.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD && selection.name.value !== '__typename');
  if (field?.kind !== Kind.FIELD) return OTHER_OPERATION;
  return INTROSPECTION_FIELDS.has(field.name.value) ? 'introspection' : field.name.value;
}
