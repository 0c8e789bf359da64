import { describe, expect, it } from 'vitest';
import {
  addTotals,
  billedLines,
  centsToDecimal,
  eurosToCents,
  isBilledIn,
  isMonthClosable,
  lastClosableMonth,
  lineOf,
  monthPattern,
  nextMonthStart,
  previousMonthStart,
  statementTotals,
  termsAt,
  termsOfMonth,
} from './statement.ts';
import type { ChangeCandidate, TermsInForce, QuoteCandidate } from './statement.ts';

const change: ChangeCandidate = {
  kind: 'change',
  requestId: 'r1',
  number: 'CHG-2026-000001',
  articleNameFr: 'Modifier mes quotas',
  articleNameEn: 'Change my quotas',
  status: 'done',
  billing: { kind: 'billable', priceTokens: 3 },
  billingMonth: '2026-11-01',
  submittedAt: new Date('2026-11-10T10:00:00Z'),
  outsideBusinessHours: false,
};
const quote: QuoteCandidate = {
  kind: 'quote',
  requestId: 'r2',
  quoteId: 'q1',
  number: 'CHG-2026-000002',
  articleNameFr: 'Demande hors catalogue',
  articleNameEn: 'Off-catalog request',
  quoteStatus: 'accepted',
  answeredAt: new Date('2026-11-15T10:00:00Z'),
  amountTokens: 7,
  amountEur: '87.43',
};
const history: TermsInForce[] = [
  { validFrom: null, tokenPriceEur: '12.50', freeChangesPerMonth: 2 },
  { validFrom: new Date('2026-11-12T00:00:00Z'), tokenPriceEur: '15.00', freeChangesPerMonth: 5 },
  { validFrom: new Date('2026-12-03T08:00:00Z'), tokenPriceEur: '20.10', freeChangesPerMonth: 1 },
];

describe('month arithmetic', () => {
  it.each([
    ['2026-11-01', '2026-12-01', '2026-10-01'],
    ['2026-12-01', '2027-01-01', '2026-11-01'],
    ['2027-01-01', '2027-02-01', '2026-12-01'],
  ])('%s: next %s, previous %s', (start, next, previous) => {
    expect(nextMonthStart(start)).toBe(next);
    expect(previousMonthStart(start)).toBe(previous);
  });

  it.each([
    ['2026-11', true],
    ['2026-12', true],
    ['2026-13', false],
    ['2026-00', false],
    ['2026-1', false],
    ['2026-11-01', false],
    ['nov', false],
  ])('%s is a month: %s', (value, expected) => {
    expect(monthPattern.test(value)).toBe(expected);
  });

  it.each([
    // Paris is UTC+1 in winter: November is over there at 23:00 UTC on the 30th, + 10 min
    ['2026-11-01', '2026-11-30T23:09:59Z', 'Europe/Paris', false],
    ['2026-11-01', '2026-11-30T23:10:00Z', 'Europe/Paris', true],
    // still November in Martinique (UTC−4) until 04:00 UTC on 1 December
    ['2026-11-01', '2026-12-01T02:00:00Z', 'America/Martinique', false],
    ['2026-11-01', '2026-12-01T04:10:00Z', 'America/Martinique', true],
    // the current month never closes
    ['2026-12-01', '2026-12-20T10:00:00Z', 'Europe/Paris', false],
    ['2026-10-01', '2026-11-01T00:00:00Z', 'Europe/Paris', true],
  ])('%s closable at %s in %s: %s', (start, now, timeZone, expected) => {
    expect(isMonthClosable(start, new Date(now), timeZone)).toBe(expected);
  });

  it.each([
    ['2026-12-04T10:00:00Z', 'Europe/Paris', '2026-11-01'],
    ['2026-11-30T23:05:00Z', 'Europe/Paris', '2026-10-01'],
    ['2026-11-30T23:15:00Z', 'Europe/Paris', '2026-11-01'],
    ['2027-01-15T00:00:00Z', 'Asia/Tokyo', '2026-12-01'],
  ])('last closable month at %s in %s: %s', (now, timeZone, expected) => {
    expect(lastClosableMonth(new Date(now), timeZone)).toBe(expected);
  });
});

