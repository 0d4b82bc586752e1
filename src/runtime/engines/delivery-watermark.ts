// Engine: the gap-free delivery watermark. Outbox ids are drawn before commit, so commit order is
// not id order; an id may be handed out only when no transaction that might still commit a smaller
// id is running. Every writer has its xid before it draws an id (outbox-flush.ts), so a candidate —
// upTo = the last id drawn, horizon = an xid assigned after reading it — covers every transaction
// that could hold an id ≤ upTo: all have xids below the horizon. It settles once the oldest running
// xid (a snapshot's xmin, a lower bound of every running xid) has passed the horizon.
//
// A snapshot's xmax is NOT such a bound: it is the last completed xid + 1, and a running transaction
// with a later xid is in neither xip nor below xmax. So "xmin = xmax" does not mean "nothing runs".

/** A watermark waiting for the transactions it may depend on to finish. */
export interface WatermarkCandidate {
  upTo: bigint;
  horizon: bigint;
}

/** What one observation of the oldest running xid allows. */
export interface WatermarkStep {
  /** Every event with id ≤ this may be delivered (null: nothing new is settled). */
  settledThrough: bigint | null;
  /** The candidate still waiting, if any. */
  pending: WatermarkCandidate | null;
}

/** Settles the pending candidate once every transaction below its horizon has finished. */
export function settleWatermark(pending: WatermarkCandidate | null, oldestRunningXid: bigint): WatermarkStep {
  if (pending && oldestRunningXid > pending.horizon) return { settledThrough: pending.upTo, pending: null };
  return { settledThrough: null, pending };
}
