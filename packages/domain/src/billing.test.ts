import { describe, expect, it } from 'vitest';
import { billingMonth, decideBilling, needsAcknowledgement, possibleDecisions } from './billing.ts';
import type { BillingDecision, BillingInput } from './billing.ts';

const base: BillingInput = {
  mode: 'counted',
  priceTokens: 3,
  freeChangesPerMonth: 5,
  usedThisMonth: 0,
  outsideBusinessHours: false,
};

describe('decideBilling', () => {
  it.each<[string, Partial<BillingInput>, BillingDecision]>([
    [
      'included is free whatever is used',
      { mode: 'included', usedThisMonth: 99 },
      { kind: 'included' },
    ],
    [
      'included stays free outside business hours',
      { mode: 'included', freeChangesPerMonth: 0, outsideBusinessHours: true },
      { kind: 'included' },
    ],
    ['quote always goes on quote', { mode: 'quote' }, { kind: 'quote' }],
    [
      'quote ignores exhausted free changes',
      { mode: 'quote', freeChangesPerMonth: 0, outsideBusinessHours: true },
      { kind: 'quote' },
    ],
    ['counted, none used yet', { usedThisMonth: 0 }, { kind: 'free', freeChangesLeft: 4 }],
    ['counted, some used', { usedThisMonth: 2 }, { kind: 'free', freeChangesLeft: 2 }],
    ['counted, the last free one', { usedThisMonth: 4 }, { kind: 'free', freeChangesLeft: 0 }],
    [
      'counted, free outside business hours',
      { usedThisMonth: 1, outsideBusinessHours: true },
      { kind: 'free', freeChangesLeft: 3 },
    ],
    ['counted, none left', { usedThisMonth: 5 }, { kind: 'billable', priceTokens: 3 }],
    [
      'counted, none left, outside business hours',
      { usedThisMonth: 5, outsideBusinessHours: true },
      { kind: 'billable', priceTokens: 6 },
    ],
    ['counted, limit 0', { freeChangesPerMonth: 0 }, { kind: 'billable', priceTokens: 3 }],
    [
      'counted, limit 0, outside business hours',
      { freeChangesPerMonth: 0, priceTokens: 7, outsideBusinessHours: true },
      { kind: 'billable', priceTokens: 14 },
    ],
    ['counted, used beyond the limit', { usedThisMonth: 9 }, { kind: 'billable', priceTokens: 3 }],
    [
      'counted, a limit of one',
      { freeChangesPerMonth: 1, usedThisMonth: 0 },
      { kind: 'free', freeChangesLeft: 0 },
    ],
    [
      'counted, a price of zero',
      { priceTokens: 0, usedThisMonth: 5, outsideBusinessHours: true },
      { kind: 'billable', priceTokens: 0 },
    ],
  ])('%s', (_name, input, expected) => {
    expect(decideBilling({ ...base, ...input })).toEqual(expected);
  });

  it.each(
    [0, 1, 2, 3, 5, 10].flatMap((limit) =>
      [0, 1, 2, 3, 5, 10, 11, 20].map((used) => ({ limit, used })),
    ),
  )('limit $limit, used $used: never negative, left = limit − used − 1', ({ limit, used }) => {
    const decision = decideBilling({ ...base, freeChangesPerMonth: limit, usedThisMonth: used });
    if (used < limit) {
      expect(decision).toEqual({ kind: 'free', freeChangesLeft: limit - used - 1 });
    } else {
      expect(decision).toEqual({ kind: 'billable', priceTokens: base.priceTokens });
    }
  });
});

describe('possibleDecisions', () => {
  const { usedThisMonth: _unused, ...input } = base;

  it('counted: entry 0 is "none left", entry u is the u-th free change of the month', () => {
    expect(possibleDecisions(input)).toEqual([
      { kind: 'billable', priceTokens: 3 },
      { kind: 'free', freeChangesLeft: 4 },
      { kind: 'free', freeChangesLeft: 3 },
      { kind: 'free', freeChangesLeft: 2 },
      { kind: 'free', freeChangesLeft: 1 },
      { kind: 'free', freeChangesLeft: 0 },
    ]);
  });

  it.each([0, 1, 2, 7])('agrees with decideBilling for every count (%i a month)', (limit) => {
    for (const outsideBusinessHours of [false, true]) {
      const decisions = possibleDecisions({
        ...input,
        freeChangesPerMonth: limit,
        outsideBusinessHours,
      });
      expect(decisions).toHaveLength(limit + 1);
      for (let used = 0; used <= limit + 2; used += 1) {
        const expected = decideBilling({
          ...input,
          freeChangesPerMonth: limit,
          outsideBusinessHours,
          usedThisMonth: used,
        });
        // taking a free change when `used` were used before means ending at `used + 1`
        const entry = used < limit ? decisions[used + 1] : decisions[0];
        expect(entry).toEqual(expected);
      }
    }
  });

  it.each(['included', 'quote'] as const)('%s: a single entry, no free change taken', (mode) => {
    expect(possibleDecisions({ ...input, mode })).toEqual([{ kind: mode }]);
  });
});

describe('needsAcknowledgement', () => {
  it.each<[BillingDecision, boolean]>([
    [{ kind: 'included' }, false],
    [{ kind: 'free', freeChangesLeft: 0 }, false],
    [{ kind: 'free', freeChangesLeft: 3 }, false],
    [{ kind: 'billable', priceTokens: 2 }, true],
    [{ kind: 'billable', priceTokens: 0 }, true],
    [{ kind: 'quote' }, false],
  ])('%j → %s', (decision, expected) => {
    expect(needsAcknowledgement(decision)).toBe(expected);
  });
});

describe('billingMonth', () => {
  it.each([
    ['2026-11-30T22:59:59Z', 'Europe/Paris', '2026-11-01'],
    ['2026-11-30T23:00:00Z', 'Europe/Paris', '2026-12-01'],
    ['2026-11-30T23:30:00Z', 'Europe/Paris', '2026-12-01'],
    ['2026-12-31T22:59:59Z', 'Europe/Paris', '2026-12-01'],
    ['2026-12-31T23:00:00Z', 'Europe/Paris', '2027-01-01'],
    ['2026-03-31T21:59:59Z', 'Europe/Paris', '2026-03-01'],
    ['2026-03-31T22:00:00Z', 'Europe/Paris', '2026-04-01'],
    ['2026-10-31T22:59:59Z', 'Europe/Paris', '2026-10-01'],
    ['2026-10-31T23:00:00Z', 'Europe/Paris', '2026-11-01'],
    ['2026-07-15T12:00:00Z', 'Europe/Paris', '2026-07-01'],
    ['2026-02-28T23:00:00Z', 'Europe/Paris', '2026-03-01'],
    ['2026-11-30T23:30:00Z', 'UTC', '2026-11-01'],
    ['2026-12-01T00:00:00Z', 'UTC', '2026-12-01'],
    ['2026-12-31T23:59:59Z', 'UTC', '2026-12-01'],
    ['2027-01-01T00:00:00Z', 'UTC', '2027-01-01'],
    ['2026-12-01T04:59:59Z', 'America/New_York', '2026-11-01'],
    ['2026-12-01T05:00:00Z', 'America/New_York', '2026-12-01'],
  ])('%s in %s counts in %s', (at, timeZone, month) => {
    expect(billingMonth(new Date(at), timeZone)).toBe(month);
  });
});
