import { describe, expect, it } from 'vitest';
import { formatDecimal, parseDecimal, parseInteger } from './number-text.ts';

describe('parseInteger', () => {
  it.each<[string, number | string | undefined]>([
    ['', undefined],
    ['  ', undefined],
    ['42', 42],
    [' -7 ', -7],
    ['4.5', '4.5'],
    ['12a', '12a'],
  ])('%j reads as %j', (text, expected) => {
    expect(parseInteger(text)).toBe(expected);
  });
});

describe('parseDecimal', () => {
  it.each<[string, number | string | undefined]>([
    ['', undefined],
    ['2,5', 2.5],
    ['2.5', 2.5],
    ['-0,25', -0.25],
    [',5', 0.5],
    ['2,', 2],
    ['1 000,5', 1000.5],
    ['10', 10],
    ['2,5,1', '2,5,1'],
    ['1e5', '1e5'],
    ['abc', 'abc'],
  ])('%j reads as %j', (text, expected) => {
    expect(parseDecimal(text)).toBe(expected);
  });
});

describe('formatDecimal', () => {
  it.each<[unknown, 'fr' | 'en', string]>([
    [2.5, 'fr', '2,5'],
    [2.5, 'en', '2.5'],
    [10, 'fr', '10'],
    ['2,', 'fr', '2,'],
    [undefined, 'fr', ''],
  ])('%j in %s shows as %j', (value, locale, expected) => {
    expect(formatDecimal(value, locale)).toBe(expected);
  });

  it('reads back what it shows', () => {
    for (const value of [0.1, 2.75, -3.5, 1000.25]) {
      expect(parseDecimal(formatDecimal(value, 'fr'))).toBe(value);
      expect(parseDecimal(formatDecimal(value, 'en'))).toBe(value);
    }
  });
});
