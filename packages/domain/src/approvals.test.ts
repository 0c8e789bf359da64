import { describe, expect, it } from 'vitest';
import {
  actingFor,
  approvalLinkProblem,
  approvalRuleProblem,
  approvalState,
  requiredApproval,
  substitutionProblem,
} from './approvals.ts';
import type { ApprovalCandidate, ApprovalRule, ApprovalVote } from './approvals.ts';
import type { PricedDecision } from './confirmation.ts';

const rule = (overrides: Partial<ApprovalRule>): ApprovalRule => ({
  scope: 'all',
  minTokens: null,
  catalogIds: [],
  articleIds: [],
  includeReferent: true,
  approverIds: [],
  mode: 'any',
  ...overrides,
});

const billable = (priceTokens: number): PricedDecision => ({
  kind: 'billable',
  priceTokens,
  priceEur: priceTokens * 50,
});
const free: PricedDecision = { kind: 'free', freeChangesLeft: 2 };
const included: PricedDecision = { kind: 'included' };
const quote: PricedDecision = { kind: 'quote' };

const candidate = (overrides: Partial<ApprovalCandidate> = {}): ApprovalCandidate => ({
  billing: billable(3),
  catalogId: 'cat-1',
  articleId: 'art-1',
  requesterId: 'requester',
  referentId: 'referent',
  ...overrides,
});

describe('requiredApproval', () => {
  it.each<
    [string, ApprovalRule[], Partial<ApprovalCandidate>, ReturnType<typeof requiredApproval>]
  >([
    ['no rule', [], {}, null],
    [
      'billable catches a billable change',
      [rule({ scope: 'billable' })],
      {},
      { rule: 0, approverIds: ['referent'], mode: 'any' },
    ],
    [
      'billable catches a quote',
      [rule({ scope: 'billable' })],
      { billing: quote },
      { rule: 0, approverIds: ['referent'], mode: 'any' },
    ],
    ['billable lets a free change go', [rule({ scope: 'billable' })], { billing: free }, null],
    [
      'billable lets an included change go',
      [rule({ scope: 'billable' })],
      { billing: included },
      null,
    ],
    [
      'above 5 tokens lets 5 go',
      [rule({ scope: 'above_tokens', minTokens: 5 })],
      { billing: billable(5) },
      null,
    ],
    [
      'above 5 tokens catches 6',
      [rule({ scope: 'above_tokens', minTokens: 5 })],
      { billing: billable(6) },
      { rule: 0, approverIds: ['referent'], mode: 'any' },
    ],
    [
      'above tokens lets a quote go',
      [rule({ scope: 'above_tokens', minTokens: 0 })],
      { billing: quote },
      null,
    ],
    [
      'articles catches a chosen catalog',
      [rule({ scope: 'articles', catalogIds: ['cat-1'] })],
      { billing: free },
      { rule: 0, approverIds: ['referent'], mode: 'any' },
    ],
    [
      'articles catches a chosen article',
      [rule({ scope: 'articles', articleIds: ['art-1'] })],
      { billing: free },
      { rule: 0, approverIds: ['referent'], mode: 'any' },
    ],
    [
      'articles lets another article go',
      [rule({ scope: 'articles', catalogIds: ['cat-2'], articleIds: ['art-2'] })],
      {},
      null,
    ],
    [
      'all catches an included change',
      [rule({ scope: 'all' })],
      { billing: included },
      { rule: 0, approverIds: ['referent'], mode: 'any' },
    ],
    [
      'named approvers after the referent, each once',
      [rule({ approverIds: ['a', 'referent', 'b', 'a'], mode: 'all' })],
      {},
      { rule: 0, approverIds: ['referent', 'a', 'b'], mode: 'all' },
    ],
    [
      'no referent on the contract: the named ones',
      [rule({ approverIds: ['a'] })],
      { referentId: null },
      { rule: 0, approverIds: ['a'], mode: 'any' },
    ],
    [
      'the requester never approves their own request',
      [rule({ approverIds: ['requester', 'a'] })],
      {},
      { rule: 0, approverIds: ['referent', 'a'], mode: 'any' },
    ],
    ['the referent asking needs nobody when alone', [rule({})], { requesterId: 'referent' }, null],
    [
      'a rule left without approver passes to the next',
      [rule({}), rule({ includeReferent: false, approverIds: ['b'] })],
      { requesterId: 'referent' },
      { rule: 1, approverIds: ['b'], mode: 'any' },
    ],
    [
      'the first rule that catches wins',
      [
        rule({ scope: 'billable', approverIds: ['a'], includeReferent: false }),
        rule({ scope: 'all' }),
      ],
      {},
      { rule: 0, approverIds: ['a'], mode: 'any' },
    ],
    [
      'a rule that does not catch passes to the next',
      [
        rule({ scope: 'billable' }),
        rule({ scope: 'all', approverIds: ['b'], includeReferent: false, mode: 'all' }),
      ],
      { billing: free },
      { rule: 1, approverIds: ['b'], mode: 'all' },
    ],
  ])('%s', (_name, rules, overrides, expected) => {
    expect(requiredApproval(rules, candidate(overrides))).toEqual(expected);
  });
});

