import { describe, expect, it } from 'vitest';
import { csvDateTime, csvRecord, neutralizeCsvCell } from './csv.ts';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("x")', '\'=HYPERLINK("x")'],
    ['+33 1 23', "'+33 1 23"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['Modifier mes quotas', 'Modifier mes quotas'],
    ['CHG-2026-000001', 'CHG-2026-000001'],
    ['', ''],
  ])('%j → %j', (value, expected) => {
    expect(neutralizeCsvCell(value)).toBe(expected);
  });
});

describe('CSV records', () => {
  it.each([
    [['a', 'b'], 'comma', 'a,b\r\n'],
    [['a', 'b'], 'semicolon', 'a;b\r\n'],
    [['1,5', 'x'], 'comma', '"1,5",x\r\n'],
    [['un; deux', 'x'], 'semicolon', '"un; deux";x\r\n'],
    [['il dit "oui"'], 'comma', '"il dit ""oui"""\r\n'],
    [['deux\nlignes'], 'comma', '"deux\nlignes"\r\n'],
    [['=1+1', 12.5, 3], 'semicolon', "'=1+1;12.5;3\r\n"],
  ] as const)('%j with %s → %j', (cells, separator, expected) => {
    expect(csvRecord(cells, separator)).toBe(expected);
  });
});

describe('CSV dates on the user’s wall clock', () => {
  it.each([
    ['2026-07-14T10:05:00Z', 'Europe/Paris', '2026-07-14 12:05'],
    ['2026-01-14T10:05:00Z', 'Europe/Paris', '2026-01-14 11:05'],
    ['2026-03-29T01:30:00Z', 'Europe/Paris', '2026-03-29 03:30'],
    ['2026-12-31T23:30:00Z', 'Europe/Paris', '2027-01-01 00:30'],
    ['2026-12-31T23:30:00Z', 'UTC', '2026-12-31 23:30'],
    ['2026-07-14T03:00:00Z', 'America/Montreal', '2026-07-13 23:00'],
    ['2026-07-14T00:00:00Z', 'Asia/Kolkata', '2026-07-14 05:30'],
    // the autumn change in Paris: 03:00 CEST becomes 02:00 CET at 01:00 UTC
    ['2026-10-25T00:59:00Z', 'Europe/Paris', '2026-10-25 02:59'],
    ['2026-10-25T01:00:00Z', 'Europe/Paris', '2026-10-25 02:00'],
    // Lord Howe moves by half an hour, at 15:30 UTC (02:00 local, +10:30 → +11)
    ['2026-10-03T15:29:00Z', 'Australia/Lord_Howe', '2026-10-04 01:59'],
    ['2026-10-03T15:30:00Z', 'Australia/Lord_Howe', '2026-10-04 02:30'],
    ['1969-07-20T20:17:40Z', 'UTC', '1969-07-20 20:17'],
  ])('%s in %s → %s', (at, timeZone, expected) => {
    expect(csvDateTime(new Date(at), timeZone)).toBe(expected);
  });
});
