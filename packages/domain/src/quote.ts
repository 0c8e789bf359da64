import { calendarDay } from './calendar.ts';
/** A quote's life: one is `sent` at a time per request; a new one supersedes it (DESIGN §5). */
export const quoteStatuses = ['sent', 'accepted', 'refused', 'expired', 'superseded'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

/** The furthest a quote may be valid, counted from today. */
export const maxQuoteValidityDays = 366;

/** Today's calendar date (`YYYY-MM-DD`) in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return calendarDay(at, timeZone);
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * A quote is valid through its `validUntil` day, in the contract's time zone: it expires when
 * that day is over there.
 */
export function isQuoteExpired(validUntil: string, now: Date, timeZone: string): boolean {
  return localDate(now, timeZone) > validUntil;
}

export type QuoteValidityProblem = 'invalid_date' | 'in_the_past' | 'too_far';

/** Why `validUntil` cannot be given to a new quote today, or null. */
export function quoteValidityProblem(
  validUntil: string,
  now: Date,
  timeZone: string,
): QuoteValidityProblem | null {
  if (!isCalendarDate(validUntil)) return 'invalid_date';
  const today = localDate(now, timeZone);
  if (validUntil < today) return 'in_the_past';
  if (validUntil > addDays(today, maxQuoteValidityDays)) return 'too_far';
  return null;
}

/** The euro amount of a number of tokens at the contract's token price, to the cent. */
export function tokensToEuros(tokens: number, tokenPriceEur: number): number {
  return Math.round(tokens * tokenPriceEur * 100) / 100;
}
