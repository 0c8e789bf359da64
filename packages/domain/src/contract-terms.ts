import type { ErrorDetail } from './errors.ts';

/** A contract's id: `OCB` and seven digits, e.g. `OCB0005121` (DESIGN §3). */
export const contractIdPattern = /^OCB[0-9]{7}$/;

export function isContractId(id: string): boolean {
  return contractIdPattern.test(id);
}

export const supportLevels = ['Standard', 'Bronze', 'Silver', 'Gold'] as const;
export type SupportLevel = (typeof supportLevels)[number];

export const contractStatuses = ['active', 'suspended', 'ended'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export const maxFreeChangesPerMonth = 1000;
/** The token price's ceiling in euros (the column is numeric(10, 2)). */
export const maxTokenPriceEur = 1_000_000;

/** What a contract's terms are made of, as an admin enters them. */
export interface ContractTerms {
  supportLevel: string;
  freeChangesPerMonth: number;
  tokenPriceEur: number;
  timeZone: string;
  /** `YYYY-MM-DD` */
  startsOn: string;
  /** `YYYY-MM-DD`, or null while the contract runs with no end */
  endsOn: string | null;
}

/** An IANA time zone name this runtime knows (`Europe/Paris`). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '' || zone !== zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

function hasAtMostTwoDecimals(value: number): boolean {
  const cents = value * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}

/** Why a contract id cannot be used, with its path; empty when it can. */
export function contractIdProblems(id: string, path = 'id'): ErrorDetail[] {
  return isContractId(id)
    ? []
    : [{ path, rule: 'contract_id', message: 'A contract id is OCB followed by 7 digits' }];
}

/**
 * Every problem of a contract's terms, each on its field's path: free changes an integer
 * from 0 to 1000, a token price in euros above zero with at most two decimals, an IANA time
 * zone this runtime knows, a known support level, real days, an end on or after the start.
 */
export function contractTermsProblems(terms: ContractTerms): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!(supportLevels as readonly string[]).includes(terms.supportLevel)) {
    problems.push({
      path: 'supportLevel',
      rule: 'support_level',
      message: `The support level is one of ${supportLevels.join(', ')}`,
    });
  }
  if (
    !Number.isInteger(terms.freeChangesPerMonth) ||
    terms.freeChangesPerMonth < 0 ||
    terms.freeChangesPerMonth > maxFreeChangesPerMonth
  ) {
    problems.push({
      path: 'freeChangesPerMonth',
      rule: 'free_changes',
      message: `Free changes per month: a whole number from 0 to ${maxFreeChangesPerMonth}`,
    });
  }
  if (!Number.isFinite(terms.tokenPriceEur) || terms.tokenPriceEur <= 0) {
    problems.push({
      path: 'tokenPriceEur',
      rule: 'positive',
      message: 'The token price is above zero',
    });
  } else if (terms.tokenPriceEur > maxTokenPriceEur) {
    problems.push({
      path: 'tokenPriceEur',
      rule: 'max',
      message: `The token price is at most ${maxTokenPriceEur} €`,
    });
  } else if (!hasAtMostTwoDecimals(terms.tokenPriceEur)) {
    problems.push({
      path: 'tokenPriceEur',
      rule: 'cents',
      message: 'The token price has at most two decimals',
    });
  }
  if (!isTimeZone(terms.timeZone)) {
    problems.push({
      path: 'timeZone',
      rule: 'time_zone',
      message: 'An IANA time zone, e.g. Europe/Paris',
    });
  }
  const startsOk = isDay(terms.startsOn);
  if (!startsOk) {
    problems.push({ path: 'startsOn', rule: 'date', message: 'A day, YYYY-MM-DD' });
  }
  if (terms.endsOn !== null) {
    if (!isDay(terms.endsOn)) {
      problems.push({ path: 'endsOn', rule: 'date', message: 'A day, YYYY-MM-DD' });
    } else if (startsOk && terms.endsOn < terms.startsOn) {
      problems.push({
        path: 'endsOn',
        rule: 'ends_before_start',
        message: 'The contract ends on or after the day it starts',
      });
    }
  }
  return problems;
}

/** What customers do on a contract, as far as its status is concerned. */
export type ContractUse =
  /** Confirm a new request or a draft. */
  | 'confirm'
  /** Save a new draft or change one. */
  | 'save_draft'
  /** Read requests, their follow-up; delete one's own draft. */
  | 'read'
  | 'accept_quote'
  | 'refuse_quote';

/** Why a contract's status refuses a use, as the API and the change form say it. */
export type ContractStatusDenial = 'contract_suspended' | 'contract_ended';

/**
 * What a contract's status allows. An active contract allows everything. A suspended one
 * takes no new request (no confirmation, no new or changed draft) but lets what is under way
 * go on: requests stay readable and quotes can be accepted or refused. An ended one also
 * takes no new request; its quotes can still be refused (so that nothing stays waiting) but
 * not accepted, since accepting starts work under a contract that no longer runs.
 */
export function contractStatusDenial(
  status: ContractStatus,
  use: ContractUse,
): ContractStatusDenial | null {
  if (status === 'active' || use === 'read' || use === 'refuse_quote') return null;
  if (status === 'suspended') return use === 'accept_quote' ? null : 'contract_suspended';
  return 'contract_ended';
}
