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
