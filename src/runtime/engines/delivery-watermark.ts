// Engine: the gap-free delivery watermark. Outbox ids are drawn before commit, so commit order is
// not id order; an id is safe to hand out only when no transaction that might still commit a
// smaller id is running. A candidate (upTo = last id drawn, xmax of a snapshot taken after that)
// is settled once a later snapshot's xmin reaches its xmax: every transaction that could hold an
// id ≤ upTo has then finished (each one had its xid before drawing an id).

/** A watermark waiting for the transactions it may depend on to finish. */
export interface WatermarkCandidate {
  upTo: bigint;
  xmax: bigint;
}

/** What one observation allows. */
export interface WatermarkStep {
  /** Every event with id ≤ this may be delivered (null: nothing new is settled). */
  settledThrough: bigint | null;
  /** The candidate still waiting, if any. */
  pending: WatermarkCandidate | null;
}

/** Advances the watermark with the last id drawn and a snapshot taken after reading it. */
export function advanceWatermark(pending: WatermarkCandidate | null, lastDrawnId: bigint, snapshot: { xmin: bigint; xmax: bigint }): WatermarkStep {
  if (snapshot.xmin >= snapshot.xmax) return { settledThrough: lastDrawnId, pending: null };
  if (pending && snapshot.xmin >= pending.xmax) {
    return { settledThrough: pending.upTo, pending: { upTo: lastDrawnId, xmax: snapshot.xmax } };
  }
  return { settledThrough: null, pending: pending ?? { upTo: lastDrawnId, xmax: snapshot.xmax } };
}
