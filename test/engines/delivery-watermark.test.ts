// The gap-free delivery watermark: a candidate settles only once every transaction below its
// horizon has finished, and never before.
import { describe, expect, it } from 'vitest';
import { settleWatermark } from '../../src/runtime/engines/delivery-watermark.js';

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
