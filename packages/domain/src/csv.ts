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

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as `YYYY-MM-DD HH:MM` on the wall clock of a time zone (the user's): a form every
 * spreadsheet reads as a date and time, whatever its language.
 */
export function csvDateTime(at: Date, timeZone: string): string {
  let formatter = dateTimeFormatters.get(timeZone);
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
    dateTimeFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(at)) parts[part.type] = part.value;
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}
