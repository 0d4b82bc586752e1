// Unit tests of C6: each proposed-change kind's shape — valid shapes, missing required fields,
// foreign fields, bad targetLifecycle, empty/array parameters, blank strings — and normalisation.
import { describe, expect, it } from 'vitest';
import { normaliseProposedChange, proposedChangeProblems, type ProposedChange } from '../../src/runtime/engines/proposed-changes.js';

const validChanges: { name: string; change: ProposedChange }[] = [
  { name: 'CAPABILITY_ENABLE into PREVIEW', change: { type: 'CAPABILITY_ENABLE', capabilityName: 'summariser', targetLifecycle: 'PREVIEW' } },
  { name: 'CAPABILITY_ENABLE into LAUNCHED', change: { type: 'CAPABILITY_ENABLE', capabilityName: 'summariser', targetLifecycle: 'LAUNCHED' } },
  { name: 'CAPABILITY_ENABLE into DEPRECATED', change: { type: 'CAPABILITY_ENABLE', capabilityName: 'summariser', targetLifecycle: 'DEPRECATED' } },
  { name: 'CAPABILITY_DISABLE', change: { type: 'CAPABILITY_DISABLE', capabilityName: 'summariser', reason: 'cost spike' } },
  { name: 'CONFIGURATION_UPDATE with oldValue', change: { type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM', key: 'max_tokens', oldValue: 1000, newValue: 2000 } },
  { name: 'CONFIGURATION_UPDATE without oldValue', change: { type: 'CONFIGURATION_UPDATE', scope: 'summariser', key: 'mode', newValue: 'fast' } },
  { name: 'CONFIGURATION_UPDATE with a falsy newValue', change: { type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM', key: 'enabled', newValue: false } },
  { name: 'PARAMETER_CHANGE', change: { type: 'PARAMETER_CHANGE', scope: 'summariser', parameters: { temperature: 0.2 } } },
];

/** Invalid changes and their problems (without the `proposedChanges[0] (KIND): ` prefix). */
const invalidChanges: { name: string; change: ProposedChange; problems: string[] }[] = [
  { name: 'CAPABILITY_ENABLE without fields', change: { type: 'CAPABILITY_ENABLE' }, problems: ['capabilityName is required', 'targetLifecycle is required'] },
  { name: 'CAPABILITY_ENABLE with an unknown lifecycle', change: { type: 'CAPABILITY_ENABLE', capabilityName: 'summariser', targetLifecycle: 'GA' }, problems: ['targetLifecycle must be one of PREVIEW, LAUNCHED, DEPRECATED'] },
  { name: 'CAPABILITY_ENABLE with a lower-case lifecycle', change: { type: 'CAPABILITY_ENABLE', capabilityName: 'summariser', targetLifecycle: 'preview' }, problems: ['targetLifecycle must be one of PREVIEW, LAUNCHED, DEPRECATED'] },
  { name: 'CAPABILITY_ENABLE with a blank name and a foreign reason', change: { type: 'CAPABILITY_ENABLE', capabilityName: '   ', targetLifecycle: 'PREVIEW', reason: 'why not' }, problems: ['capabilityName must be a non-blank string', 'field reason does not belong to this kind'] },
  { name: 'CAPABILITY_DISABLE without a reason', change: { type: 'CAPABILITY_DISABLE', capabilityName: 'summariser' }, problems: ['reason is required'] },
  { name: 'CAPABILITY_DISABLE with a blank reason and a foreign targetLifecycle', change: { type: 'CAPABILITY_DISABLE', capabilityName: 'summariser', reason: '', targetLifecycle: 'PREVIEW' }, problems: ['field targetLifecycle does not belong to this kind', 'reason must be a non-blank string'] },
  { name: 'CONFIGURATION_UPDATE without key and newValue', change: { type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM' }, problems: ['key is required', 'newValue is required'] },
  { name: 'CONFIGURATION_UPDATE with a foreign parameters field', change: { type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM', key: 'k', newValue: 1, parameters: { a: 1 } }, problems: ['field parameters does not belong to this kind'] },
  { name: 'CONFIGURATION_UPDATE with a non-string key', change: { type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM', key: 42, newValue: 1 }, problems: ['key must be a non-blank string'] },
  { name: 'PARAMETER_CHANGE without parameters', change: { type: 'PARAMETER_CHANGE', scope: 'summariser' }, problems: ['parameters is required'] },
  { name: 'PARAMETER_CHANGE with empty parameters', change: { type: 'PARAMETER_CHANGE', scope: 'summariser', parameters: {} }, problems: ['parameters must be a non-empty object'] },
  { name: 'PARAMETER_CHANGE with array parameters', change: { type: 'PARAMETER_CHANGE', scope: 'summariser', parameters: [1, 2] }, problems: ['parameters must be a non-empty object'] },
  { name: 'PARAMETER_CHANGE with scalar parameters and a blank scope', change: { type: 'PARAMETER_CHANGE', scope: '', parameters: 'temperature=0.2' }, problems: ['scope must be a non-blank string', 'parameters must be a non-empty object'] },
  { name: 'PARAMETER_CHANGE with a foreign key and newValue', change: { type: 'PARAMETER_CHANGE', scope: 'summariser', parameters: { a: 1 }, key: 'k', newValue: 2 }, problems: ['field key does not belong to this kind', 'field newValue does not belong to this kind'] },
];

describe('proposed change shapes (C6)', () => {
  it.each(validChanges)('accepts $name', ({ change }) => {
    expect(proposedChangeProblems(change, 0)).toEqual([]);
  });

  it.each(invalidChanges)('refuses $name, naming each problem', ({ change, problems }) => {
    const expected = problems.map((problem) => `proposedChanges[0] (${change.type}): ${problem}`);
    expect([...proposedChangeProblems(change, 0)].sort()).toEqual(expected.sort());
  });

  it('refuses an unknown change type', () => {
    expect(proposedChangeProblems({ type: 'DELETE_EVERYTHING' } as unknown as ProposedChange, 3)).toEqual(['proposedChanges[3] (DELETE_EVERYTHING): unknown change type']);
  });

  it('prefixes problems with the position of the change', () => {
    expect(proposedChangeProblems({ type: 'CAPABILITY_DISABLE', capabilityName: 'x' }, 7)).toEqual(['proposedChanges[7] (CAPABILITY_DISABLE): reason is required']);
  });

  it('treats null like absent: a null foreign field is no problem, a null required field is missing', () => {
    expect(proposedChangeProblems({ type: 'CAPABILITY_DISABLE', capabilityName: 'x', reason: 'r', scope: null }, 0)).toEqual([]);
    expect(proposedChangeProblems({ type: 'CAPABILITY_DISABLE', capabilityName: 'x', reason: null }, 0)).toEqual(['proposedChanges[0] (CAPABILITY_DISABLE): reason is required']);
  });
});

describe('normaliseProposedChange', () => {
  it('keeps only the fields of the kind, dropping nulls', () => {
    expect(normaliseProposedChange({ type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM', key: 'k', oldValue: null, newValue: 0, capabilityName: null })).toEqual({
      type: 'CONFIGURATION_UPDATE',
      scope: 'SYSTEM',
      key: 'k',
      newValue: 0,
    });
  });

  it('keeps every field of a valid change', () => {
    for (const { change } of validChanges) expect(normaliseProposedChange(change)).toEqual(change);
  });
});
