import type { Locale } from '@guichet/domain';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(
  locale: Locale,
  options: Intl.DateTimeFormatOptions,
  timeZone?: string,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}|${timeZone ?? ''}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      ...options,
      ...(timeZone ? { timeZone } : {}),
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}

function formatIso(
  iso: string | null | undefined,
  locale: Locale,
  options: Intl.DateTimeFormatOptions,
  timeZone?: string,
): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return dateTimeFormat(locale, options, timeZone).format(date);
}

/** `28 nov. 2026, 14:05` / `28 Nov 2026, 14:05`; empty for a missing or broken date. */
export function formatDateTime(
  iso: string | null | undefined,
  locale: Locale,
  timeZone?: string,
): string {
  return formatIso(iso, locale, { dateStyle: 'medium', timeStyle: 'short' }, timeZone);
}

/** `28 nov. 2026` / `28 Nov 2026`; empty for a missing or broken date. */
export function formatDate(
  iso: string | null | undefined,
  locale: Locale,
  timeZone?: string,
): string {
  return formatIso(iso, locale, { dateStyle: 'medium' }, timeZone);
}

/** `1 234,50 €` in French, `€1,234.50` in English. */
export function formatEuros(amount: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  }).format(amount);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB').format(value);
}

/**
 * « of » before a name, for the texts' `{{ofName}}`: in French « de », elided before a vowel
 * or a mute h (« d'Alex », « d'Hélène », « de Camille »); in English « of Alex ».
 */
export function ofName(name: string, locale: Locale): string {
  if (locale === 'en') return `of ${name}`;
  return /^[aeiouyhàâäéèêëîïôöùûüÿæœ]/i.test(name.trim()) ? `d'${name}` : `de ${name}`;
}

/** `512 o`, `12,5 Ko`, `3,4 Mo` / `512 B`, `12.5 KB`, `3.4 MB`: a file's size. */
export function formatFileSize(bytes: number, locale: Locale): string {
  const format = (value: number) =>
    new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      maximumFractionDigits: 1,
    }).format(value);
  const units = locale === 'fr' ? ['o', 'Ko', 'Mo'] : ['B', 'KB', 'MB'];
  if (bytes < 1024) return `${format(bytes)} ${units[0]}`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} ${units[1]}`;
  return `${format(bytes / (1024 * 1024))} ${units[2]}`;
}

const pad2 = (value: number) => String(value).padStart(2, '0');

/** A date as this browser's `<input type="date">` value: `YYYY-MM-DD`, in the browser's day. */
export function localDateValue(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** An instant as this browser's `<input type="datetime-local">` value: `YYYY-MM-DDTHH:mm`. */
export function localDateTimeValue(date: Date): string {
  return `${localDateValue(date)}T${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}
