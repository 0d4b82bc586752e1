// Unit tests of request fingerprints: same input in any key order → same hash; any different input
// (value, nesting, array order, type) → a different hash.
import { describe, expect, it } from 'vitest';
import { fingerprintRequest } from '../../src/runtime/engines/request-fingerprint.js';

const input = { title: 'Enable', changes: [{ type: 'CAPABILITY_ENABLE', capabilityName: 'summariser' }], verdict: { score: 0.8, reason: 'r' } };

describe('fingerprintRequest', () => {
  it('is a SHA-256 hex digest and stable across calls', () => {
    expect(fingerprintRequest(input)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintRequest(input)).toBe(fingerprintRequest(structuredClone(input)));
  });

  it('ignores key order, at every depth', () => {
    const reordered = { verdict: { reason: 'r', score: 0.8 }, changes: [{ capabilityName: 'summariser', type: 'CAPABILITY_ENABLE' }], title: 'Enable' };
    expect(fingerprintRequest(reordered)).toBe(fingerprintRequest(input));
  });

  it('treats an undefined field like an absent one', () => {
    expect(fingerprintRequest({ ...input, description: undefined })).toBe(fingerprintRequest(input));
  });

  it('fingerprints dates by their instant', () => {
    expect(fingerprintRequest({ at: new Date('2026-01-01T00:00:00Z') })).toBe(fingerprintRequest({ at: new Date(Date.UTC(2026, 0, 1)) }));
    expect(fingerprintRequest({ at: new Date('2026-01-01T00:00:00Z') })).not.toBe(fingerprintRequest({ at: new Date('2026-01-01T00:00:01Z') }));
  });

  it.each([
    { name: 'a changed value', other: { ...input, title: 'Disable' } },
    { name: 'a changed nested value', other: { ...input, verdict: { score: 0.81, reason: 'r' } } },
    { name: 'an added field', other: { ...input, description: 'more' } },
    { name: 'a null field', other: { ...input, description: null } },
    { name: 'reordered array items', other: { ...input, changes: [{ type: 'X' }, ...input.changes] } },
    { name: 'a number written as a string', other: { ...input, verdict: { score: '0.8', reason: 'r' } } },
  ])('changes with $name', ({ other }) => {
    expect(fingerprintRequest(other)).not.toBe(fingerprintRequest(input));
  });

  it('tells array order apart', () => {
    expect(fingerprintRequest([1, 2])).not.toBe(fingerprintRequest([2, 1]));
  });

  it('does not confuse a key with its value', () => {
    expect(fingerprintRequest({ a: 'b' })).not.toBe(fingerprintRequest({ b: 'a' }));
    expect(fingerprintRequest({ 'a,b': 1 })).not.toBe(fingerprintRequest({ a: 1, b: 1 }));
  });
});
