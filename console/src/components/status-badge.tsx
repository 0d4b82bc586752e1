// A status as a badge: the value as the server names it, coloured by what it means to a reader
// (done, in progress, waiting, failed, neutral). The text carries the meaning; colour only helps.
const TONES: Readonly<Record<string, 'good' | 'active' | 'waiting' | 'bad' | 'neutral'>> = {
  COMPLETED: 'good',
  SUCCEEDED: 'good',
  APPROVED: 'good',
  PASS: 'good',
  COMPLETE: 'good',
  ACKED: 'good',
  SUCCESS: 'good',
  HEALTHY: 'good',
  ACTIVE: 'active',
  RUNNING: 'active',
  EXECUTING: 'active',
  GOVERNANCE_CHECK: 'active',
  FINALIZING: 'active',
  AUTHORIZED: 'active',
  ELIGIBLE: 'waiting',
  PENDING: 'waiting',
  QUEUED: 'waiting',
  DRAFT: 'waiting',
  VALIDATED: 'waiting',
  CREATED: 'waiting',
  DEFERRED: 'waiting',
  INCOMPLETE: 'waiting',
  DEGRADED: 'waiting',
  RETRY: 'waiting',
  FAILED: 'bad',
  FAILED_POLICY: 'bad',
  REJECTED: 'bad',
  EXPIRED: 'bad',
  CANCELLED: 'bad',
  FAIL: 'bad',
  MISSING: 'bad',
  STALE: 'bad',
  ROLLED_BACK: 'bad',
  UNHEALTHY: 'bad',
  CRITICAL: 'bad',
  HIGH: 'bad',
  MEDIUM: 'waiting',
};

/** One status value. */
export function StatusBadge({ value }: { value: string }) {
  return <span className={`badge badge-${TONES[value] ?? 'neutral'}`}>{value}</span>;
}
