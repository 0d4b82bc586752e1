// Whether a live view is receiving changes: "Live", "Connecting…", "Reconnecting in 3 s…" (it
// resumes where it stopped, missing nothing), or why it stopped.
import { useEffect, useState } from 'react';
import type { FeedStatus } from '../live/live-feed';

function secondsUntil(instant: number): number {
  return Math.max(0, Math.ceil((instant - Date.now()) / 1000));
}

/** The status of one live feed, announced politely when it changes. */
export function LiveStatus({ status }: { status: FeedStatus | null }) {
  const [, tick] = useState(0);
  const retryAt = status?.kind === 'reconnecting' ? status.retryAt : null;
  useEffect(() => {
    if (retryAt === null) return;
    const timer = setInterval(() => tick((count) => count + 1), 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  if (!status) return null;
  const text = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', stopped: 'Live updates stopped' }[status.kind];
  const wait = status.kind === 'reconnecting' ? secondsUntil(status.retryAt) : 0;
  return (
    <p className={`live-status live-${status.kind}`} role="status">
      <span className="live-dot" aria-hidden="true" />
      {text}
      {/* The countdown changes every second: shown, not announced. */}
      {wait > 0 && <span aria-hidden="true"> (next try in {wait} s)</span>}
      {status.kind === 'stopped' && `: ${status.reason}`}
    </p>
  );
}
