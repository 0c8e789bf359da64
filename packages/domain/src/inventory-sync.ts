/** Rules of the inventory sync's file (decision 0016): its CSV form, its text, its outcome. */
import { textFault } from './text.ts';

/** The columns of a CSV file, in this order, on its first line. */
export const inventoryCsvColumns = [
  'contract',
  'reference',
  'type',
  'label',
  'site',
  'solution',
  'attributes',
] as const;

/**
 * Whether a line's raw text may hold, once parsed, a text `findInvalidText` refuses: a JSON
 * text can only through an escape (`\\`) or a raw C1 control or DEL (JSON allows those raw).
 * Lets the run skip the walk through every value of the (many) clean lines.
 */
export function mayHoldInvalidText(raw: string): boolean {
  return rawSuspect.test(raw);
}
// eslint-disable-next-line no-control-regex -- as above, on the raw line
const rawSuspect = /[\u0000-\u001f\u007f-\u009f\\\ud800-\udfff]/;

/**
 * The path of the first text of `value` (a string, or an object's key) holding a control
 * character or a lone surrogate, or null. Paths are dotted from `path`.
 */
export function findInvalidText(value: unknown, path = ''): string | null {
  // The API's one text rule (text.ts), single-line: no field of an item holds a line break.
  const isBad = (text: string) => textFault(text, { allowsLineBreaks: false }) !== null;
  const join = (key: string) => (path === '' ? key : `${path}.${key}`);
  if (typeof value === 'string') return isBad(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findInvalidText(item, join(String(index)));
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (isBad(key)) return join(key);
      const found = findInvalidText(item, join(key));
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * One CSV record (RFC 4180: fields separated by commas, a field in double quotes may hold
 * commas, line breaks and doubled quotes) as its fields, or null when its quoting is broken.
 */
export function parseCsvRecord(text: string): string[] | null {
  const fields: string[] = [];
  let position = 0;
  for (;;) {
    if (text[position] === '"') {
      let field = '';
      position += 1;
      for (;;) {
        const quote = text.indexOf('"', position);
        if (quote === -1) return null;
        field += text.slice(position, quote);
        if (text[quote + 1] === '"') {
          field += '"';
          position = quote + 2;
        } else {
          position = quote + 1;
          break;
        }
      }
      fields.push(field);
      if (position === text.length) return fields;
      if (text[position] !== ',') return null;
      position += 1;
    } else {
      const comma = text.indexOf(',', position);
      const end = comma === -1 ? text.length : comma;
      const field = text.slice(position, end);
      if (field.includes('"')) return null;
      fields.push(field);
      if (comma === -1) return fields;
      position = comma + 1;
    }
  }
}

export type InventorySyncOutcome = 'applied' | 'dry_run' | 'rejected';

/** A strict run with a bad line writes nothing; a dry run never writes; otherwise applied. */
export function inventorySyncOutcome(run: {
  isDryRun: boolean;
  isStrict: boolean;
  rejectedLines: number;
}): InventorySyncOutcome {
  if (run.isStrict && run.rejectedLines > 0) return 'rejected';
  return run.isDryRun ? 'dry_run' : 'applied';
}
