// Instants on screen: an age or deadline ("5 min ago") that stays current, with the full local
// time as its title and a machine-readable datetime. One clock for the whole console ticks every
// 30 s, so a list of hundreds of ages costs one timer, not hundreds.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { absoluteTime, relativeTime } from '../format/time';

const NowContext = createContext<Date | null>(null);

/** Provides the current time, refreshed every 30 s, to every age below it. */
export function NowProvider({ children }: { children: ReactNode }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const ticker = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(ticker);
  }, []);
  return <NowContext.Provider value={now}>{children}</NowContext.Provider>;
}

function useNow(): Date {
  return useContext(NowContext) ?? new Date();
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
