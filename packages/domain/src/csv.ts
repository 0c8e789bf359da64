import { formatterFor } from './calendar.ts';

/**
 * The one CSV writer of Guichet (statements, request exports): RFC 4180 records, UTF-8 with a
 * byte-order mark, `,` or `;`, and cells neutralised against formula injection.
 */

/** UTF-8 with a byte-order mark, so that spreadsheets read the accents right. */
export const csvByteOrderMark = '\uFEFF';

export const csvSeparators = ['comma', 'semicolon'] as const;
/** `semicolon` for spreadsheets set to French (where `,` is the decimal separator). */
export type CsvSeparator = (typeof csvSeparators)[number];

/** A spreadsheet cell that could run as a formula (`=`, `+`, `-`, `@`, tab, CR) starts with `'`. */
export function neutralizeCsvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * One CSV record (RFC 4180): cells holding the separator, a quote or a line break are quoted,
 * text cells are neutralised against formulas; ends with CRLF. Numbers are written as they are.
 */
export function csvRecord(cells: readonly (string | number)[], separator: CsvSeparator): string {
  const mark = separator === 'semicolon' ? ';' : ',';
  return `${cells
    .map((cell) => {
      if (typeof cell === 'number') return String(cell);
      const text = neutralizeCsvCell(cell);
      return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(mark)}\r\n`;
}

/** Offsets already found, by time zone and quarter of an hour (see `offsetMinutes`). */
const offsets = new Map<string, Map<number, number>>();
const quarterMs = 15 * 60_000;

/**
 * The zone's offset from UTC at `at`, in minutes. Intl is slow (a dozen µs a call: an export
 * of 100 000 requests writes 300 000 dates), so the offset is asked once per quarter of an
 * hour: every zone changes its offset at a quarter-hour instant of UTC.
 */
function offsetMinutes(at: number, timeZone: string): number {
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

const twoDigits = (value: number) => (value < 10 ? `0${value}` : String(value));

/**
 * An instant as `YYYY-MM-DD HH:MM` on the wall clock of a time zone (the user's): a form every
 * spreadsheet reads as a date and time, whatever its language.
 */
export function csvDateTime(at: Date, timeZone: string): string {
  const instant = at.getTime();
  const wall = new Date(instant + offsetMinutes(instant, timeZone) * 60_000);
  return `${wall.getUTCFullYear()}-${twoDigits(wall.getUTCMonth() + 1)}-${twoDigits(
    wall.getUTCDate(),
  )} ${twoDigits(wall.getUTCHours())}:${twoDigits(wall.getUTCMinutes())}`;
}
