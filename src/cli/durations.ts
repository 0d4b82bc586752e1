// Durations on the command line: a whole number and a unit, as in `30d`, `12h`, `90m`, `2w`.
import { InvalidArgumentError } from 'commander';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Seconds in a duration such as `30d`; a usage error names the accepted form otherwise. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smhdw])$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]] : 0;
  if (!match || seconds <= 0) throw new InvalidArgumentError('Use a positive whole number and a unit: s, m, h, d or w (e.g. 30d).');
  return seconds;
}
