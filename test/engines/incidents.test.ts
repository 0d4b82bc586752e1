// Unit tests of a completed run's incident: severity, category, title and opening status from the
// final status, error code and violations; resolving an incident once.
import { describe, expect, it } from 'vitest';
import { codeThrownBy } from '../support/engine-errors.js';
import { classifyIncident, CleanSuccessResolution, decideResolution, type IncidentClassification, type IncidentFacts } from '../../src/runtime/engines/incidents.js';

describe('classifyIncident', () => {
  const rows: Array<[string, IncidentFacts, IncidentClassification]> = [
    ['clean success: resolved at once', { status: 'SUCCEEDED', errorCode: null, violationCount: 0 }, { severity: 'LOW', category: 'RUN_SUCCEEDED', title: 'Run succeeded', status: 'RESOLVED', resolution: CleanSuccessResolution }],
    ['success with violations: a policy matter', { status: 'SUCCEEDED', errorCode: null, violationCount: 2 }, { severity: 'MEDIUM', category: 'POLICY_VIOLATION', title: 'Run succeeded (2 violations)', status: 'OPEN', resolution: null }],
    ['failure with its code', { status: 'FAILED', errorCode: 'TIMEOUT', violationCount: 0 }, { severity: 'HIGH', category: 'EXECUTION_FAILURE', title: 'Run failed (TIMEOUT)', status: 'OPEN', resolution: null }],
    ['failure with a violation', { status: 'FAILED', errorCode: 'TIMEOUT', violationCount: 1 }, { severity: 'CRITICAL', category: 'EXECUTION_FAILURE', title: 'Run failed (TIMEOUT, 1 violation)', status: 'OPEN', resolution: null }],
    ['policy failure', { status: 'FAILED_POLICY', errorCode: null, violationCount: 0 }, { severity: 'HIGH', category: 'POLICY_VIOLATION', title: 'Run failed a policy', status: 'OPEN', resolution: null }],
    ['policy failure with violations', { status: 'FAILED_POLICY', errorCode: 'PII', violationCount: 3 }, { severity: 'CRITICAL', category: 'POLICY_VIOLATION', title: 'Run failed a policy (PII, 3 violations)', status: 'OPEN', resolution: null }],
    ['cancellation', { status: 'CANCELLED', errorCode: null, violationCount: 0 }, { severity: 'LOW', category: 'CANCELLATION', title: 'Run cancelled', status: 'OPEN', resolution: null }],
    ['retry', { status: 'RETRY', errorCode: null, violationCount: 0 }, { severity: 'MEDIUM', category: 'RETRY', title: 'Run ended for a retry', status: 'OPEN', resolution: null }],
  ];
  it.each(rows)('%s', (_name, facts, expected) => {
    expect(classifyIncident(facts)).toEqual(expected);
  });

  it('refuses a status that is not final', () => {
    expect(() => classifyIncident({ status: 'RUNNING', errorCode: null, violationCount: 0 })).toThrow(/final status/);
  });
});

describe('decideResolution', () => {
  const rows: Array<[string, 'OPEN' | 'RESOLVED', string, string]> = [
    ['open, with a resolution', 'OPEN', 'rotated the key', 'none'],
    ['already resolved', 'RESOLVED', 'again', 'IMMUTABLE'],
    ['blank resolution', 'OPEN', '   ', 'BAD_USER_INPUT'],
    ['overlong resolution', 'OPEN', 'x'.repeat(4001), 'BAD_USER_INPUT'],
  ];
  it.each(rows)('%s', (_name, status, resolution, code) => {
    expect(codeThrownBy(() => decideResolution(status, resolution))).toBe(code);
  });
});
