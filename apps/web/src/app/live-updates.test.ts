import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '@guichet/contracts';
import { applyLiveEvent, queriesOf } from './live-updates.ts';

const requestId = '6f1c1d2e-0a4b-4c5d-8e9f-0a1b2c3d4e5f';
const me = '11111111-1111-4111-8111-111111111111';
const agent = '22222222-2222-4222-8222-222222222222';
const changed: LiveEvent = {
  type: 'request.changed',
  id: requestId,
  number: 'CHG-2026-000001',
  status: 'quote_sent',
  version: 3,
  contractId: 'OCB0005121',
  actorId: agent,
  actorName: 'Agent Guichet',
};

describe('queriesOf', () => {
  it.each<[string, LiveEvent, unknown[][] | 'all']>([
    [
      'a request: its page, follow-up, lists and counts, the back-office page and queue',
      changed,
      [
        ['request', requestId],
        ['requests'],
        ['follow-up', requestId],
        ['back-office', 'request', requestId],
        ['back-office', 'queue'],
      ],
    ],
    [
      'a quote: the same',
      {
        type: 'quote.sent',
        requestId,
        number: null,
        quoteId: requestId,
        version: 1,
        contractId: 'OCB0005121',
        actorId: agent,
        actorName: null,
      },
      [
        ['request', requestId],
        ['requests'],
        ['follow-up', requestId],
        ['back-office', 'request', requestId],
        ['back-office', 'queue'],
      ],
    ],
    [
      'a notification: the bell',
      { type: 'notification.created', id: requestId, requestId, kind: 'quote_sent' },
      [['notifications']],
    ],
    [
      'the queue: the back-office only',
      { ...changed, type: 'queue.changed' },
      [
        ['back-office', 'request', requestId],
        ['back-office', 'queue'],
      ],
    ],
    [
      'items: the contract’s item searches and items',
      { type: 'inventory.changed', contractId: 'OCB0005121' },
      [['assets', 'OCB0005121'], ['asset'], ['catalogs', 'OCB0005121']],
    ],
    ['too much missed: everything', { type: 'reload' }, 'all'],
  ])('%s', (_name, event, expected) => {
    expect(queriesOf(event)).toEqual(expected);
  });
});

describe('applyLiveEvent', () => {
  it('makes the request’s queries stale, the list’s whatever its filters, and not the others', () => {
    const client = new QueryClient();
    client.setQueryData(['request', requestId], { status: 'quote_pending' });
    client.setQueryData(['requests', { group: null }], { items: [] });
    client.setQueryData(['request', 'another'], { status: 'submitted' });
    applyLiveEvent(client, me, changed);
    expect(client.getQueryState(['request', requestId])?.isInvalidated).toBe(true);
    expect(client.getQueryState(['requests', { group: null }])?.isInvalidated).toBe(true);
    expect(client.getQueryState(['request', 'another'])?.isInvalidated).toBe(false);
  });
});
