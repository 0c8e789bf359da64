import { describe, expect, it } from 'vitest';
import { wallClockOf, zoneOffsetMinutes } from './calendar.ts';

/** The wall clock as Intl writes it, to the second: what the cache must give back. */
const intlFormatters = new Map<string, Intl.DateTimeFormat>();
function intlWallClock(at: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  const formatter =
    intlFormatters.get(timeZone) ??
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
  intlFormatters.set(timeZone, formatter);
  for (const part of formatter.formatToParts(at)) parts[part.type] = part.value;
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}`;
}

describe('the cached zone offset', () => {
  // half-hour and three-quarter offsets, half-hour daylight saving, both hemispheres
  const zones = [
    'Europe/Paris',
    'America/New_York',
    'America/St_Johns',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Indian/Reunion',
    'UTC',
  ];

  it('gives Intl’s wall clock at every instant, around each change and between', () => {
    // every 2 h 37 min 11 s over three years, then every minute for 40 minutes around each
    // change the coarse walk found: the instants just before and after each one are checked
    const from = Date.UTC(2025, 0, 1);
    const to = Date.UTC(2028, 0, 1);
    const step = (2 * 60 + 37) * 60_000 + 11_000;
    let changes = 0;
    for (const timeZone of zones) {
      const offsetOf = (at: number) =>
        Date.parse(`${intlWallClock(new Date(at), timeZone)}Z`) - Math.floor(at / 1000) * 1000;
      let previous = offsetOf(from);
      for (let at = from; at < to; at += step) {
        const instant = new Date(at);
        expect(wallClockOf(instant, timeZone).toISOString().slice(0, 19), timeZone).toBe(
          intlWallClock(instant, timeZone),
        );
        const offset = offsetOf(at);
        if (offset === previous) continue;
        previous = offset;
        changes += 1;
        // the change lies in (at - step, at]: find it to the minute, then check around it
        let low = at - step;
        let high = at;
        while (high - low > 60_000) {
          const middle = low + Math.floor((high - low) / 2);
          if (offsetOf(middle) === offset) high = middle;
          else low = middle;
        }
        for (let near = high - 20 * 60_000; near <= high + 20 * 60_000; near += 60_000) {
          const around = new Date(near + 17_000);
          expect(wallClockOf(around, timeZone).toISOString().slice(0, 19), timeZone).toBe(
            intlWallClock(around, timeZone),
          );
        }
      }
    }
    // Paris, New York, St John's, Lord Howe and Chatham change twice a year
    expect(changes).toBeGreaterThanOrEqual(5 * 6);
  }, 30_000);

  it('is the zone’s offset on each side of the Paris changes', () => {
    expect(zoneOffsetMinutes(Date.UTC(2026, 2, 29, 0, 59, 59), 'Europe/Paris')).toBe(60);
    expect(zoneOffsetMinutes(Date.UTC(2026, 2, 29, 1, 0, 0), 'Europe/Paris')).toBe(120);
    expect(zoneOffsetMinutes(Date.UTC(2026, 9, 25, 0, 59, 59), 'Europe/Paris')).toBe(120);
    expect(zoneOffsetMinutes(Date.UTC(2026, 9, 25, 1, 0, 0), 'Europe/Paris')).toBe(60);
    expect(zoneOffsetMinutes(Date.UTC(2026, 5, 1), 'Asia/Kathmandu')).toBe(345);
  });
});
