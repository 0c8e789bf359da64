import { describe, expect, it } from 'vitest';
import {
  isQuoteExpired,
  localDate,
  maxQuoteValidityDays,
  quoteValidityProblem,
  tokensToEuros,
} from './quote.ts';

const paris = 'Europe/Paris';

describe('localDate', () => {
  it.each([
    ['2026-11-20T10:00:00Z', paris, '2026-11-20'],
    ['2026-11-20T23:30:00Z', paris, '2026-11-21'],
    ['2026-11-20T23:30:00Z', 'UTC', '2026-11-20'],
    ['2026-06-30T22:00:00Z', paris, '2026-07-01'],
    ['2026-06-30T21:59:59Z', paris, '2026-06-30'],
    ['2026-01-01T04:00:00Z', 'America/New_York', '2025-12-31'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(localDate(new Date(iso), zone)).toBe(expected);
  });
});

describe('isQuoteExpired', () => {
  it.each([
    // valid through the whole day in Paris
    ['2026-11-20', '2026-11-20T22:59:59Z', false],
    ['2026-11-20', '2026-11-20T23:00:00Z', true],
    ['2026-11-20', '2026-11-19T10:00:00Z', false],
    ['2026-11-20', '2026-12-01T10:00:00Z', true],
    // summer time: midnight in Paris is 22:00 UTC
    ['2026-07-14', '2026-07-14T21:59:59Z', false],
    ['2026-07-14', '2026-07-14T22:00:00Z', true],
  ])('valid until %s, at %s → expired %s', (validUntil, iso, expected) => {
    expect(isQuoteExpired(validUntil, new Date(iso), paris)).toBe(expected);
  });
});

describe('quoteValidityProblem', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  it.each([
    ['2026-11-20', null],
    ['2026-11-21', null],
    ['2027-11-21', null],
    ['2027-11-22', 'too_far'],
    ['2026-11-19', 'in_the_past'],
    ['2026-02-30', 'invalid_date'],
    ['2026-13-01', 'invalid_date'],
    ['20261120', 'invalid_date'],
    ['', 'invalid_date'],
  ])('%s → %s', (validUntil, expected) => {
    expect(quoteValidityProblem(validUntil, now, paris)).toBe(expected);
  });

  it('counts today in the contract time zone', () => {
    // 23:30 UTC on the 20th is already the 21st in Paris
    expect(quoteValidityProblem('2026-11-20', new Date('2026-11-20T23:30:00Z'), paris)).toBe(
      'in_the_past',
    );
    expect(quoteValidityProblem('2026-11-20', new Date('2026-11-20T23:30:00Z'), 'UTC')).toBe(null);
  });

  it('allows about a year ahead', () => {
    expect(maxQuoteValidityDays).toBe(366);
  });
});

describe('tokensToEuros', () => {
  it.each([
    [0, 50, 0],
    [12, 50, 600],
    [3, 33.33, 99.99],
    [1, 0.005, 0.01],
    [7, 55, 385],
  ])('%i tokens at %f € → %f €', (tokens, price, expected) => {
    expect(tokensToEuros(tokens, price)).toBe(expected);
  });
});
