import type { BillingDecision } from './billing.ts';
import { billingMonth } from './billing.ts';
import type { QuoteStatus } from './quote.ts';
import type { RequestStatus } from './lifecycle.ts';

/**
 * The monthly statement (DESIGN §8, decision 0017): what the provider invoices for a contract
 * and a calendar month of the contract's time zone, computed from the requests' stored
 * billing decisions and the terms in force when each was confirmed — never from today's price.
 *
 * What a month bills:
 * - every change whose stored decision is `billable` and whose billing month (the month it was
 *   confirmed in, stored with it) is that month, unless it was rejected or cancelled by the
 *   time the month is closed (its tokens already include the × 2 outside business hours);
 * - every quote accepted in that month (in the contract's time zone), at the tokens and euros
 *   it was sent with.
 * Free and included changes cost nothing. The free changes used are shown beside the terms,
 * and the month's changes that took one are listed at 0 € (`free` lines) so that the count
 * can be checked against the requests: every change whose stored decision is `free` and whose
 * billing month is that month, whatever its status — a free change is taken at confirmation
 * and not given back when the request is later rejected or cancelled (such a line says how
 * it ended). They are what `free_change_usage.used` counted. `included` articles are part of
 * the offer, take no free change and are not listed.
 */

/** A month as the API names it: `YYYY-MM`. */
export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** How long after a month ends it may be closed: confirmations then in flight have landed. */
export const statementClosingDelayMs = 10 * 60_000;

/** `2026-11` → `2026-11-01` (the form `billing_month` and `free_change_usage` store). */
export function monthStart(month: string): string {
  return `${month}-01`;
}

