// The gap-free delivery watermark: a candidate settles only once every transaction below its
// horizon has finished, and never before — table by table, then driven the way the outbox reader
// drives it against a simulated database where writers commit out of id order.
import { describe, expect, it } from 'vitest';
import { settleWatermark, type WatermarkCandidate } from '../../src/runtime/engines/delivery-watermark.js';

describe('settleWatermark', () => {
  const candidate = { upTo: 10n, horizon: 500n };

  it.each([
    { case: 'a transaction below the horizon still runs', oldest: 499n, settled: null, pending: candidate },
    { case: 'the oldest running xid is the horizon itself (the reader assigned it; it may not be done)', oldest: 500n, settled: null, pending: candidate },
    { case: 'every transaction below the horizon has finished', oldest: 501n, settled: 10n, pending: null },
    { case: 'long after the horizon', oldest: 9_000n, settled: 10n, pending: null },
  ])('$case', ({ oldest, settled, pending }) => {
    expect(settleWatermark(candidate, oldest)).toEqual({ settledThrough: settled, pending });
  });

  it('settles nothing without a candidate', () => {
    expect(settleWatermark(null, 1_000n)).toEqual({ settledThrough: null, pending: null });
  });
});

/**
 * A database as the reader sees it: xids handed out in order, outbox ids drawn from one sequence by
 * writers that already have their xid, and a snapshot xmin that is a lower bound of running xids.
 */
class SimulatedDatabase {
  private nextXid = 100n;
  private latestCompletedXid = 99n;
  private lastId = 0n;
  /** Running transactions: xid → ids drawn. */
  readonly running = new Map<bigint, bigint[]>();
  readonly committed: bigint[] = [];

  begin(): bigint {
    const xid = this.nextXid++;
    this.running.set(xid, []);
    return xid;
  }

  draw(xid: bigint): void {
    this.lastId += 1n;
    this.running.get(xid)!.push(this.lastId);
  }

  /** A transaction that has drawn one id and still runs. */
  writer(): bigint {
    const xid = this.begin();
    this.draw(xid);
    return xid;
  }

  end(xid: bigint, outcome: 'commit' | 'rollback'): void {
    if (outcome === 'commit') this.committed.push(...this.running.get(xid)!);
    this.running.delete(xid);
    if (xid > this.latestCompletedXid) this.latestCompletedXid = xid;
  }

  lastDrawnId(): bigint {
    return this.lastId;
  }

  /** `SELECT pg_current_xact_id()` in its own transaction: assigned, then committed at once. */
  xidHorizon(): bigint {
    const xid = this.begin();
    this.end(xid, 'commit');
    return xid;
  }

  /** pg_snapshot_xmin: the oldest running xid, or latestCompletedXid + 1 when that is older. */
  oldestRunningXid(): bigint {
    return [...this.running.keys()].reduce((oldest, xid) => (xid < oldest ? xid : oldest), this.latestCompletedXid + 1n);
  }

  /** Ids some running transaction holds (they may still commit). */
  heldIds(): bigint[] {
    return [...this.running.values()].flat();
  }
}

/** The reader's protocol around the engine (as outbox-reader.ts drives it), delivering in id order. */
class SimulatedReader {
  pending: WatermarkCandidate | null = null;
  settled = 0n;
  readonly delivered: bigint[] = [];

  constructor(private readonly database: SimulatedDatabase) {}

  /** One read; `afterLastDrawn` runs between reading the last id and assigning the horizon. */
  observe(afterLastDrawn: () => void = () => {}): void {
    let target = this.pending ? this.settle() : null;
    const lastDrawnId = this.database.lastDrawnId();
    afterLastDrawn();
    if (this.pending === null && lastDrawnId > (target ?? this.settled)) {
      this.pending = { upTo: lastDrawnId, horizon: this.database.xidHorizon() };
      target = this.settle() ?? target;
    }
    if (target === null || target <= this.settled) return;
    const newlySettled = this.database.committed.filter((id) => id > this.settled && id <= target).sort((a, b) => (a < b ? -1 : 1));
    this.delivered.push(...newlySettled);
    this.settled = target;
    expect(this.database.heldIds().filter((id) => id <= target)).toEqual([]);
  }

