// One formatter per time zone: building an Intl.DateTimeFormat costs far more than using it,
// and confirmations, quotes and form rules ask for the day on every call.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A time zone's wall clock to the minute, as parts (`year`, `month`, `day`, `hour`, `minute`). */
export function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Today's date (`YYYY-MM-DD`) at `at` in a time zone (the contract's, or the browser's). */
export function calendarDay(at: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

/** Offsets already found, by time zone and quarter of an hour of UTC (see `zoneOffsetMinutes`). */
const offsets = new Map<string, Map<number, number>>();
const quarterMs = 15 * 60_000;

/**
 * The zone's offset from UTC at `at` (epoch ms), in minutes (+60 in Paris in winter). Intl is
 * slow (a dozen µs a call: an export of 100 000 requests writes 300 000 dates, a due date walks
 * a week of opening hours), so the offset is asked once per quarter of an hour: every zone
 * changes its offset at a quarter-hour instant of UTC.
 */
export function zoneOffsetMinutes(at: number, timeZone: string): number {
  let known = offsets.get(timeZone);
  if (!known) {
    known = new Map();
    offsets.set(timeZone, known);
  }
  const quarter = Math.floor(at / quarterMs);
  const cached = known.get(quarter);
  if (cached !== undefined) return cached;
  const start = quarter * quarterMs;
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(start)))
    parts[part.type] = part.value;
  const wall = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
  );
  const offset = Math.round((wall - start) / 60_000);
  if (known.size > 10_000) known.clear();
  known.set(quarter, offset);
  return offset;
}

/** The wall clock of a time zone at an instant, as UTC fields of a shifted `Date`. */
export function wallClockOf(at: Date, timeZone: string): Date {
  const instant = at.getTime();
  return new Date(instant + zoneOffsetMinutes(instant, timeZone) * 60_000);
}
