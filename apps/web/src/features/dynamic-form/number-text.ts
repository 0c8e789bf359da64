import type { Locale } from '@guichet/domain';

/** What the integer box holds: a number once it reads as one, the raw text otherwise (so it can be flagged). */
export function parseInteger(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** A decimal as typed in either language (`2,5` or `2.5`); the raw text when it is not one. */
export function parseDecimal(text: string): number | string | undefined {
  const trimmed = text.trim().replace(/\s/g, '');
  if (trimmed === '') return undefined;
  const normalised = trimmed.replace(',', '.');
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(normalised) ? Number(normalised) : trimmed;
}

/** A number shown as the language writes it (`2,5` in French), without grouping. */
export function formatDecimal(value: unknown, locale: Locale): string {
  if (typeof value !== 'number') return typeof value === 'string' ? value : '';
  const text = String(value);
  return locale === 'fr' ? text.replace('.', ',') : text;
}
