// Engine: keyset pagination — opaque, stable cursors over (createdAt, id) and page-size bounds.
import { BadUserInputError } from '../errors.js';

/** Default and maximum page sizes of every connection. */
export const PageSize = { default: 20, max: 500 } as const;

/** The position after which a page starts. */
export interface CursorPosition {
  createdAt: Date;
  id: string;
}

/** Encodes a row's position as an opaque cursor. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

/** Decodes a cursor, refusing anything this server did not produce. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw new BadUserInputError([`after: "${cursor}" is not a valid cursor`]);
  }
}

/** Validates `first`, applying the default. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? PageSize.default;
  if (!Number.isInteger(size) || size < 0 || size > PageSize.max) throw new BadUserInputError([`first must be an integer in 0..${PageSize.max}`]);
  return size;
}