describe('terms in force', () => {
  it.each([
    ['2026-11-10T10:00:00Z', '12.50'],
    ['2026-11-11T23:59:59Z', '12.50'],
    ['2026-11-12T00:00:00Z', '15.00'],
    ['2026-12-03T07:59:59Z', '15.00'],
    ['2027-05-01T00:00:00Z', '20.10'],
  ])('at %s the token price is %s', (at, price) => {
    expect(termsAt(history, new Date(at)).tokenPriceEur).toBe(price);
  });

  it.each([
    ['2026-10-01', 2],
    ['2026-11-01', 5],
    ['2026-12-01', 1],
  ])('the free changes included in %s are those at its end: %i', (start, free) => {
    expect(termsOfMonth(history, start, 'Europe/Paris').freeChangesPerMonth).toBe(free);
  });

  it('refuses a history with nothing in force', () => {
    expect(() => termsAt([history[1]!], new Date('2026-01-01T00:00:00Z'))).toThrow();
  });
});

describe('amounts to the cent', () => {
  it.each([
    ['12.50', 1250],
    ['12.5', 1250],
    ['12', 1200],
    ['0.07', 7],
    ['99999999.99', 9999999999],
  ])('%s € is %i cents', (euros, cents) => {
    expect(eurosToCents(euros)).toBe(cents);
  });

  it.each(['12.505', '-1', 'douze', ''])('refuses %j', (euros) => {
    expect(() => eurosToCents(euros)).toThrow();
  });

  it.each([
    [0, '0.00'],
    [7, '0.07'],
    [123450, '1234.50'],
    [-250, '-2.50'],
  ])('%i cents is written %s', (cents, text) => {
    expect(centsToDecimal(cents)).toBe(text);
  });
});

const free: ChangeCandidate = {
  ...change,
  requestId: 'r5',
  number: 'CHG-2026-000005',
  billing: { kind: 'free', freeChangesLeft: 1 },
  submittedAt: new Date('2026-11-05T10:00:00Z'),
};

describe('which requests a month lists', () => {
  it.each<[string, ChangeCandidate | QuoteCandidate, boolean]>([
    ['a billable change of the month', change, true],
    ['a billable change still in review', { ...change, status: 'in_review' }, true],
    ['a billable change rejected', { ...change, status: 'rejected' }, false],
    ['a billable change cancelled', { ...change, status: 'cancelled' }, false],
    ['a billable change of another month', { ...change, billingMonth: '2026-10-01' }, false],
    ['a free change of the month (listed at 0 €)', free, true],
    ['a free change still in review', { ...free, status: 'in_review' }, true],
    // its free change was taken at confirmation and is not given back: listed, counted as used
    ['a free change rejected', { ...free, status: 'rejected' }, true],
    ['a free change cancelled', { ...free, status: 'cancelled' }, true],
    ['a free change of another month', { ...free, billingMonth: '2026-10-01' }, false],
    [
      'an included change (part of the offer, not listed)',
      { ...change, billing: { kind: 'included' } },
      false,
    ],
    ['a change on quote (the quote bills)', { ...change, billing: { kind: 'quote' } }, false],
    ['a quote accepted in the month', quote, true],
    ['a quote refused', { ...quote, quoteStatus: 'refused' }, false],
    ['a quote sent, not answered', { ...quote, quoteStatus: 'sent', answeredAt: null }, false],
    ['a quote expired', { ...quote, quoteStatus: 'expired' }, false],
    [
      'a quote accepted at 00:30 on 1 December in Paris (December)',
      { ...quote, answeredAt: new Date('2026-11-30T23:30:00Z') },
      false,
    ],
    [
      'a quote accepted at 00:30 on 1 November in Paris (November)',
      { ...quote, answeredAt: new Date('2026-10-31T23:30:00Z') },
      true,
    ],
  ])('%s: %s', (_name, candidate, expected) => {
    expect(isBilledIn(candidate, '2026-11-01', 'Europe/Paris')).toBe(expected);
  });
});

