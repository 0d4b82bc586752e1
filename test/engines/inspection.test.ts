// Unit tests of the inspection engine (DOMAIN.md §5): everything denied until granted, each flag
// allowing exactly its operation, duplicates counted once, unknown operations denied, and the
// violation each denied operation yields.
import { describe, expect, it } from 'vitest';
import { checkInspection, InspectionConstraints, RestrictiveCapabilities, type InspectionCapabilities, type InspectionOperation } from '../../src/runtime/engines/inspection.js';

const everyOperation = Object.keys(InspectionConstraints) as InspectionOperation[];
const granting = (...fields: (keyof InspectionCapabilities)[]): InspectionCapabilities => ({
  ...RestrictiveCapabilities,
  ...Object.fromEntries(fields.map((field) => [field, true])),
});

describe('inspection engine', () => {
  it('maps each operation to its constraint field', () => {
    expect(InspectionConstraints).toEqual({
      LOG_PROMPT: 'allowPromptLogging',
      LOG_RESPONSE: 'allowResponseLogging',
      CAPTURE_PII: 'allowPiiCapture',
      ACCESS_SECRET: 'allowSecretAccess',
    });
  });

  it.each([
    { why: 'no configuration', capabilities: null },
    { why: 'the restrictive defaults', capabilities: RestrictiveCapabilities },
  ])('denies every operation under $why', ({ capabilities }) => {
    const result = checkInspection('p', capabilities, everyOperation);
    expect(result.allowed).toEqual([]);
    expect(result.denied).toEqual(everyOperation);
    expect(result.violations.map((violation) => violation.operation)).toEqual(everyOperation);
  });

  it.each(everyOperation.map((operation) => ({ operation, field: InspectionConstraints[operation] })))('$field alone allows exactly $operation', ({ operation, field }) => {
    const result = checkInspection('p', granting(field), everyOperation);
    expect(result.allowed).toEqual([operation]);
    expect(result.denied).toEqual(everyOperation.filter((other) => other !== operation));
    expect(result.violations.map((violation) => violation.constraintField)).toEqual(everyOperation.filter((other) => other !== operation).map((other) => InspectionConstraints[other]));
  });

  it('allows every operation when every flag is granted', () => {
    const result = checkInspection('p', granting(...Object.values(InspectionConstraints)), everyOperation);
    expect(result).toEqual({ allowed: everyOperation, denied: [], violations: [] });
  });

  it.each([
    { policy: 'compliance-sensitive', granted: [], allowed: [], denied: ['LOG_PROMPT', 'LOG_RESPONSE', 'CAPTURE_PII', 'ACCESS_SECRET'] },
    { policy: 'full-audit', granted: ['allowPromptLogging', 'allowResponseLogging'], allowed: ['LOG_PROMPT', 'LOG_RESPONSE'], denied: ['CAPTURE_PII', 'ACCESS_SECRET'] },
    { policy: 'minimal-logging', granted: ['allowResponseLogging'], allowed: ['LOG_RESPONSE'], denied: ['LOG_PROMPT', 'CAPTURE_PII', 'ACCESS_SECRET'] },
  ] as const)('$policy allows $allowed and denies $denied', ({ policy, granted, allowed, denied }) => {
    const result = checkInspection(policy, granting(...granted), everyOperation);
    expect(result.allowed).toEqual(allowed);
    expect(result.denied).toEqual(denied);
  });

  it('counts a duplicated operation once, in first-seen order', () => {
    const result = checkInspection('p', granting('allowResponseLogging'), ['ACCESS_SECRET', 'LOG_RESPONSE', 'ACCESS_SECRET', 'LOG_RESPONSE', 'ACCESS_SECRET']);
    expect(result.allowed).toEqual(['LOG_RESPONSE']);
    expect(result.denied).toEqual(['ACCESS_SECRET']);
    expect(result.violations).toHaveLength(1);
  });

  it('answers an empty list with an empty answer', () => {
    expect(checkInspection('p', granting(...Object.values(InspectionConstraints)), [])).toEqual({ allowed: [], denied: [], violations: [] });
    expect(checkInspection('p', null, [])).toEqual({ allowed: [], denied: [], violations: [] });
  });

  it('denies an unknown operation even when every flag is granted', () => {
    const result = checkInspection('p', granting(...Object.values(InspectionConstraints)), ['DELETE_LOGS', 'LOG_PROMPT']);
    expect(result.allowed).toEqual(['LOG_PROMPT']);
    expect(result.denied).toEqual(['DELETE_LOGS']);
    expect(result.violations).toEqual([
      { operation: 'DELETE_LOGS', constraintField: 'unknownOperation', constraintValue: false, message: 'DELETE_LOGS is not a known inspection operation and is denied' },
    ]);
  });

  it.each(everyOperation.map((operation) => ({ operation, field: InspectionConstraints[operation] })))('a denied $operation names the operation, $field, its value and the policy', ({ operation, field }) => {
    const [violation] = checkInspection('policy-42', null, [operation]).violations;
    expect(violation).toEqual({ operation, constraintField: field, constraintValue: false, message: `${operation} is denied by policy policy-42: ${field} is false` });
  });
});
