// Maps a runtime page to the Relay connection shape shared by every list.
import type { Page } from '../runtime/records.js';

/** A Relay connection of T. */
export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Shapes a page as edges, nodes, pageInfo and totalCount. */
export function toConnection<T>(page: Page<T>): Connection<T> {
  return {
    edges: page.items.map((node, index) => ({ node, cursor: page.cursors[index] })),
    nodes: page.items,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors[page.cursors.length - 1] ?? null,
    },
    totalCount: page.totalCount,
  };
}
