// How live events change a list on screen. Pure: rows in, rows out.
// - A snapshot (a job as it was right after its event) replaces its row only when it is newer
//   (versions only grow), so replayed or late events never roll a row back.
// - A row that stops matching the list's filter leaves it; a new one that matches enters at the top
//   of the first page (lists are newest first).
// - Immutable items (violations) are added once, at the top.
// - One object on its own page takes every snapshot at least as new as the one shown: nested fields
//   (results, acks, transitions) are read when an event is delivered, so an event that leaves the
//   version alone (a rollback ack) still brings them.

/** A row with an id and a version that grows with every change. */
export interface Versioned {
  id: string;
  version: number;
}

/** Where a snapshot belongs. */
export interface Placement {
  /** Whether the snapshot matches the list's filter. */
  matches: boolean;
  /** Whether a row not on the list yet may enter (only on the first page). */
  insertIfNew: boolean;
}

/** Applies one snapshot to the rows. */
export function applySnapshot<T extends Versioned>(rows: readonly T[], snapshot: T, placement: Placement): readonly T[] {
  const index = rows.findIndex((row) => row.id === snapshot.id);
  if (index >= 0) {
    if (rows[index].version >= snapshot.version) return rows;
    if (!placement.matches) return rows.filter((row) => row.id !== snapshot.id);
    return rows.map((row, at) => (at === index ? snapshot : row));
  }
  return placement.matches && placement.insertIfNew ? [snapshot, ...rows] : rows;
}

/** Adds a new item at the top unless it is already listed. */
export function prependNew<T extends { id: string }>(rows: readonly T[], item: T): readonly T[] {
  return rows.some((row) => row.id === item.id) ? rows : [item, ...rows];
}

/** The object to show after a snapshot of it: the snapshot unless it is older than what is shown. */
export function latestOf<T extends Versioned>(shown: T, snapshot: T): T {
  return snapshot.id === shown.id && snapshot.version >= shown.version ? snapshot : shown;
}
