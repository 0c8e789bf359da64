import { wallClockOf } from './calendar.ts';

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

const twoDigits = (value: number) => (value < 10 ? `0${value}` : String(value));

/**
 * An instant as `YYYY-MM-DD HH:MM` on the wall clock of a time zone (the user's): a form every
 * spreadsheet reads as a date and time, whatever its language.
 */
export function csvDateTime(at: Date, timeZone: string): string {
  const wall = wallClockOf(at, timeZone);
  return `${wall.getUTCFullYear()}-${twoDigits(wall.getUTCMonth() + 1)}-${twoDigits(
    wall.getUTCDate(),
  )} ${twoDigits(wall.getUTCHours())}:${twoDigits(wall.getUTCMinutes())}`;
}