  private settle(): bigint | null {
    const step = settleWatermark(this.pending, this.database.oldestRunningXid());
    this.pending = step.pending;
    return step.settledThrough;
  }
}

const ascending = (ids: bigint[]) => [...ids].sort((a, b) => (a < b ? -1 : 1));

/** A fresh database and a reader of it. */
function simulation() {
  const database = new SimulatedDatabase();
  return { database, reader: new SimulatedReader(database) };
}

describe('the watermark against a simulated database', () => {
  it('settles through the last id drawn in one read when nothing runs', () => {
    const { database, reader } = simulation();
    for (let writer = 0; writer < 3; writer += 1) database.end(database.writer(), 'commit');
    reader.observe();
    expect(reader).toMatchObject({ settled: 3n, pending: null, delivered: [1n, 2n, 3n] });
  });

  it('does not skip an id whose transaction commits after a later id was committed', () => {
    const { database, reader } = simulation();
    const [first, second] = [database.writer(), database.writer()];
    database.end(second, 'commit');
    reader.observe();
    reader.observe();
    expect(reader.delivered).toEqual([]);
    database.end(first, 'commit');
    reader.observe();
    expect(reader.delivered).toEqual([1n, 2n]);
  });

  it('keeps a waiting candidate as it is while ids are drawn past it, then takes a new one', () => {
    const { database, reader } = simulation();
    const slow = database.writer();
    reader.observe();
    const waiting = reader.pending;
    expect(waiting).toMatchObject({ upTo: 1n });
    database.end(database.writer(), 'commit');
    reader.observe();
    expect(reader.pending).toEqual(waiting);
    expect(reader.delivered).toEqual([]);
    database.end(slow, 'commit');
    reader.observe();
    expect(reader.delivered).toEqual([1n, 2n]);
  });

  it('waits for a writer that drew its id between the read of the last id and the horizon', () => {
    const { database, reader } = simulation();
    database.end(database.writer(), 'commit');
    const late = database.begin();
    reader.observe(() => database.draw(late));
    expect(reader.delivered).toEqual([]);
    database.end(late, 'commit');
    reader.observe();
    reader.observe();
    expect(reader.delivered).toEqual([1n, 2n]);
  });

  it('skips rolled-back ids without waiting on them', () => {
    const { database, reader } = simulation();
    const [failed, kept] = [database.writer(), database.writer()];
    database.end(failed, 'rollback');
    database.end(kept, 'commit');
    reader.observe();
    expect(reader.delivered).toEqual([2n]);
  });

  it('keeps settling under continuous load, with some transaction always running, and never skips an id', () => {
    const { database, reader } = simulation();
    const endsAt = new Map<number, bigint[]>();
    const settledAfterTick: bigint[] = [];
    for (let tick = 0; tick < 80; tick += 1) {
      const xid = database.writer();
      // Lifetimes of 1, 4, 3, 2, … ticks: later ids often commit before earlier ones; every fifth rolls back.
      const endTick = tick + 1 + ((tick * 7) % 4);
      endsAt.set(endTick, [...(endsAt.get(endTick) ?? []), xid]);
      for (const [index, due] of (endsAt.get(tick) ?? []).entries()) database.end(due, (tick + index) % 5 === 0 ? 'rollback' : 'commit');
      expect(database.running.size).toBeGreaterThan(0);
      reader.observe();
      settledAfterTick.push(reader.settled);
    }
    for (let tick = 8; tick < settledAfterTick.length; tick += 1) expect(settledAfterTick[tick]).toBeGreaterThan(settledAfterTick[tick - 8]);
    expect(reader.settled).toBeGreaterThan(60n);
    expect(reader.delivered).toEqual(ascending(database.committed.filter((id) => id <= reader.settled)));
  });
});