/** `2026-11-01` → `2026-12-01`. */
export function nextMonthStart(start: string): string {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** `2026-11-01` → `2026-10-01`. */
export function previousMonthStart(start: string): string {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  return month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
}

/** A month is closed once it has been over in the contract's time zone for the closing delay. */
export function isMonthClosable(start: string, now: Date, timeZone: string): boolean {
  return billingMonth(new Date(now.getTime() - statementClosingDelayMs), timeZone) > start;
}

/** The latest month that may be closed now (the default month of the back-office page). */
export function lastClosableMonth(now: Date, timeZone: string): string {
  return previousMonthStart(
    billingMonth(new Date(now.getTime() - statementClosingDelayMs), timeZone),
  );
}

/** A contract's terms from `validFrom` (null: since the contract exists). */
export interface TermsInForce {
  validFrom: Date | null;
  tokenPriceEur: string;
  freeChangesPerMonth: number;
}

/** The terms in force at `at`: the latest that started at or before it. */
export function termsAt(history: readonly TermsInForce[], at: Date): TermsInForce {
  let found: TermsInForce | undefined;
  for (const terms of history) {
    if (terms.validFrom !== null && terms.validFrom.getTime() > at.getTime()) continue;
    if (
      !found ||
      (terms.validFrom?.getTime() ?? -Infinity) > (found.validFrom?.getTime() ?? -Infinity)
    )
      found = terms;
  }
  if (!found) throw new Error('No contract terms in force');
  return found;
}

/** The terms in force at the end of a month (those that counted its last free changes). */
export function termsOfMonth(
  history: readonly TermsInForce[],
  start: string,
  timeZone: string,
): TermsInForce {
  const inMonth = history.filter(
    (terms) => terms.validFrom === null || billingMonth(terms.validFrom, timeZone) <= start,
  );
  return termsAt(inMonth, new Date(8.64e15));
}

/** Euros written with a dot and at most two decimals (`numeric` text) → integer cents. */
export function eurosToCents(euros: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(euros.trim());
  if (!match) throw new Error(`Not an amount in euros: ${euros}`);
  const units = Number(match[1]);
  const decimals = (match[2] ?? '').padEnd(2, '0');
  return units * 100 + Number(decimals);
}

/** Integer cents → `1234.50` (CSV and exports: a dot, two decimals, no grouping). */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** A billable or free change as stored, before the month's rule decides whether it is listed. */
export interface ChangeCandidate {
  kind: 'change';
  requestId: string;
  number: string;
  articleNameFr: string;
  articleNameEn: string;
  status: RequestStatus;
  billing: BillingDecision;
  billingMonth: string;
  submittedAt: Date;
  outsideBusinessHours: boolean;
}

/** A quote of the contract, answered around the month. */
export interface QuoteCandidate {
  kind: 'quote';
  requestId: string;
  quoteId: string;
  number: string;
  articleNameFr: string;
  articleNameEn: string;
  quoteStatus: QuoteStatus;
  answeredAt: Date | null;
  amountTokens: number;
  /** As stored when the quote was sent. */
  amountEur: string;
}

export type StatementCandidate = ChangeCandidate | QuoteCandidate;

/** A request that ended without being done: a free line says so (its free change stays used). */
export type EndedAs = 'rejected' | 'cancelled';

/** One line of a statement: a billed change, a free change (0 €) or an accepted quote. */
export interface StatementLine {
  kind: 'change' | 'free' | 'quote';
  requestId: string;
  quoteId: string | null;
  number: string;
  articleNameFr: string;
  articleNameEn: string;
  /** A change's confirmation, a quote's acceptance. */
  at: Date;
  tokens: number;
  /** A change's token price in force at its confirmation; null for a quote. */
  tokenPriceEur: string | null;
  amountCents: number;
  outsideBusinessHours: boolean;
  /** A free line's request rejected or cancelled by then (the live or closing read); else null. */
  endedAs: EndedAs | null;
}

const unbilledStatuses: readonly RequestStatus[] = ['rejected', 'cancelled'];

function endedAs(status: RequestStatus): EndedAs | null {
  return status === 'rejected' || status === 'cancelled' ? status : null;
}

/** Whether a candidate is on the month's statement (the rule in this file's first comment). */
export function isBilledIn(
  candidate: StatementCandidate,
  start: string,
  timeZone: string,
): boolean {
  if (candidate.kind === 'change') {
    if (candidate.billingMonth !== start) return false;
    if (candidate.billing.kind === 'free') return true;
    return candidate.billing.kind === 'billable' && !unbilledStatuses.includes(candidate.status);
  }
  return (
    candidate.quoteStatus === 'accepted' &&
    candidate.answeredAt !== null &&
    billingMonth(candidate.answeredAt, timeZone) === start
  );
}

/** The billed line of a candidate, priced with the terms in force when it was confirmed. */
export function lineOf(
  candidate: StatementCandidate,
  history: readonly TermsInForce[],
): StatementLine {
  const common = {
    requestId: candidate.requestId,
    number: candidate.number,
    articleNameFr: candidate.articleNameFr,
    articleNameEn: candidate.articleNameEn,
  };
  if (candidate.kind === 'quote') {
    return {
      ...common,
      kind: 'quote',
      quoteId: candidate.quoteId,
      at: candidate.answeredAt ?? new Date(0),
      tokens: candidate.amountTokens,
      tokenPriceEur: null,
      amountCents: eurosToCents(candidate.amountEur),
      outsideBusinessHours: false,
      endedAs: null,
    };
  }
  if (candidate.billing.kind === 'free') {
    return {
      ...common,
      kind: 'free',
      quoteId: null,
      at: candidate.submittedAt,
      tokens: 0,
      tokenPriceEur: null,
      amountCents: 0,
      outsideBusinessHours: candidate.outsideBusinessHours,
      endedAs: endedAs(candidate.status),
    };
  }
  const tokens = candidate.billing.kind === 'billable' ? candidate.billing.priceTokens : 0;
  const price = termsAt(history, candidate.submittedAt).tokenPriceEur;
  return {
    ...common,
    kind: 'change',
    quoteId: null,
    at: candidate.submittedAt,
    tokens,
    tokenPriceEur: price,
    amountCents: tokens * eurosToCents(price),
    outsideBusinessHours: candidate.outsideBusinessHours,
    endedAs: null,
  };
}

const kindOrder: Record<StatementLine['kind'], number> = { free: 0, change: 1, quote: 2 };

/** The lines of a month: free changes, billed changes, then quotes, each in time order. */
export function billedLines(
  candidates: readonly StatementCandidate[],
  history: readonly TermsInForce[],
  start: string,
  timeZone: string,
): StatementLine[] {
  return candidates
    .filter((candidate) => isBilledIn(candidate, start, timeZone))
    .map((candidate) => lineOf(candidate, history))
    .sort(
      (a, b) =>
        kindOrder[a.kind] - kindOrder[b.kind] ||
        a.at.getTime() - b.at.getTime() ||
        a.number.localeCompare(b.number),
    );
}

export interface StatementTotals {
  changeCount: number;
  quoteCount: number;
  tokens: number;
  cents: number;
}

/**
 * The totals of a statement's lines, to the cent (integer cents, never floating euros): the
 * billed changes and the quotes; free lines add nothing (their count is the free changes used).
 */
export function statementTotals(
  lines: readonly Pick<StatementLine, 'kind' | 'tokens' | 'amountCents'>[],
): StatementTotals {
  const totals: StatementTotals = { changeCount: 0, quoteCount: 0, tokens: 0, cents: 0 };
  for (const line of lines) {
    if (line.kind === 'free') continue;
    if (line.kind === 'change') totals.changeCount += 1;
    else totals.quoteCount += 1;
    totals.tokens += line.tokens;
    totals.cents += line.amountCents;
  }
  return totals;
}

/** Sums statements' totals (the back-office's grand totals). */
export function addTotals(all: readonly StatementTotals[]): StatementTotals {
  return all.reduce(
    (sum, totals) => ({
      changeCount: sum.changeCount + totals.changeCount,
      quoteCount: sum.quoteCount + totals.quoteCount,
      tokens: sum.tokens + totals.tokens,
      cents: sum.cents + totals.cents,
    }),
    { changeCount: 0, quoteCount: 0, tokens: 0, cents: 0 },
  );
}
