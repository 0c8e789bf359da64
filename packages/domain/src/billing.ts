import { calendarDay } from './calendar.ts';

export const billingModes = ['included', 'counted', 'quote'] as const;
export type BillingMode = (typeof billingModes)[number];

/** The cost outcome, shown before confirmation and stored with the request. */
export type BillingDecision =
  | { kind: 'included' }
  | { kind: 'free'; freeChangesLeft: number }
  | { kind: 'billable'; priceTokens: number }
  | { kind: 'quote' };

export interface BillingInput {
  mode: BillingMode;
  priceTokens: number;
  freeChangesPerMonth: number;
  /** Free changes of this contract already used in the billing month. */
  usedThisMonth: number;
  outsideBusinessHours: boolean;
}

export function decideBilling(input: BillingInput): BillingDecision {
  switch (input.mode) {
    case 'included':
      return { kind: 'included' };
    case 'quote':
      return { kind: 'quote' };
    case 'counted': {
      const left = Math.max(0, input.freeChangesPerMonth - input.usedThisMonth);
      if (left > 0) return { kind: 'free', freeChangesLeft: left - 1 };
      const factor = input.outsideBusinessHours ? 2 : 1;
      return { kind: 'billable', priceTokens: input.priceTokens * factor };
    }
  }
}

/**
 * Every decision a confirmation can end with, decided before the contract's free-change
 * counter is read: the write takes a free change (or finds none left) and picks its entry.
 * Entry 0: no free change taken (none left, or the article is not counted); entry `u`
 * (1 ≤ u ≤ freeChangesPerMonth): the confirmation took the month's `u`-th free change. Only
 * counted articles have more than one entry.
 */
export function possibleDecisions(input: Omit<BillingInput, 'usedThisMonth'>): BillingDecision[] {
  const limit = input.mode === 'counted' ? Math.max(0, input.freeChangesPerMonth) : 0;
  const decisions = [decideBilling({ ...input, usedThisMonth: input.freeChangesPerMonth })];
  for (let used = 1; used <= limit; used += 1) {
    decisions.push(decideBilling({ ...input, usedThisMonth: used - 1 }));
  }
  return decisions;
}

export function needsAcknowledgement(decision: BillingDecision): boolean {
  return decision.kind === 'billable';
}

/**
 * The calendar month free changes are counted in, as `YYYY-MM-01`, in the contract's time
 * zone: a change confirmed at 00:30 in Paris on the 1st counts in the new month.
 */
export function billingMonth(at: Date, timeZone: string): string {
  return `${calendarDay(at, timeZone).slice(0, 7)}-01`;
}
