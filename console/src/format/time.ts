// Formatting of instants for people: "5 min ago" / "in 2 h" for ages and deadlines, and the full
// local date and time for titles and details. Pure: the current time is passed in.

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** How far `instant` is from `now`, in the largest whole unit: "3 days ago", "in 2 hr.", "now". */
export function relativeTime(instant: Date, now: Date): string {
  const seconds = Math.round((instant.getTime() - now.getTime()) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return Math.abs(seconds) < 10 ? 'just now' : relative.format(seconds, 'second');
}

/** The instant in the reader's local time zone, e.g. "1 Dec 2026, 21:52:08". */
export function absoluteTime(instant: Date): string {
  return absolute.format(instant);
}

/** Cents as a plain amount with its unit, e.g. "1,250 ¢". */
export function cents(amount: number | null | undefined): string {
  return amount == null ? '—' : `${amount.toLocaleString('en')} ¢`;
}
