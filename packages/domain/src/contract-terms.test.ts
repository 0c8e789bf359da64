import { describe, expect, it } from 'vitest';
import {
  contractIdProblems,
  contractStatusDenial,
  contractTermsProblems,
  isContractId,
} from './contract-terms.ts';
import type {
  ContractStatus,
  ContractStatusDenial,
  ContractTerms,
  ContractUse,
} from './contract-terms.ts';

describe('isContractId', () => {
  it.each<[string, boolean]>([
    ['OCB0005121', true],
    ['OCB0009001', true],
    ['OCB0000000', true],
    ['OCB000512', false],
    ['OCB00051210', false],
    ['ocb0005121', false],
    ['ABC0005121', false],
    ['OCB000512A', false],
    [' OCB0005121', false],
    ['OCB0005121 ', false],
    ['', false],
  ])('%j → %s', (id, expected) => {
    expect(isContractId(id)).toBe(expected);
    expect(contractIdProblems(id).map((problem) => problem.path)).toEqual(expected ? [] : ['id']);
  });
});

const terms: ContractTerms = {
  supportLevel: 'Gold',
  freeChangesPerMonth: 5,
  tokenPriceEur: 50,
  timeZone: 'Europe/Paris',
  startsOn: '2026-01-01',
  endsOn: null,
};

describe('contractTermsProblems', () => {
  it.each<[string, Partial<ContractTerms>, string[]]>([
    ['the demo terms', {}, []],
    ['no free change', { freeChangesPerMonth: 0 }, []],
    ['a thousand free changes', { freeChangesPerMonth: 1000 }, []],
    ['1001 free changes', { freeChangesPerMonth: 1001 }, ['freeChangesPerMonth:free_changes']],
    ['negative free changes', { freeChangesPerMonth: -1 }, ['freeChangesPerMonth:free_changes']],
    ['half a free change', { freeChangesPerMonth: 2.5 }, ['freeChangesPerMonth:free_changes']],
    ['a price in cents', { tokenPriceEur: 49.99 }, []],
    ['a price of one cent', { tokenPriceEur: 0.01 }, []],
    ['a price with one decimal', { tokenPriceEur: 12.5 }, []],
    ['a price with three decimals', { tokenPriceEur: 49.999 }, ['tokenPriceEur:cents']],
    ['a free token', { tokenPriceEur: 0 }, ['tokenPriceEur:positive']],
    ['a negative price', { tokenPriceEur: -5 }, ['tokenPriceEur:positive']],
    ['a price that is not a number', { tokenPriceEur: Number.NaN }, ['tokenPriceEur:positive']],
    ['a price above the ceiling', { tokenPriceEur: 1_000_000.01 }, ['tokenPriceEur:max']],
    ['UTC', { timeZone: 'UTC' }, []],
    ['America/New_York', { timeZone: 'America/New_York' }, []],
    ['an unknown zone', { timeZone: 'Europe/Atlantis' }, ['timeZone:time_zone']],
    ['an empty zone', { timeZone: '' }, ['timeZone:time_zone']],
    ['a zone with spaces', { timeZone: ' Europe/Paris' }, ['timeZone:time_zone']],
    ['Bronze', { supportLevel: 'Bronze' }, []],
    ['Standard', { supportLevel: 'Standard' }, []],
    ['Silver', { supportLevel: 'Silver' }, []],
    ['an unknown support level', { supportLevel: 'Platinum' }, ['supportLevel:support_level']],
    ['a support level in lower case', { supportLevel: 'gold' }, ['supportLevel:support_level']],
    ['an end after the start', { endsOn: '2026-12-31' }, []],
    ['an end on the start day', { endsOn: '2026-01-01' }, []],
    ['an end before the start', { endsOn: '2025-12-31' }, ['endsOn:ends_before_start']],
    ['a start that is no day', { startsOn: '2026-02-30' }, ['startsOn:date']],
    ['an end that is no day', { endsOn: '2026-13-01' }, ['endsOn:date']],
    [
      'everything wrong at once',
      {
        supportLevel: 'Iron',
        freeChangesPerMonth: -1,
        tokenPriceEur: 0,
        timeZone: 'Mars/Olympus',
        endsOn: '2025-01-01',
      },
      [
        'supportLevel:support_level',
        'freeChangesPerMonth:free_changes',
        'tokenPriceEur:positive',
        'timeZone:time_zone',
        'endsOn:ends_before_start',
      ],
    ],
  ])('%s', (_label, change, expected) => {
    expect(
      contractTermsProblems({ ...terms, ...change }).map(
        (problem) => `${problem.path}:${problem.rule}`,
      ),
    ).toEqual(expected);
  });
});

describe('contractStatusDenial', () => {
  it.each<[ContractStatus, ContractUse, ContractStatusDenial | null]>([
    ['active', 'confirm', null],
    ['active', 'save_draft', null],
    ['active', 'read', null],
    ['active', 'accept_quote', null],
    ['active', 'refuse_quote', null],
    ['suspended', 'confirm', 'contract_suspended'],
    ['suspended', 'save_draft', 'contract_suspended'],
    ['suspended', 'read', null],
    ['suspended', 'accept_quote', null],
    ['suspended', 'refuse_quote', null],
    ['ended', 'confirm', 'contract_ended'],
    ['ended', 'save_draft', 'contract_ended'],
    ['ended', 'read', null],
    ['ended', 'accept_quote', 'contract_ended'],
    ['ended', 'refuse_quote', null],
  ])('%s contract, %s → %s', (status, use, expected) => {
    expect(contractStatusDenial(status, use)).toBe(expected);
  });
});
