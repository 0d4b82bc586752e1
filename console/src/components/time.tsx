// Instants on screen: an age or deadline ("5 min ago") that stays current, with the full local
// time as its title and a machine-readable datetime.
import { useEffect, useState } from 'react';
import { absoluteTime, relativeTime } from '../format/time';

const listeners = new Set<() => void>();
let ticker: ReturnType<typeof setInterval> | undefined;

/** The current time, refreshed every 30 s for every component that shows an age. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const tick = () => setNow(new Date());
    listeners.add(tick);
    ticker ??= setInterval(() => listeners.forEach((listener) => listener()), 30_000);
    return () => {
      listeners.delete(tick);
      if (listeners.size === 0) {
        clearInterval(ticker);
        ticker = undefined;
      }
    };
  }, []);
  return now;
}

/** An instant as an age (or "—" when absent). */
export function Age({ at }: { at: string | null | undefined }) {
  const now = useNow();
  if (!at) return <span className="muted">—</span>;
  const instant = new Date(at);
  return (
    <time dateTime={at} title={absoluteTime(instant)}>
      {relativeTime(instant, now)}
    </time>
  );
}

/** An instant as local date and time, with its age after it. */
export function Instant({ at }: { at: string | null | undefined }) {
  const now = useNow();
  if (!at) return <span className="muted">—</span>;
  const instant = new Date(at);
  return (
    <time dateTime={at}>
      {absoluteTime(instant)} <span className="muted">({relativeTime(instant, now)})</span>
    </time>
  );
}
