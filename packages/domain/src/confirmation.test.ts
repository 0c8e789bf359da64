import { describe, expect, it } from 'vitest';
import {
  freeChangesLeft,
  nextOutcome,
  outcomeTaking,
  planConfirmation,
  priceDecision,
} from './confirmation.ts';
import type {
  ConfirmationInput,
  ConfirmationOutcome,
  ConfirmationRefusal,
} from './confirmation.ts';

const base: ConfirmationInput = {
  contract: {
    status: 'active',
    freeChangesPerMonth: 3,
    tokenPriceEur: 12.5,
    restrictsRequesters: false,
  },
  article: { billingMode: 'counted', priceTokens: 2 },
  isRequester: false,
  isItemRetired: false,
  outsideBusinessHours: false,
  acknowledgeBilling: false,
};

function input(change: {
  contract?: Partial<ConfirmationInput['contract']>;
  article?: Partial<ConfirmationInput['article']>;
  isRequester?: boolean;
  isItemRetired?: boolean;
  outsideBusinessHours?: boolean;
  acknowledgeBilling?: boolean;
}): ConfirmationInput {
  return {
    ...base,
    ...change,
    contract: { ...base.contract, ...change.contract },
    article: { ...base.article, ...change.article },
  };
}

describe('planConfirmation: the outcome once the free changes used so far are known', () => {
  it.each<[string, ConfirmationInput, number, ConfirmationOutcome]>([
    [
      'included',
      input({ article: { billingMode: 'included' } }),
      3,
      { status: 'submitted', billing: { kind: 'included' }, isRefused: false, mail: 0 },
    ],
    [
      'free with 2 left after it',
      input({}),
      0,
      {
        status: 'submitted',
        billing: { kind: 'free', freeChangesLeft: 2 },
        isRefused: false,
        mail: 0,
      },
    ],
    [
      'free, the last one',
      input({}),
      2,
      {
        status: 'submitted',
        billing: { kind: 'free', freeChangesLeft: 0 },
        isRefused: false,
        mail: 0,
      },
    ],
    [
      'billable needing acknowledgement',
      input({}),
      3,
      {
        status: 'submitted',
        billing: { kind: 'billable', priceTokens: 2, priceEur: 25 },
        isRefused: true,
        mail: 0,
      },
    ],
    [
      'billable, acknowledged',
      input({ acknowledgeBilling: true }),
      3,
      {
        status: 'submitted',
        billing: { kind: 'billable', priceTokens: 2, priceEur: 25 },
        isRefused: false,
        mail: 0,
      },
    ],
    [
      'quote',
      input({ article: { billingMode: 'quote' } }),
      0,
      { status: 'quote_pending', billing: { kind: 'quote' }, isRefused: false, mail: 0 },
    ],
    [
      'outside business hours: billable ×2',
      input({ outsideBusinessHours: true, acknowledgeBilling: true }),
      5,
      {
        status: 'submitted',
        billing: { kind: 'billable', priceTokens: 4, priceEur: 50 },
        isRefused: false,
        mail: 0,
      },
    ],
    [
      'outside business hours: a free change stays free',
      input({ outsideBusinessHours: true }),
      1,
      {
        status: 'submitted',
        billing: { kind: 'free', freeChangesLeft: 1 },
        isRefused: false,
        mail: 0,
      },
    ],
    [
      'no free change in the contract',
      input({ contract: { freeChangesPerMonth: 0 }, acknowledgeBilling: true }),
      0,
      {
        status: 'submitted',
        billing: { kind: 'billable', priceTokens: 2, priceEur: 25 },
        isRefused: false,
        mail: 0,
      },
    ],
  ])('%s', (_label, given, usedSoFar, expected) => {
    const plan = planConfirmation(given);
    expect(plan.refusal).toBeNull();
    const outcome = nextOutcome(plan, usedSoFar);
    // The general path took the next free change (or found none): the same outcome.
    const took = usedSoFar < given.contract.freeChangesPerMonth ? usedSoFar + 1 : null;
    expect(outcomeTaking(plan, given.article.billingMode === 'counted' ? took : null)).toEqual(
      outcome,
    );
    expect(outcome).toEqual(expected);
  });
});

describe('planConfirmation: refusals before any price', () => {
  it.each<[string, ConfirmationInput, ConfirmationRefusal | null]>([
    ['active contract', input({}), null],
    ['contract suspended', input({ contract: { status: 'suspended' } }), 'contract_suspended'],
    ['contract ended', input({ contract: { status: 'ended' } }), 'contract_ended'],
    [
      'the contract first, then the item',
      input({ contract: { status: 'ended' }, isItemRetired: true }),
      'contract_ended',
    ],
    ['item retired', input({ isItemRetired: true }), 'item_retired'],
    [
      'requester not authorised',
      input({ contract: { restrictsRequesters: true } }),
      'requester_not_authorised',
    ],
    [
      'requester on the list',
      input({ contract: { restrictsRequesters: true }, isRequester: true }),
      null,
    ],
  ])('%s → %s', (_label, given, expected) => {
    expect(planConfirmation(given).refusal).toBe(expected);
  });
});

describe('planConfirmation: the outcomes the one-statement writer picks from', () => {
  it('has one entry per free change plus none taken, one receipt per status', () => {
    const plan = planConfirmation(input({ acknowledgeBilling: false }));
    expect(plan.outcomes.map((outcome) => outcome.billing.kind)).toEqual([
      'billable',
      'free',
      'free',
      'free',
    ]);
    expect(plan.outcomes.map((outcome) => outcome.isRefused)).toEqual([true, false, false, false]);
    expect(plan.statuses).toEqual(['submitted']);
  });

  it.each<[ConfirmationInput['article']['billingMode'], number]>([
    ['included', 1],
    ['quote', 1],
    ['counted', 4],
  ])('%s article: %i outcomes', (billingMode, count) => {
    expect(planConfirmation(input({ article: { billingMode } })).outcomes).toHaveLength(count);
  });
});

describe('priceDecision and freeChangesLeft', () => {
  it.each<[number, number, number]>([
    [3, 12.5, 37.5],
    [1, 0.333, 0.33],
    [7, 19.99, 139.93],
  ])('%i tokens at %f € → %f €', (priceTokens, tokenPriceEur, priceEur) => {
    expect(priceDecision({ kind: 'billable', priceTokens }, tokenPriceEur)).toEqual({
      kind: 'billable',
      priceTokens,
      priceEur,
    });
  });

  it.each<[number, number, number]>([
    [3, 0, 3],
    [3, 3, 0],
    [3, 5, 0],
  ])('%i a month, %i used → %i left', (perMonth, used, left) => {
    expect(freeChangesLeft(perMonth, used)).toBe(left);
  });
});
