import { needsAcknowledgement, possibleDecisions } from './billing.ts';
import type { BillingDecision, BillingMode } from './billing.ts';
import { contractStatusDenial } from './contract-terms.ts';
import type { ContractStatus, ContractStatusDenial } from './contract-terms.ts';
import { mayConfirmRequests } from './grant-rules.ts';
import { nextStatus } from './lifecycle.ts';
import type { RequestAction, RequestStatus } from './lifecycle.ts';

/** A billing decision with its price in euros, as it is stored with the request and shown. */
export type PricedDecision =
  | { kind: 'included' }
  | { kind: 'free'; freeChangesLeft: number }
  | { kind: 'billable'; priceTokens: number; priceEur: number }
  | { kind: 'quote' };

/** Why a confirmation is refused before anything is priced, in the order it is checked. */
export type ConfirmationRefusal =
  | ContractStatusDenial
  | 'item_retired'
  /** The contract keeps a list of authorised requesters and the caller is not on it. */
  | 'requester_not_authorised';

export interface ConfirmationInput {
  contract: {
    status: ContractStatus;
    freeChangesPerMonth: number;
    tokenPriceEur: number;
    restrictsRequesters: boolean;
  };
  article: { billingMode: BillingMode; priceTokens: number };
  isRequester: boolean;
  isItemRetired: boolean;
  outsideBusinessHours: boolean;
  acknowledgeBilling: boolean;
}

/** One way a confirmation can end, picked by the free change the write takes. */
export interface ConfirmationOutcome {
  status: RequestStatus;
  billing: PricedDecision;
  /** Billable and not acknowledged by the customer: nothing is written. */
  isRefused: boolean;
  /** Index in the plan's `statuses` of the receipt it mails (one receipt per status). */
  mail: number;
}

/**
 * Everything a confirmation decides, before any counter is read. `outcomes[0]`: no free
 * change taken (none left, or the article is not counted); `outcomes[u]`: the confirmation
 * took the month's `u`-th free change. The general path picks with `outcomeTaking` once it
 * took (or not) a free change, the one-statement writer picks in SQL by the same index, the
 * preview and dry run with `nextOutcome` from the count used so far.
 */
export interface ConfirmationPlan {
  refusal: ConfirmationRefusal | null;
  outcomes: ConfirmationOutcome[];
  /** The statuses the outcomes lead to, each once, in order of first appearance. */
  statuses: RequestStatus[];
}

const actionOf: Record<BillingDecision['kind'], RequestAction> = {
  included: 'confirm_free',
  free: 'confirm_free',
  billable: 'confirm_billable',
  quote: 'confirm_quote',
};

/** The decision priced at the contract's token price, to the cent. */
export function priceDecision(decision: BillingDecision, tokenPriceEur: number): PricedDecision {
  if (decision.kind !== 'billable') return decision;
  return { ...decision, priceEur: Math.round(decision.priceTokens * tokenPriceEur * 100) / 100 };
}

function refusalOf(input: ConfirmationInput): ConfirmationRefusal | null {
  const denial = contractStatusDenial(input.contract.status, 'confirm');
  if (denial !== null) return denial;
  if (input.isItemRetired) return 'item_retired';
  const mayConfirm = mayConfirmRequests({
    restrictsRequesters: input.contract.restrictsRequesters,
    isRequester: input.isRequester,
  });
  return mayConfirm ? null : 'requester_not_authorised';
}

export function planConfirmation(input: ConfirmationInput): ConfirmationPlan {
  const decisions = possibleDecisions({
    mode: input.article.billingMode,
    priceTokens: input.article.priceTokens,
    freeChangesPerMonth: input.contract.freeChangesPerMonth,
    outsideBusinessHours: input.outsideBusinessHours,
  });
  const statuses: RequestStatus[] = [];
  const outcomes = decisions.map((decision): ConfirmationOutcome => {
    const status = nextStatus('draft', actionOf[decision.kind], 'customer');
    if (!statuses.includes(status)) statuses.push(status);
    return {
      status,
      billing: priceDecision(decision, input.contract.tokenPriceEur),
      isRefused: needsAcknowledgement(decision) && !input.acknowledgeBilling,
      mail: statuses.indexOf(status),
    };
  });
  return { refusal: refusalOf(input), outcomes, statuses };
}

function outcomeAt(plan: ConfirmationPlan, index: number): ConfirmationOutcome {
  const outcome = plan.outcomes[index] ?? plan.outcomes[0];
  if (!outcome) throw new Error('a confirmation plan has at least one outcome');
  return outcome;
}

/** The outcome once the write took the month's `used`-th free change, or none (null). */
export function outcomeTaking(plan: ConfirmationPlan, used: number | null): ConfirmationOutcome {
  return outcomeAt(plan, used ?? 0);
}

/** The outcome confirming now would have, `usedSoFar` free changes of the month used. */
export function nextOutcome(plan: ConfirmationPlan, usedSoFar: number): ConfirmationOutcome {
  return outcomeAt(plan, usedSoFar + 1 < plan.outcomes.length ? usedSoFar + 1 : 0);
}

export function freeChangesLeft(freeChangesPerMonth: number, usedSoFar: number): number {
  return Math.max(0, freeChangesPerMonth - usedSoFar);
}
