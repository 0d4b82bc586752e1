// Runtime reads helper: validates `first`/`after`, runs a keyset query for one more row than asked,
// and turns the rows into a Relay page with stable cursors.
import { decodeCursor, encodeCursor, pageSize, type CursorPosition } from './engines/page-cursor.js';
import type { Page } from './records.js';

/** `first` and `after` as every connection takes them. */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

/** A keyset query: rows after a position, at most `limit`, and the filtered total. */
export type KeysetQuery<T> = (after: CursorPosition | null, limit: number) => Promise<{ rows: T[]; totalCount: number }>;

/** Reads one page through `query`. */
export async function readPage<T extends CursorPosition>(request: PageRequest, query: KeysetQuery<T>): Promise<Page<T>> {
  const size = pageSize(request.first);
  const after = request.after ? decodeCursor(request.after) : null;
  const { rows, totalCount } = await query(after, size + 1);
  const items = rows.slice(0, size);
  return {
    items,
    cursors: items.map((row) => encodeCursor({ createdAt: row.createdAt, id: row.id })),
    hasNextPage: rows.length > size,
    hasPreviousPage: after !== null,
    totalCount,
  };
}