describe('a statement from its lines', () => {
  it.each([
    ['before the price change', change, 3, '12.50', 3750],
    [
      'after the price change',
      { ...change, submittedAt: new Date('2026-11-20T10:00:00Z') },
      3,
      '15.00',
      4500,
    ],
    [
      'outside business hours (tokens already doubled)',
      { ...change, billing: { kind: 'billable', priceTokens: 6 }, outsideBusinessHours: true },
      6,
      '12.50',
      7500,
    ],
  ] as const)('a change %s', (_name, candidate, tokens, price, cents) => {
    const line = lineOf(candidate, history);
    expect(line).toMatchObject({ tokens, tokenPriceEur: price, amountCents: cents });
  });

  it('prices a quote with the euros it was sent with, not today’s price', () => {
    expect(lineOf(quote, history)).toMatchObject({
      kind: 'quote',
      tokens: 7,
      tokenPriceEur: null,
      amountCents: 8743,
    });
  });

  it.each([
    ['done', 'done', null],
    ['in review', 'in_review', null],
    ['rejected', 'rejected', 'rejected'],
    ['cancelled', 'cancelled', 'cancelled'],
  ] as const)('a free change %s is a 0 € line (ended as %s)', (_name, status, ended) => {
    expect(lineOf({ ...free, status }, history)).toEqual({
      kind: 'free',
      requestId: 'r5',
      quoteId: null,
      number: 'CHG-2026-000005',
      articleNameFr: 'Modifier mes quotas',
      articleNameEn: 'Change my quotas',
      at: new Date('2026-11-05T10:00:00Z'),
      tokens: 0,
      tokenPriceEur: null,
      amountCents: 0,
      outsideBusinessHours: false,
      endedAs: ended,
    });
  });

  it('lists the free changes first, then the billed ones, then quotes; free lines add nothing to the totals', () => {
    const laterFree = { ...free, requestId: 'r6', submittedAt: new Date('2026-11-28T10:00:00Z') };
    const cancelledFree = {
      ...free,
      requestId: 'r7',
      number: 'CHG-2026-000007',
      status: 'cancelled' as const,
    };
    const included = { ...change, requestId: 'r8', billing: { kind: 'included' as const } };
    const lines = billedLines(
      [quote, laterFree, change, included, cancelledFree, free],
      history,
      '2026-11-01',
      'UTC',
    );
    expect(lines.map((line) => [line.kind, line.requestId])).toEqual([
      ['free', 'r5'],
      ['free', 'r7'],
      ['free', 'r6'],
      ['change', 'r1'],
      ['quote', 'r2'],
    ]);
    expect(statementTotals(lines)).toEqual(
      statementTotals(billedLines([quote, change], history, '2026-11-01', 'UTC')),
    );
    expect(statementTotals(lines)).toEqual({
      changeCount: 1,
      quoteCount: 1,
      tokens: 3 + 7,
      cents: 3750 + 8743,
    });
  });

  it('keeps the billed lines, changes first then quotes, in time order, and totals them', () => {
    const later = { ...change, requestId: 'r3', submittedAt: new Date('2026-11-25T10:00:00Z') };
    const cancelled = { ...change, requestId: 'r4', status: 'cancelled' as const };
    const lines = billedLines([quote, later, cancelled, change], history, '2026-11-01', 'UTC');
    expect(lines.map((line) => line.requestId)).toEqual(['r1', 'r3', 'r2']);
    expect(statementTotals(lines)).toEqual({
      changeCount: 2,
      quoteCount: 1,
      tokens: 3 + 3 + 7,
      cents: 3750 + 4500 + 8743,
    });
  });

  it.each([
    [[], { changeCount: 0, quoteCount: 0, tokens: 0, cents: 0 }],
    [
      // 0.1 + 0.2 in floating euros is not 0.3; in cents it is
      [
        { kind: 'change' as const, tokens: 1, amountCents: 10 },
        { kind: 'change' as const, tokens: 1, amountCents: 20 },
      ],
      { changeCount: 2, quoteCount: 0, tokens: 2, cents: 30 },
    ],
    [
      [
        { kind: 'free' as const, tokens: 0, amountCents: 0 },
        { kind: 'quote' as const, tokens: 2, amountCents: 250 },
      ],
      { changeCount: 0, quoteCount: 1, tokens: 2, cents: 250 },
    ],
  ])('totals %j', (lines, expected) => {
    expect(statementTotals(lines)).toEqual(expected);
  });

  it('adds statements’ totals', () => {
    expect(
      addTotals([
        { changeCount: 1, quoteCount: 2, tokens: 3, cents: 4 },
        { changeCount: 10, quoteCount: 20, tokens: 30, cents: 40 },
      ]),
    ).toEqual({ changeCount: 11, quoteCount: 22, tokens: 33, cents: 44 });
  });
});
