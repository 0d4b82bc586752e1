// A job's health snapshot (taken at activation, and reported by the executor after steps): each
// capability's status when the snapshot has them, otherwise the snapshot as recorded.
import { Facts, Json } from '../../components/details';
import { StatusBadge } from '../../components/status-badge';
import { Instant } from '../../components/time';

interface CapabilityEntry {
  status?: unknown;
  reportedAt?: unknown;
}

function capabilitiesOf(snapshot: unknown): [string, CapabilityEntry][] | null {
  const capabilities = (snapshot as { capabilities?: unknown } | null)?.capabilities;
  if (capabilities === null || typeof capabilities !== 'object' || Array.isArray(capabilities)) return null;
  return Object.entries(capabilities as Record<string, CapabilityEntry>);
}

/** One snapshot. */
export function HealthSnapshot({ snapshot }: { snapshot: unknown }) {
  const capabilities = capabilitiesOf(snapshot);
  if (!capabilities) return <Json value={snapshot} />;
  const { capturedAt, runningJobs } = snapshot as { capturedAt?: string; runningJobs?: number };
  return (
    <>
      <Facts
        items={[
          ['Captured', capturedAt ? <Instant at={capturedAt} /> : null],
          ['Running jobs then', runningJobs ?? null],
        ]}
      />
      {capabilities.length === 0 ? (
        <p className="muted">No capability had reported its health.</p>
      ) : (
        <ul className="health-list">
          {capabilities.map(([name, entry]) => (
            <li key={name}>
              <span className="capability">{name}</span> <StatusBadge value={String(entry.status ?? 'UNKNOWN')} />
              {typeof entry.reportedAt === 'string' && (
                <span className="muted">
                  {' '}
                  reported <Instant at={entry.reportedAt} />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
