// Unit tests of keyset pagination: cursors round-trip and are opaque, foreign cursors are refused,
// and page sizes default to 20 within 0..500.
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize, PageSize } from '../../src/runtime/engines/page-cursor.js';
import { BadUserInputError } from '../../src/runtime/errors.js';

describe('cursors', () => {
  const position = { createdAt: new Date('2026-01-01T12:34:56.789Z'), id: 'ctr_1' };

  it('round-trips a position', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('is opaque: neither the id nor the instant show in the cursor', () => {
    const cursor = encodeCursor(position);
    expect(cursor).not.toContain('ctr_1');
    expect(cursor).not.toContain('2026');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('gives different positions different cursors', () => {
    expect(encodeCursor(position)).not.toBe(encodeCursor({ ...position, id: 'ctr_2' }));
    expect(encodeCursor(position)).not.toBe(encodeCursor({ ...position, createdAt: new Date(position.createdAt.getTime() + 1) }));
  });

  it.each([
    { name: 'garbage', cursor: 'not a cursor' },
    { name: 'an empty string', cursor: '' },
    { name: 'JSON that is not a position', cursor: Buffer.from('{"a":1}').toString('base64url') },
    { name: 'a bad date', cursor: Buffer.from('["yesterday","ctr_1"]').toString('base64url') },
    { name: 'a non-string id', cursor: Buffer.from('["2026-01-01T00:00:00.000Z",7]').toString('base64url') },
  ])('refuses $name with BAD_USER_INPUT naming the cursor', ({ cursor }) => {
    expect(() => decodeCursor(cursor)).toThrowError(
      expect.objectContaining({ code: 'BAD_USER_INPUT', extensions: expect.objectContaining({ reasons: [`after: "${cursor}" is not a valid cursor`] }) }),
    );
  });
});

describe('page size', () => {
  it('defaults to 20', () => {
    expect(PageSize).toEqual({ default: 20, max: 500 });
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
  });

  it.each([0, 1, 500])('accepts %s', (first) => {
    expect(pageSize(first)).toBe(first);
  });

  it.each([-1, 501, 2.5])('refuses %s', (first) => {
    expect(() => pageSize(first)).toThrow(BadUserInputError);
  });
});
