import { describe, expect, it } from 'vitest';
import { formatRequestNumber, parseRequestNumber } from './request-number.ts';

describe('formatRequestNumber', () => {
  it.each([
    [2026, 0, 'CHG-2026-000000'],
    [2026, 1, 'CHG-2026-000001'],
    [2026, 123, 'CHG-2026-000123'],
    [2027, 99_999, 'CHG-2027-099999'],
    [2026, 999_999, 'CHG-2026-999999'],
    [2026, 1_000_000, 'CHG-2026-1000000'],
    [2026, 12_345_678, 'CHG-2026-12345678'],
  ])('%i, %i → %s', (year, sequence, expected) => {
    expect(formatRequestNumber(year, sequence)).toBe(expected);
  });

  it.each([
    [2026, 1],
    [2026, 123],
    [2031, 999_999],
    [2026, 1_000_000],
    [2026, 12_345_678],
  ])('round-trips %i, %i through parseRequestNumber', (year, sequence) => {
    expect(parseRequestNumber(formatRequestNumber(year, sequence))).toEqual({ year, sequence });
  });
});

describe('parseRequestNumber', () => {
  it.each([
    ['CHG-2026-000123', { year: 2026, sequence: 123 }],
    ['chg-2026-000123', { year: 2026, sequence: 123 }],
    ['  CHG-2026-000123\n', { year: 2026, sequence: 123 }],
    ['CHG-2026-1234567', { year: 2026, sequence: 1_234_567 }],
    ['CHG-2026-0001234', { year: 2026, sequence: 1234 }],
  ])('%j → %j', (text, expected) => {
    expect(parseRequestNumber(text)).toEqual(expected);
  });

  it.each([
    '',
    'CHG',
    'CHG-2026',
    'CHG-2026-',
    'CHG-2026-12345',
    'CHG-26-000123',
    'CHG-02026-000123',
    'INC-2026-000123',
    'CHG2026000123',
    'CHG_2026_000123',
    'CHG-2026-000123x',
    'xCHG-2026-000123',
    'CHG-2026-000 123',
    'CHG-2026--00123',
    'CHG-2026-00012a',
    'CHG-ABCD-000123',
  ])('rejects %j', (text) => {
    expect(parseRequestNumber(text)).toBeNull();
  });
});
