import { describe, expect, it } from 'vitest';
import {
  isFailingTooLong,
  mayManageContractWebhooks,
  subscriptionEventsProblem,
  subscriptionHears,
  webhookEventTypesOf,
  webhookRetryDelaySeconds,
  webhookRetryDelaysSeconds,
} from './webhooks.ts';
import type { WebhookFact } from './webhooks.ts';

const move = (kind: string, toStatus: string | null, action: string | null): WebhookFact => ({
  source: 'request_event',
  kind,
  fromStatus: 'x',
  toStatus,
  action,
});

describe('webhookEventTypesOf', () => {
  it.each([
    [move('confirmed', 'submitted', null), ['request.created', 'request.confirmed']],
    [move('created', 'draft', null), []],
    [move('updated', 'draft', null), []],
    [move('assigned', null, null), []],
    [move('status_changed', 'in_review', 'start_review'), ['request.status_changed']],
    [move('quote_sent', 'quote_sent', 'send_quote'), ['request.status_changed', 'quote.sent']],
    [
      move('status_changed', 'in_progress', 'accept_quote'),
      ['request.status_changed', 'quote.accepted'],
    ],
    [
      move('status_changed', 'cancelled', 'refuse_quote'),
      ['request.status_changed', 'quote.refused'],
    ],
    [move('status_changed', 'done', 'complete'), ['request.status_changed', 'request.done']],
    [{ source: 'comment', isInternal: true }, ['comment.added']],
    [{ source: 'inventory' }, ['inventory.synced']],
    [{ source: 'execution' }, ['execution.requested']],
    [
      move('status_changed', 'done', 'complete_execution'),
      ['request.status_changed', 'request.done'],
    ],
    [move('status_changed', 'submitted', 'time_out_execution'), ['request.status_changed']],
  ] as const)('%j → %j', (fact, types) => {
    expect(webhookEventTypesOf(fact)).toEqual(types);
  });
});

describe('webhookRetryDelaySeconds', () => {
  it.each([
    [0, 0],
    [1, 5],
    [2, 30],
    [5, 1800],
    [10, 28800],
    [11, null],
  ])('after %i failed attempts: %s s', (failed, delay) => {
    expect(webhookRetryDelaySeconds(failed)).toBe(delay);
  });

  it('spreads the attempts over about 24 hours', () => {
    const total = webhookRetryDelaysSeconds.reduce((sum, delay) => sum + delay, 0);
    expect(total / 3600).toBeGreaterThan(23);
    expect(total / 3600).toBeLessThanOrEqual(24);
  });
});

describe('isFailingTooLong', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  it.each([
    [null, false],
    [new Date('2026-11-17T10:00:01Z'), false],
    [new Date('2026-11-17T10:00:00Z'), true],
    [new Date('2026-11-01T00:00:00Z'), true],
  ])('failing since %s: %s', (since, expected) => {
    expect(isFailingTooLong(since, now)).toBe(expected);
  });
});

describe('mayManageContractWebhooks', () => {
  const contractId = 'OCB0005121';
  it.each([
    ['the referent without grants', [], 'u1', true],
    ['a Gestionnaire on Utilisateurs', [{ section: 'users', profile: 'manager' }], null, true],
    ['a Visiteur on Utilisateurs', [{ section: 'users', profile: 'viewer' }], null, false],
    ['a Gestionnaire on Demandes', [{ section: 'requests', profile: 'manager' }], null, false],
    ['a Gestionnaire on Parc', [{ section: 'inventory', profile: 'manager' }], 'u2', false],
  ] as const)('%s: %s', (_, grants, referentId, expected) => {
    const full = grants.map((grant) => ({ ...grant, contractId }));
    expect(mayManageContractWebhooks(full, contractId, referentId, 'u1')).toBe(expected);
  });

  it('a Gestionnaire on Utilisateurs of another contract may not', () => {
    const grants = [{ contractId: 'OCB0007001', section: 'users', profile: 'manager' }] as const;
    expect(mayManageContractWebhooks(grants, contractId, null, 'u1')).toBe(false);
  });
});

describe('subscriptionHears', () => {
  const message = { type: 'comment.added', contractId: 'A', isInternal: false } as const;
  it.each([
    ['the provider, every contract', null, ['comment.added'], true, message, true],
    [
      'the provider, internal',
      null,
      ['comment.added'],
      true,
      { ...message, isInternal: true },
      true,
    ],
    ['its contract', 'A', ['comment.added'], true, message, true],
    ['another contract', 'B', ['comment.added'], true, message, false],
    ['a customer, internal', 'A', ['comment.added'], true, { ...message, isInternal: true }, false],
    ['a type not chosen', 'A', ['request.done'], true, message, false],
    ['disabled', 'A', ['comment.added'], false, message, false],
  ] as const)('%s', (_, contractId, eventTypes, isEnabled, heard, expected) => {
    expect(subscriptionHears({ contractId, eventTypes, isEnabled }, heard)).toBe(expected);
  });

  // Decision 0032: an execution is addressed to the executor its article names.
  const execution = {
    type: 'execution.requested',
    contractId: 'A',
    isInternal: false,
    subscriptionId: 'executor-1',
  } as const;
  const executor = {
    contractId: null,
    eventTypes: ['execution.requested'],
    isEnabled: true,
  } as const;
  it.each([
    ['the executor named', { ...executor, id: 'executor-1' }, true],
    ['another executor', { ...executor, id: 'executor-2' }, false],
    ['a disabled executor', { ...executor, id: 'executor-1', isEnabled: false }, false],
    [
      'a provider subscription of every event',
      { id: 'events-1', contractId: null, eventTypes: ['request.done'], isEnabled: true },
      false,
    ],
  ] as const)('an execution: %s', (_, subscription, expected) => {
    expect(subscriptionHears(subscription, execution)).toBe(expected);
  });
});

describe('subscriptionEventsProblem', () => {
  it.each([
    ['executor', ['execution.requested'], false],
    ['executor', ['execution.requested', 'request.done'], true],
    ['executor', ['request.done'], true],
    ['events', ['request.done', 'comment.added'], false],
    ['events', ['request.done', 'execution.requested'], true],
  ] as const)('%s choosing %j: refused %s', (kind, types, refused) => {
    expect(subscriptionEventsProblem(kind, types) !== null).toBe(refused);
  });
});
