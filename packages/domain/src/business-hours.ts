import { wallClockOf, zoneOffsetMinutes } from './calendar.ts';
import { DomainError } from './errors.ts';

/**
 * Business-hours arithmetic for due dates (issue 20): time counted only during a contract's
 * opening hours, in its time zone, outside its public holidays and outside the pauses (while
 * the request waits for the customer's answer or for an approval).
 *
 * Pure: the holidays come in as a function (the API fills it from a maintained holiday library),
 * and the time zone is handled through `Intl`, so daylight-saving changes are the zone's own.
 */

/** A day of the week as `Date.getUTCDay()` numbers it: 0 is Sunday, 6 is Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Opening hours of one day, in minutes after local midnight: `[540, 1080]` is 09:00–18:00. */
export type OpeningHours = readonly [open: number, close: number];

export interface BusinessCalendar {
  timeZone: string;
  /** Days missing from the map are closed. */
  hours: Partial<Record<Weekday, OpeningHours>>;
  /** `YYYY-MM-DD` in the calendar's time zone → whether that day is a public holiday. */
  isHoliday: (day: string) => boolean;
}

/** A half-open span of time `[from, to)`; `to: null` is a pause still running. */
export interface Pause {
  from: Date;
  to: Date | null;
}

/** Monday to Friday, 09:00–18:00: the default of a support level without its own hours. */
export const officeHours: BusinessCalendar['hours'] = {
  1: [540, 1080],
  2: [540, 1080],
  3: [540, 1080],
  4: [540, 1080],
  5: [540, 1080],
};