describe('approvalState', () => {
  const approved = (approverId: string): ApprovalVote => ({ approverId, decision: 'approved' });
  const refused = (approverId: string): ApprovalVote => ({ approverId, decision: 'refused' });
  it.each<['any' | 'all', ApprovalVote[], string]>([
    ['any', [], 'pending'],
    ['any', [approved('a')], 'approved'],
    ['any', [refused('b')], 'refused'],
    ['any', [approved('x')], 'pending'],
    ['all', [], 'pending'],
    ['all', [approved('a')], 'pending'],
    ['all', [approved('a'), approved('b')], 'approved'],
    ['all', [approved('a'), approved('a')], 'pending'],
    ['all', [approved('a'), refused('b')], 'refused'],
    ['all', [approved('a'), approved('x')], 'pending'],
  ])('%s with %j → %s', (mode, votes, expected) => {
    expect(approvalState({ approverIds: ['a', 'b'], mode }, votes)).toBe(expected);
  });
});

describe('actingFor', () => {
  const period = {
    startsAt: new Date('2026-11-01T00:00:00Z'),
    endsAt: new Date('2026-11-15T00:00:00Z'),
  };
  const substitutions = [{ approverId: 'a', substituteId: 's', ...period }];
  it.each<[string, string, string[], string, string | null]>([
    ['an approver for themselves', 'a', [], '2026-11-05T10:00:00Z', 'a'],
    ['an approver who answered already', 'a', ['a'], '2026-11-05T10:00:00Z', null],
    ['a stranger', 'x', [], '2026-11-05T10:00:00Z', null],
    ['the substitute in the period', 's', [], '2026-11-05T10:00:00Z', 'a'],
    ['the substitute at the period start', 's', [], '2026-11-01T00:00:00Z', 'a'],
    ['the substitute at the period end', 's', [], '2026-11-15T00:00:00Z', null],
    ['the substitute before the period', 's', [], '2026-10-31T23:59:59Z', null],
    ['the substitute once the approver answered', 's', ['a'], '2026-11-05T10:00:00Z', null],
  ])('%s', (_name, userId, answered, now, expected) => {
    expect(
      actingFor({ userId, approverIds: ['a', 'b'], answered, substitutions, now: new Date(now) }),
    ).toBe(expected);
  });
});

describe('substitutionProblem', () => {
  it.each<[string, string, string, string, string | null]>([
    ['a', 's', '2026-11-01T00:00:00Z', '2026-11-15T00:00:00Z', null],
    ['a', 'a', '2026-11-01T00:00:00Z', '2026-11-15T00:00:00Z', 'self_substitute'],
    ['a', 's', '2026-11-15T00:00:00Z', '2026-11-15T00:00:00Z', 'period_order'],
    ['a', 's', '2026-11-15T00:00:00Z', '2026-11-01T00:00:00Z', 'period_order'],
    ['a', 's', '2026-01-01T00:00:00Z', '2027-01-03T00:00:00Z', 'period_too_long'],
  ])('%s → %s from %s to %s: %s', (approverId, substituteId, startsAt, endsAt, expected) => {
    expect(
      substitutionProblem({
        approverId,
        substituteId,
        startsAt: new Date(startsAt),
        endsAt: new Date(endsAt),
      }),
    ).toBe(expected);
  });
});

describe('approvalLinkProblem', () => {
  const link = { userId: 'a', expiresAt: new Date('2026-11-27T10:00:00Z'), usedAt: null };
  it.each<
    [
      string,
      { userId: string; expiresAt: Date; usedAt: Date | null },
      string,
      string,
      string | null,
    ]
  >([
    ['its approver, in time', link, 'a', '2026-11-20T10:00:00Z', null],
    ['another user', link, 'b', '2026-11-20T10:00:00Z', 'link_other_user'],
    [
      'used once already',
      { ...link, usedAt: new Date('2026-11-20T09:00:00Z') },
      'a',
      '2026-11-20T10:00:00Z',
      'link_used',
    ],
    ['at its expiry', link, 'a', '2026-11-27T10:00:00Z', 'link_expired'],
  ])('%s', (_name, given, userId, now, expected) => {
    expect(approvalLinkProblem({ link: given, userId, now: new Date(now) })).toBe(expected);
  });
});

describe('approvalRuleProblem', () => {
  it.each<[Partial<ApprovalRule>, string | null]>([
    [{}, null],
    [{ scope: 'above_tokens', minTokens: null }, 'min_tokens_required'],
    [{ scope: 'above_tokens', minTokens: 0 }, null],
    [{ scope: 'articles' }, 'articles_required'],
    [{ scope: 'articles', articleIds: ['x'] }, null],
    [{ includeReferent: false }, 'no_approver'],
    [{ includeReferent: false, approverIds: ['a'] }, null],
  ])('%j → %s', (overrides, expected) => {
    expect(approvalRuleProblem(rule(overrides))).toBe(expected);
  });
});
