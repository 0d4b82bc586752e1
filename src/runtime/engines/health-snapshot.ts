// Engine: a health snapshot (J5) — every capability's latest reported health plus system facts,
// assembled from plain values; an observation, never edited after it is stored.

/** Statuses a capability may report. */
export const CapabilityHealthStatuses = ['HEALTHY', 'DEGRADED', 'UNHEALTHY', 'UNKNOWN'] as const;

/** One capability health status. */
export type CapabilityHealthStatus = (typeof CapabilityHealthStatuses)[number];

/** One capability's latest report. */
export interface CapabilityHealth {
  capability: string;
  status: CapabilityHealthStatus;
  details: unknown;
  reportedAt: Date;
}

/** Builds the snapshot stored on a job when it is activated. */
export function buildHealthSnapshot(capabilities: readonly CapabilityHealth[], runningJobs: number, capturedAt: Date): Record<string, unknown> {
  return {
    capturedAt: capturedAt.toISOString(),
    runningJobs,
    capabilities: Object.fromEntries(
      capabilities.map((health) => [health.capability, { status: health.status, details: health.details ?? null, reportedAt: health.reportedAt.toISOString() }]),
    ),
  };
}