const minute = 60_000;
/** How far the arithmetic looks ahead before deciding the calendar has no working time. */
const horizonDays = 3_700;

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTimeAt(at: Date, timeZone: string): WallTime {
  // the zone's offset from a cache (one Intl call a quarter of an hour): this runs a dozen
  // times for each day a due date walks, at every confirmation (decision 0036)
  const wall = wallClockOf(at, timeZone);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (+1 h in Paris in winter). */
function offsetAt(at: Date, timeZone: string): number {
  return zoneOffsetMinutes(at.getTime(), timeZone) * 60_000;
}

/**
 * The instant a local wall time names. A time skipped by a daylight-saving change (02:30 on
 * the spring-forward night) is taken as the same time after the jump (03:30); a time lived
 * twice (02:30 on the fall-back night), at its first passage.
 */
export function instantOfWallTime(
  day: string,
  minutesAfterMidnight: number,
  timeZone: string,
): Date {
  if (minutesAfterMidnight >= 1440) {
    return instantOfWallTime(nextDay(day), minutesAfterMidnight - 1440, timeZone);
  }
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(year, month - 1, date, 0, minutesAfterMidnight);
  // A zone's offset changes at most once around a given day: the offsets a day before and a
  // day after are the only two candidates.
  const before = offsetAt(new Date(asUtc - 86_400_000), timeZone);
  const after = offsetAt(new Date(asUtc + 86_400_000), timeZone);
  const names = (candidate: number): boolean =>
    localMinutes(new Date(candidate), timeZone, day) === minutesAfterMidnight;
  const valid = [asUtc - before, asUtc - after].filter(names);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(asUtc - before);
}

function localMinutes(at: Date, timeZone: string, day: string): number | null {
  const wall = wallTimeAt(at, timeZone);
  const wallDay = `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
  return wallDay === day ? wall.hour * 60 + wall.minute : null;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function localDayOf(at: Date, timeZone: string): string {
  const wall = wallTimeAt(at, timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}

function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month - 1, date + 1));
  return next.toISOString().slice(0, 10);
}

function weekdayOf(day: string): Weekday {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date)).getUTCDay() as Weekday;
}

/** The working spans `[from, to)` (epoch ms) of a local day, or none when it is closed. */
function openSpan(day: string, calendar: BusinessCalendar): [number, number] | null {
  const hours = calendar.hours[weekdayOf(day)];
  if (!hours || hours[1] <= hours[0] || calendar.isHoliday(day)) return null;
  return [
    instantOfWallTime(day, hours[0], calendar.timeZone).getTime(),
    instantOfWallTime(day, hours[1], calendar.timeZone).getTime(),
  ];
}

/** `[from, to)` minus the pauses, as ordered disjoint spans. */
function withoutPauses(
  span: [number, number],
  pauses: readonly Pause[],
  now: number,
): [number, number][] {
  let spans: [number, number][] = [span];
  for (const pause of pauses) {
    const pauseFrom = pause.from.getTime();
    // a running pause lasts until `now` (the end of the span measured, or for ever)
    const pauseTo = pause.to === null ? Math.max(now, pauseFrom) : pause.to.getTime();
    if (pauseTo <= pauseFrom) continue;
    spans = spans.flatMap(([from, to]): [number, number][] => {
      if (pauseTo <= from || pauseFrom >= to) return [[from, to]];
      const kept: [number, number][] = [];
      if (pauseFrom > from) kept.push([from, pauseFrom]);
      if (pauseTo < to) kept.push([pauseTo, to]);
      return kept;
    });
  }
  return spans;
}

function validCalendar(calendar: BusinessCalendar): void {
  for (const hours of Object.values(calendar.hours)) {
    if (!hours) continue;
    const [open, close] = hours;
    if (!Number.isInteger(open) || !Number.isInteger(close) || open < 0 || close > 1440) {
      throw new DomainError('validation_failed', 'Opening hours lie within a day, in minutes', [
        { path: 'hours', message: 'Opening hours lie within 00:00–24:00', rule: 'range' },
      ]);
    }
  }
}

/**
 * The instant at which `minutes` of business time have passed since `start`, the pauses not
 * counted. A running pause (`to: null`) stops the clock: the answer is then null, as no due
 * date exists until the pause ends.
 */
export function addBusinessMinutes(
  start: Date,
  minutes: number,
  calendar: BusinessCalendar,
  pauses: readonly Pause[] = [],
): Date | null {
  validCalendar(calendar);
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new DomainError('validation_failed', 'A duration is zero or more minutes', [
      { path: 'minutes', message: 'A duration is zero or more minutes', rule: 'min' },
    ]);
  }
  const running = pauses.find((pause) => pause.to === null);
  let left = minutes * minute;
  let day = localDayOf(start, calendar.timeZone);
  const begin = start.getTime();
  for (let count = 0; count < horizonDays; count += 1, day = nextDay(day)) {
    const span = openSpan(day, calendar);
    if (!span) continue;
    const from = Math.max(span[0], begin);
    if (from >= span[1]) continue;
    const bounded: [number, number] = [from, span[1]];
    const spans = withoutPauses(bounded, pauses, Number.POSITIVE_INFINITY);
    for (const [spanFrom, spanTo] of spans) {
      const length = spanTo - spanFrom;
      if (left <= length) return new Date(spanFrom + left);
      left -= length;
    }
    if (running && running.from.getTime() <= span[1]) return null;
  }
  if (running) return null;
  throw new DomainError('validation_failed', 'The calendar has no working time', [
    { path: 'hours', message: 'No working time within ten years', rule: 'required' },
  ]);
}

/**
 * The business time, in whole minutes, between `start` and `end` with the pauses taken out
 * (how long a request has been in the provider's hands, for "at risk" and "late").
 */
export function businessMinutesBetween(
  start: Date,
  end: Date,
  calendar: BusinessCalendar,
  pauses: readonly Pause[] = [],
): number {
  validCalendar(calendar);
  if (end.getTime() <= start.getTime()) return 0;
  let total = 0;
  let day = localDayOf(start, calendar.timeZone);
  const lastDay = localDayOf(end, calendar.timeZone);
  for (let count = 0; count < horizonDays; count += 1, day = nextDay(day)) {
    const span = openSpan(day, calendar);
    if (span) {
      const from = Math.max(span[0], start.getTime());
      const to = Math.min(span[1], end.getTime());
      if (from < to) {
        for (const [spanFrom, spanTo] of withoutPauses([from, to], pauses, end.getTime())) {
          total += spanTo - spanFrom;
        }
      }
    }
    if (day === lastDay) break;
  }
  return Math.floor(total / minute);
}
