// Engine: shape validation of proposed changes per kind (C6). Each kind names its required and
// optional fields; anything else on a change is refused, so a stored change always fits its kind.

/** The kinds of change a contract may propose. */
export const ChangeTypes = ['CAPABILITY_ENABLE', 'CAPABILITY_DISABLE', 'CONFIGURATION_UPDATE', 'PARAMETER_CHANGE'] as const;

/** One change kind. */
export type ChangeType = (typeof ChangeTypes)[number];

/** Lifecycles a capability may be enabled into. */
export const TargetLifecycles = ['PREVIEW', 'LAUNCHED', 'DEPRECATED'] as const;

type ChangeField = 'capabilityName' | 'targetLifecycle' | 'reason' | 'scope' | 'key' | 'oldValue' | 'newValue' | 'parameters';

/** A proposed change: its kind, and the fields that kind uses (every field optional but the type). */
export type ProposedChange = { type: ChangeType } & { [F in ChangeField]?: unknown };

interface KindShape {
  required: readonly ChangeField[];
  optional: readonly ChangeField[];
}

const shapes: Record<ChangeType, KindShape> = {
  CAPABILITY_ENABLE: { required: ['capabilityName', 'targetLifecycle'], optional: [] },
  CAPABILITY_DISABLE: { required: ['capabilityName', 'reason'], optional: [] },
  CONFIGURATION_UPDATE: { required: ['scope', 'key', 'newValue'], optional: ['oldValue'] },
  PARAMETER_CHANGE: { required: ['scope', 'parameters'], optional: [] },
};

const textFields: readonly ChangeField[] = ['capabilityName', 'targetLifecycle', 'reason', 'scope', 'key'];
const allFields: readonly ChangeField[] = ['capabilityName', 'targetLifecycle', 'reason', 'scope', 'key', 'oldValue', 'newValue', 'parameters'];

/** Lists every shape problem of one change, each prefixed with its position. */
export function proposedChangeProblems(change: ProposedChange, index: number): string[] {
  const at = `proposedChanges[${index}] (${change.type})`;
  const shape = shapes[change.type];
  if (!shape) return [`${at}: unknown change type`];
  const problems: string[] = [];
  for (const field of allFields) {
    const present = change[field] !== undefined && change[field] !== null;
    const allowed = shape.required.includes(field) || shape.optional.includes(field);
    if (!allowed && present) problems.push(`${at}: field ${field} does not belong to this kind`);
    if (shape.required.includes(field) && !present) problems.push(`${at}: ${field} is required`);
    if (present && textFields.includes(field) && !isNonBlankText(change[field])) problems.push(`${at}: ${field} must be a non-blank string`);
  }
  if (change.type === 'CAPABILITY_ENABLE' && isNonBlankText(change.targetLifecycle) && !(TargetLifecycles as readonly string[]).includes(change.targetLifecycle)) {
    problems.push(`${at}: targetLifecycle must be one of ${TargetLifecycles.join(', ')}`);
  }
  if (change.type === 'PARAMETER_CHANGE' && change.parameters != null && !isNonEmptyObject(change.parameters)) {
    problems.push(`${at}: parameters must be a non-empty object`);
  }
  return problems;
}

/** Keeps only the fields of the change's kind (call after validation). */
export function normaliseProposedChange(change: ProposedChange): ProposedChange {
  const shape = shapes[change.type];
  const normalised: ProposedChange = { type: change.type };
  for (const field of [...shape.required, ...shape.optional]) {
    if (change[field] !== undefined && change[field] !== null) normalised[field] = change[field];
  }
  return normalised;
}

function isNonBlankText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function isNonEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;
}
