import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatEuros,
  formatFileSize,
  formatNumber,
  localDateTimeValue,
  localDateValue,
} from './format.ts';

// Intl separates French thousands and the euro sign with (narrow) no-break spaces.
const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('format', () => {
  it('formats euros per locale', () => {
    expect(plainSpaces(formatEuros(1234.5, 'fr'))).toBe('1 234,50 €');
    expect(formatEuros(1234.5, 'en')).toBe('€1,234.50');
  });

  it('formats numbers per locale', () => {
    expect(plainSpaces(formatNumber(51200, 'fr'))).toBe('51 200');
    expect(formatNumber(51200, 'en')).toBe('51,200');
  });

  it('formats dates in the given time zone', () => {
    expect(formatDate('2026-11-28T23:30:00Z', 'fr', 'UTC')).toBe('28 nov. 2026');
    expect(formatDate('2026-11-28T23:30:00Z', 'fr', 'Europe/Paris')).toBe('29 nov. 2026');
    expect(plainSpaces(formatDateTime('2026-11-28T14:05:00Z', 'fr', 'UTC'))).toBe(
      '28 nov. 2026, 14:05',
    );
    expect(formatDateTime('2026-11-28T14:05:00Z', 'en', 'UTC')).toBe('28 Nov 2026, 14:05');
  });

  it('shows nothing for a missing or broken date', () => {
    expect(formatDateTime(null, 'fr')).toBe('');
    expect(formatDateTime('not a date', 'fr')).toBe('');
    expect(formatDate(undefined, 'en')).toBe('');
  });
});

describe('formatFileSize', () => {
  it.each([
    [512, 'fr', '512 o'],
    [512, 'en', '512 B'],
    [12_800, 'fr', '12,5 Ko'],
    [12_800, 'en', '12.5 KB'],
    [3_565_158, 'fr', '3,4 Mo'],
    [3_565_158, 'en', '3.4 MB'],
  ] as const)('%i bytes in %s is %s', (bytes, locale, text) => {
    expect(plainSpaces(formatFileSize(bytes, locale))).toBe(text);
  });
});

describe('the browser-local values of date inputs', () => {
  it.each([
    [new Date(2026, 0, 5, 7, 3), '2026-01-05', '2026-01-05T07:03'],
    [new Date(2026, 11, 31, 23, 59), '2026-12-31', '2026-12-31T23:59'],
  ])('%s → %s and %s', (date, day, dateTime) => {
    expect(localDateValue(date)).toBe(day);
    expect(localDateTimeValue(date)).toBe(dateTime);
  });
});
