import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  instantOfWallTime,
  officeHours,
} from './business-hours.ts';
import type { BusinessCalendar, Pause } from './business-hours.ts';

// French public holidays of the days these tables cross (the API takes them from a holiday
// library; the domain receives them as a function).
const holidays = new Set([
  '2026-12-25',
  '2027-01-01',
  '2027-03-29', // Easter Monday, the day after the clocks go forward
  '2027-05-01',
  '2027-05-08',
  '2027-07-14',
  '2027-11-01',
]);
const paris: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  hours: officeHours,
  isHoliday: (day) => holidays.has(day),
};
const hour = 60;
const at = (iso: string): Date => new Date(iso);

describe('addBusinessMinutes', () => {
  it.each([
    // [what, start (UTC), business minutes, due (UTC)]
    ['within one day', '2026-12-01T09:00:00Z', 4 * hour, '2026-12-01T13:00:00Z'], // 10:00 → 14:00 Paris
    [
      'from before opening: counted from 09:00',
      '2026-12-01T05:00:00Z',
      hour,
      '2026-12-01T09:00:00Z',
    ],
    ['from after closing: the next morning', '2026-12-01T18:30:00Z', hour, '2026-12-02T09:00:00Z'],
    ['over the night', '2026-12-01T16:00:00Z', 2 * hour, '2026-12-02T09:00:00Z'], // 17:00 +1 h today, +1 h tomorrow
    ['over a weekend', '2026-12-04T16:00:00Z', 2 * hour, '2026-12-07T09:00:00Z'], // Fri 17:00 → Mon 10:00
    ['on a Saturday: Monday', '2026-12-05T10:00:00Z', 30, '2026-12-07T08:30:00Z'],
    ['over Christmas (a Friday)', '2026-12-24T16:00:00Z', 2 * hour, '2026-12-28T09:00:00Z'], // Thu 17:00 → Mon 10:00
    [
      'zero minutes: the start itself, even outside hours',
      '2026-12-05T10:00:00Z',
      0,
      '2026-12-07T08:00:00Z',
    ],
    ['exactly a full day', '2026-12-01T08:00:00Z', 9 * hour, '2026-12-01T17:00:00Z'],
    ['five days (a working week)', '2026-12-07T08:00:00Z', 5 * 9 * hour, '2026-12-11T17:00:00Z'],
    // The edge the issue names: 17:59 on a Friday before a bank holiday, and the clocks go
    // forward that Sunday: 1 min on Friday, Monday is Easter Monday, then Tuesday from 09:00
    // summer time (UTC+2).
    [
      '17:59 on the Friday before Easter Monday',
      '2027-03-26T16:59:00Z',
      4 * hour,
      '2027-03-30T10:59:00Z',
    ],
    ['in summer time (UTC+2)', '2027-07-01T07:00:00Z', hour, '2027-07-01T08:00:00Z'],
    [
      'the clocks go back (last Sunday of October)',
      '2027-10-29T16:00:00Z',
      2 * hour,
      '2027-11-02T10:00:00Z',
    ], // Fri 18:00 CEST closed; Mon 1 Nov holiday; Tue 09:00–11:00 CET
    // Completed tables (issue 20): holidays falling on working days, the day itself, and a
    // Friday at 17:59 before a bank holiday in summer time.
    [
      'on a bank holiday itself: the next working day',
      '2027-07-14T08:00:00Z',
      hour,
      '2027-07-15T08:00:00Z',
    ],
    [
      '17:59 on Friday 30 April, 1 May a Saturday: nothing lost, Monday',
      '2027-04-30T15:59:00Z',
      2 * hour,
      '2027-05-03T08:59:00Z',
    ],
    [
      '17:59 on Friday 14 May: Whit Monday is worked unless the calendar says otherwise',
      '2027-05-14T15:59:00Z',
      hour,
      '2027-05-17T07:59:00Z',
    ], // only the days `isHoliday` names are closed
    [
      'over the fall-back night itself (a 25-hour Sunday, closed)',
      '2027-10-30T08:00:00Z',
      hour,
      '2027-11-02T09:00:00Z',
    ], // Saturday → Monday 1 November (holiday) → Tuesday 09:00 CET
    [
      'the last minute of a day: one minute before closing',
      '2026-12-01T16:59:00Z',
      1,
      '2026-12-01T17:00:00Z',
    ],
  ])('%s', (_what, start, minutes, due) => {
    expect(addBusinessMinutes(at(start), minutes, paris)?.toISOString()).toBe(
      new Date(due).toISOString(),
    );
  });

  it('takes the pauses out: waiting for the customer does not count', () => {
    // 4 h from Tue 10:00; paused from 11:00 to Wed 11:00 → 1 h Tuesday, 3 h from Wed 11:00
    const pauses: Pause[] = [{ from: at('2026-12-01T10:00:00Z'), to: at('2026-12-02T10:00:00Z') }];
    expect(addBusinessMinutes(at('2026-12-01T09:00:00Z'), 4 * hour, paris, pauses)).toEqual(
      at('2026-12-02T13:00:00Z'),
    );
  });

  it('counts several pauses, overlapping ones once', () => {
    const pauses: Pause[] = [
      { from: at('2026-12-01T10:00:00Z'), to: at('2026-12-01T12:00:00Z') },
      { from: at('2026-12-01T11:00:00Z'), to: at('2026-12-01T13:00:00Z') },
      { from: at('2026-12-01T15:00:00Z'), to: at('2026-12-01T15:30:00Z') },
    ];
    // 09:00Z start (10:00 Paris): 1 h, paused 10–13Z, 13–15Z 2 h, paused 30 min, 15:30Z + 1 h
    expect(addBusinessMinutes(at('2026-12-01T09:00:00Z'), 4 * hour, paris, pauses)).toEqual(
      at('2026-12-01T16:30:00Z'),
    );
  });

  it('has no due date while a pause runs, unless the time ran out before it began', () => {
    const running: Pause[] = [{ from: at('2026-12-01T10:00:00Z'), to: null }];
    expect(addBusinessMinutes(at('2026-12-01T09:00:00Z'), 2 * hour, paris, running)).toBeNull();
    expect(addBusinessMinutes(at('2026-12-01T09:00:00Z'), 30, paris, running)).toEqual(
      at('2026-12-01T09:30:00Z'),
    );
  });

  it.each([
    // [what, pause from, pause to, due] for 4 h from Tuesday 1 December 10:00 Paris
    [
      'a pause outside hours takes nothing',
      '2026-12-01T18:00:00Z',
      '2026-12-02T07:00:00Z',
      '2026-12-01T13:00:00Z',
    ],
    [
      'a pause over the weekend takes Friday afternoon only',
      '2026-12-04T12:00:00Z',
      '2026-12-07T12:00:00Z',
      '2026-12-01T13:00:00Z',
    ],
    [
      'a pause from before the start moves the start',
      '2026-12-01T06:00:00Z',
      '2026-12-01T10:00:00Z',
      '2026-12-01T14:00:00Z',
    ],
    [
      'a pause across a holiday and a weekend',
      '2026-12-01T11:00:00Z',
      '2026-12-28T08:00:00Z',
      '2026-12-28T10:00:00Z',
    ],
  ])('%s', (_what, from, to, due) => {
    const pauses: Pause[] = [{ from: at(from), to: at(to) }];
    expect(addBusinessMinutes(at('2026-12-01T09:00:00Z'), 4 * hour, paris, pauses)).toEqual(
      at(due),
    );
  });

  it('counts a pause across the spring-forward night in business time only', () => {
    // Friday 26 March 2027 16:00 Paris (CET) + 4 h; paused from 17:00 to Tuesday 09:00 CEST
    const pauses: Pause[] = [{ from: at('2027-03-26T16:00:00Z'), to: at('2027-03-30T07:00:00Z') }];
    expect(addBusinessMinutes(at('2027-03-26T15:00:00Z'), 4 * hour, paris, pauses)).toEqual(
      at('2027-03-30T10:00:00Z'),
    );
  });

  it('ignores a pause that ended before it began (nothing subtracted)', () => {
    const pauses: Pause[] = [{ from: at('2026-12-01T12:00:00Z'), to: at('2026-12-01T11:00:00Z') }];
    expect(addBusinessMinutes(at('2026-12-01T09:00:00Z'), 4 * hour, paris, pauses)).toEqual(
      at('2026-12-01T13:00:00Z'),
    );
  });

  it('follows another time zone and other hours (a 24/7 support level, a Saturday morning)', () => {
    const allDay = {
      0: [0, 1440],
      1: [0, 1440],
      2: [0, 1440],
      3: [0, 1440],
      4: [0, 1440],
      5: [0, 1440],
      6: [0, 1440],
    } as const;
    const always: BusinessCalendar = {
      timeZone: 'Europe/Paris',
      hours: allDay,
      isHoliday: () => false,
    };
    expect(addBusinessMinutes(at('2026-12-04T16:59:00Z'), 4 * hour, always)).toEqual(
      at('2026-12-04T20:59:00Z'),
    );
    // 24/7 over the spring-forward night: 4 elapsed hours are 4 real hours
    expect(addBusinessMinutes(at('2027-03-27T23:00:00Z'), 4 * hour, always)).toEqual(
      at('2027-03-28T03:00:00Z'),
    );
    const reunion: BusinessCalendar = {
      timeZone: 'Indian/Reunion', // UTC+4, no daylight saving
      hours: { ...officeHours, 6: [540, 720] },
      isHoliday: () => false,
    };
    // Sat 11:00 Réunion (07:00Z): 1 h on Saturday morning, then Monday 09:00 (05:00Z) + 1 h
    expect(addBusinessMinutes(at('2026-12-05T07:00:00Z'), 2 * hour, reunion)).toEqual(
      at('2026-12-07T06:00:00Z'),
    );
  });

  it('refuses a negative duration, bad hours and a calendar with no working time', () => {
    expect(() => addBusinessMinutes(at('2026-12-01T09:00:00Z'), -1, paris)).toThrow(/zero or more/);
    expect(() =>
      addBusinessMinutes(at('2026-12-01T09:00:00Z'), 1, { ...paris, hours: { 1: [540, 1500] } }),
    ).toThrow(/within a day/);
    expect(() =>
      addBusinessMinutes(at('2026-12-01T09:00:00Z'), 1, { ...paris, hours: {} }),
    ).toThrow(/no working time/);
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    ['the same working day', '2026-12-01T09:00:00Z', '2026-12-01T11:30:00Z', 150],
    ['over a night', '2026-12-01T16:00:00Z', '2026-12-02T09:00:00Z', 120],
    ['over a weekend', '2026-12-04T16:00:00Z', '2026-12-07T09:00:00Z', 120],
    ['all outside hours', '2026-12-05T08:00:00Z', '2026-12-06T20:00:00Z', 0],
    ['end before start', '2026-12-02T09:00:00Z', '2026-12-01T09:00:00Z', 0],
    ['over Easter and the clock change', '2027-03-26T16:59:00Z', '2027-03-30T10:59:00Z', 240],
  ])('%s', (_what, start, end, minutes) => {
    expect(businessMinutesBetween(at(start), at(end), paris)).toBe(minutes);
  });

  it('is the inverse of addBusinessMinutes, pauses included', () => {
    const pauses: Pause[] = [{ from: at('2026-12-02T10:00:00Z'), to: at('2026-12-03T15:00:00Z') }];
    const start = at('2026-12-01T13:17:00Z');
    for (const minutes of [0, 1, 59, 600, 1_234, 5_000]) {
      const due = addBusinessMinutes(start, minutes, paris, pauses);
      expect(due).not.toBeNull();
      expect(businessMinutesBetween(start, due as Date, paris, pauses)).toBe(minutes);
    }
  });

  it('counts a running pause as paused up to the end measured', () => {
    const running: Pause[] = [{ from: at('2026-12-01T10:00:00Z'), to: null }];
    expect(
      businessMinutesBetween(
        at('2026-12-01T09:00:00Z'),
        at('2026-12-01T15:00:00Z'),
        paris,
        running,
      ),
    ).toBe(60);
  });
});

describe('instantOfWallTime', () => {
  it.each([
    ['winter', '2026-12-01', 9 * hour, 'Europe/Paris', '2026-12-01T08:00:00Z'],
    ['summer', '2027-07-01', 9 * hour, 'Europe/Paris', '2027-07-01T07:00:00Z'],
    [
      'a time skipped by the spring change: after the jump',
      '2027-03-28',
      150,
      'Europe/Paris',
      '2027-03-28T01:30:00Z',
    ],
    [
      'a time lived twice in autumn: the first passage',
      '2027-10-31',
      150,
      'Europe/Paris',
      '2027-10-31T00:30:00Z',
    ],
    ['24:00 is the next midnight', '2026-12-01', 1440, 'Europe/Paris', '2026-12-01T23:00:00Z'],
    ['New York', '2026-12-01', 9 * hour, 'America/New_York', '2026-12-01T14:00:00Z'],
  ])('%s', (_what, day, minutes, zone, instant) => {
    expect(instantOfWallTime(day, minutes, zone).toISOString()).toBe(
      new Date(instant).toISOString(),
    );
  });
});
