// Instants for people (console/src/format/time.ts): ages and deadlines in the largest whole unit.
import { describe, expect, it } from 'vitest';
import { cents, relativeTime } from '../../../console/src/format/time';

const now = new Date('2026-06-15T12:00:00Z');
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe('relativeTime', () => {
  it.each([
    { seconds: 0, text: 'just now' },
    { seconds: -5, text: 'just now' },
    { seconds: -42, text: '42 sec. ago' },
    { seconds: -90, text: '1 min. ago' },
    { seconds: -3 * 3600, text: '3 hr. ago' },
    { seconds: -86_400, text: 'yesterday' },
    { seconds: -3 * 86_400, text: '3 days ago' },
    { seconds: 2 * 3600, text: 'in 2 hr.' },
    { seconds: 400 * 86_400, text: 'next yr.' },
  ])('$seconds s from now reads "$text"', ({ seconds, text }) => {
    expect(relativeTime(at(seconds), now)).toBe(text);
  });
});

describe('cents', () => {
  it.each([
    { amount: 1250, text: '1,250 ¢' },
    { amount: 0, text: '0 ¢' },
    { amount: null, text: '—' },
  ])('$amount reads "$text"', ({ amount, text }) => {
    expect(cents(amount)).toBe(text);
  });
});
