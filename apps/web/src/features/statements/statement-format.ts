import type { Locale } from '@guichet/domain';
import { formatEuros } from '../../lib/format.ts';

/** `2026-11` → « novembre 2026 » / “November 2026”. */
export function formatMonth(month: string, locale: Locale): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** Integer cents → « 1 234,50 € » (the figure is exact; only the display divides). */
export function formatCents(cents: number, locale: Locale): string {
  return formatEuros(cents / 100, locale);
}
