// Engine: inspection constraints (DOMAIN.md §5) — which operations a policy's negative capabilities
// allow. Everything is denied until granted; an unknown operation is denied; each denied operation
// yields one violation naming the operation and the constraint that denies it.

/** Operations a worker reports before doing them, and the constraint that governs each. */
export const InspectionConstraints = {
  LOG_PROMPT: 'allowPromptLogging',
  LOG_RESPONSE: 'allowResponseLogging',
  CAPTURE_PII: 'allowPiiCapture',
  ACCESS_SECRET: 'allowSecretAccess',
} as const;

/** One inspection operation. */
export type InspectionOperation = keyof typeof InspectionConstraints;

/** Kinds of violation: a denied inspection operation, or a run's phase/status outside the invariant. */
export const ViolationKinds = ['INSPECTION_CONSTRAINT', 'PHASE_STATUS_INVARIANT'] as const;
/** One kind of violation. */
export type ViolationKind = (typeof ViolationKinds)[number];

/** The negative capabilities of a policy. */
export type InspectionCapabilities = Record<(typeof InspectionConstraints)[InspectionOperation], boolean>;

/** A policy with no configuration, or a field never granted: denied. */
export const RestrictiveCapabilities: InspectionCapabilities = {
  allowPromptLogging: false,
  allowResponseLogging: false,
  allowPiiCapture: false,
  allowSecretAccess: false,
};

/** One denied operation. */
export interface ConstraintViolation {
  operation: string;
  constraintField: string;
  constraintValue: boolean;
  message: string;
}

/** The answer to an inspection check. */
export interface InspectionResult {
  allowed: InspectionOperation[];
  denied: string[];
  violations: ConstraintViolation[];
}

/** Checks operations (duplicates counted once, in first-seen order) against the capabilities. */
export function checkInspection(policyId: string, capabilities: InspectionCapabilities | null, operations: readonly string[]): InspectionResult {
  const granted = capabilities ?? RestrictiveCapabilities;
  const result: InspectionResult = { allowed: [], denied: [], violations: [] };
  for (const operation of [...new Set(operations)]) {
    const field = InspectionConstraints[operation as InspectionOperation] as string | undefined;
    if (field && granted[field as keyof InspectionCapabilities]) {
      result.allowed.push(operation as InspectionOperation);
      continue;
    }
    result.denied.push(operation);
    result.violations.push({
      operation,
      constraintField: field ?? 'unknownOperation',
      constraintValue: false,
      message: field
        ? `${operation} is denied by policy ${policyId}: ${field} is false`
        : `${operation} is not a known inspection operation and is denied`,
    });
  }
  return result;
}
