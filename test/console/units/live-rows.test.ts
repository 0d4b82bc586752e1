// How live events change a list on screen (console/src/live/live-rows.ts), table-driven: newer
// snapshots replace rows, older or equal ones never roll a row back, rows that stop matching the
// filter leave, new matching rows enter on the first page only, and immutable items are added once.
import { describe, expect, it } from 'vitest';
import { applySnapshot, prependNew } from '../../../console/src/live/live-rows';

const row = (id: string, version: number, status = 'RUNNING') => ({ id, version, status });
const rows = [row('a', 2), row('b', 1)];

describe('applySnapshot', () => {
  it.each([
    { case: 'a newer snapshot replaces its row in place', snapshot: row('b', 2, 'COMPLETED'), matches: true, insertIfNew: true, expected: [row('a', 2), row('b', 2, 'COMPLETED')] },
    { case: 'an equal version changes nothing', snapshot: row('a', 2, 'FAILED'), matches: true, insertIfNew: true, expected: rows },
    { case: 'an older snapshot (a replayed event) changes nothing', snapshot: row('a', 1, 'PENDING'), matches: true, insertIfNew: true, expected: rows },
    { case: 'a newer snapshot that no longer matches the filter removes the row', snapshot: row('a', 3, 'COMPLETED'), matches: false, insertIfNew: true, expected: [row('b', 1)] },
    { case: 'an older snapshot that does not match leaves the row alone', snapshot: row('a', 1, 'PENDING'), matches: false, insertIfNew: true, expected: rows },
    { case: 'a new matching row enters at the top of the first page', snapshot: row('c', 1, 'PENDING'), matches: true, insertIfNew: true, expected: [row('c', 1, 'PENDING'), ...rows] },
    { case: 'a new row does not enter a later page', snapshot: row('c', 1, 'PENDING'), matches: true, insertIfNew: false, expected: rows },
    { case: 'a new row that does not match does not enter', snapshot: row('c', 1, 'PENDING'), matches: false, insertIfNew: true, expected: rows },
  ])('$case', ({ snapshot, matches, insertIfNew, expected }) => {
    expect(applySnapshot(rows, snapshot, { matches, insertIfNew })).toEqual(expected);
  });

  it('returns the same array when nothing changes, so the view does not re-render', () => {
    expect(applySnapshot(rows, row('a', 1), { matches: true, insertIfNew: true })).toBe(rows);
  });
});

describe('prependNew', () => {
  it.each([
    { case: 'adds a new item at the top', item: { id: 'c' }, expected: ['c', 'a', 'b'] },
    { case: 'ignores an item already listed (a replayed event)', item: { id: 'b' }, expected: ['a', 'b'] },
  ])('$case', ({ item, expected }) => {
    expect(prependNew([{ id: 'a' }, { id: 'b' }], item).map((each) => each.id)).toEqual(expected);
  });
});
