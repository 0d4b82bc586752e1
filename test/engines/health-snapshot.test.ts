// Unit tests of the health snapshot (J5): every capability's latest report plus the system facts
// (captured time, running jobs), as plain JSON-ready values.
import { describe, expect, it } from 'vitest';
import { buildHealthSnapshot, CapabilityHealthStatuses, type CapabilityHealth } from '../../src/runtime/engines/health-snapshot.js';

const capturedAt = new Date('2026-01-01T12:00:00Z');
const reportedAt = new Date('2026-01-01T11:59:00Z');

describe('health snapshot (J5)', () => {
  it('knows the four capability health statuses', () => {
    expect([...CapabilityHealthStatuses]).toEqual(['HEALTHY', 'DEGRADED', 'UNHEALTHY', 'UNKNOWN']);
  });

  it('keys every capability by name with its status, details and report time', () => {
    const reports: CapabilityHealth[] = [
      { capability: 'summariser', status: 'HEALTHY', details: { p99Ms: 120 }, reportedAt },
      { capability: 'translator', status: 'DEGRADED', details: { errors: ['timeout'] }, reportedAt: capturedAt },
    ];
    expect(buildHealthSnapshot(reports, 2, capturedAt)).toEqual({
      capturedAt: '2026-01-01T12:00:00.000Z',
      runningJobs: 2,
      capabilities: {
        summariser: { status: 'HEALTHY', details: { p99Ms: 120 }, reportedAt: '2026-01-01T11:59:00.000Z' },
        translator: { status: 'DEGRADED', details: { errors: ['timeout'] }, reportedAt: '2026-01-01T12:00:00.000Z' },
      },
    });
  });

  it('stores missing details as null', () => {
    const snapshot = buildHealthSnapshot([{ capability: 'summariser', status: 'UNKNOWN', details: undefined, reportedAt }], 0, capturedAt);
    expect(snapshot.capabilities).toEqual({ summariser: { status: 'UNKNOWN', details: null, reportedAt: '2026-01-01T11:59:00.000Z' } });
  });

  it('still records the system facts when no capability has reported', () => {
    expect(buildHealthSnapshot([], 0, capturedAt)).toEqual({ capturedAt: '2026-01-01T12:00:00.000Z', runningJobs: 0, capabilities: {} });
  });

  it('survives a JSON round trip unchanged, as it is stored', () => {
    const snapshot = buildHealthSnapshot([{ capability: 'summariser', status: 'HEALTHY', details: { p99Ms: 120 }, reportedAt }], 1, capturedAt);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });
});
