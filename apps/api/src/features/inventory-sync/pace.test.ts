import { describe, expect, it, vi } from 'vitest';
import { InteractiveRequests } from '../../http/interactive-requests.ts';
import { paceOf, syncPacing } from './pace.ts';

const { batchSize, sharedBatchSize, recentMs, maxWaitMs } = syncPacing;

describe('paceOf', () => {
  it.each([
    ['nothing ever ran', 0, Number.POSITIVE_INFINITY, batchSize, 0],
    ['the last request started long ago', 0, 60_000, batchSize, 0],
    ['the last one started just over the window ago', 0, recentMs, batchSize, 0],
    ['one ended a moment ago', 0, 10, sharedBatchSize, 0],
    ['one is in flight', 1, 5, sharedBatchSize, maxWaitMs],
    ['several are in flight, one started long ago', 3, 5_000, sharedBatchSize, maxWaitMs],
  ])('%s: batches of the right size, bounded wait', (_case, inFlight, since, size, wait) => {
    expect(paceOf({ inFlight, msSinceLastStarted: since })).toEqual({
      batchSize: size,
      waitMs: wait,
    });
  });

  it('never waits long, never writes less than a useful batch', () => {
    expect(maxWaitMs).toBeLessThanOrEqual(50);
    expect(sharedBatchSize).toBeGreaterThanOrEqual(100);
    expect(sharedBatchSize).toBeLessThan(batchSize);
  });
});

describe('InteractiveRequests', () => {
  it('counts the requests in flight and when the last one started', () => {
    let now = 1000;
    const requests = new InteractiveRequests(() => now);
    expect(requests.activity()).toEqual({
      inFlight: 0,
      msSinceLastStarted: Number.POSITIVE_INFINITY,
    });
    const endFirst = requests.start();
    now = 1010;
    const endSecond = requests.start();
    now = 1030;
    expect(requests.activity()).toEqual({ inFlight: 2, msSinceLastStarted: 20 });
    endFirst();
    endFirst();
    expect(requests.activity().inFlight).toBe(1);
    endSecond();
    expect(requests.activity().inFlight).toBe(0);
  });

  it('whenNone: at once when idle, when the last request ends, or after its bound', async () => {
    vi.useFakeTimers();
    try {
      const requests = new InteractiveRequests(() => 0);
      let isResolved = false;
      await requests.whenNone(50);

      const end = requests.start();
      const waiting = requests.whenNone(50).then(() => (isResolved = true));
      await vi.advanceTimersByTimeAsync(20);
      expect(isResolved).toBe(false);
      end();
      await waiting;
      expect(isResolved).toBe(true);

      requests.start();
      isResolved = false;
      const bounded = requests.whenNone(50).then(() => (isResolved = true));
      await vi.advanceTimersByTimeAsync(49);
      expect(isResolved).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await bounded;
      expect(isResolved).toBe(true);
      expect(requests.activity().inFlight).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
