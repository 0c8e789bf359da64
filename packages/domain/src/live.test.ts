import { describe, expect, it } from 'vitest';
import { mayHear, replayDecision } from './live.ts';
import type { LiveAudience, LiveListener } from './live.ts';

const acmeManager: LiveListener = {
  kind: 'customer',
  userId: 'u-acme',
  grants: [
    { contractId: 'ACME-1', section: 'requests', profile: 'manager' },
    { contractId: 'ACME-2', section: 'inventory', profile: 'viewer' },
  ],
};
const acmeToken: LiveListener = {
  kind: 'customer',
  userId: 'u-acme',
  grants: [{ contractId: 'ACME-1', section: 'requests', profile: 'viewer' }],
  isApiToken: true,
};
const agent: LiveListener = { kind: 'operator', userId: 'u-agent', role: 'agent' };
const catalogManager: LiveListener = {
  kind: 'operator',
  userId: 'u-catalog',
  role: 'catalog_manager',
};

const event = (overrides: Partial<LiveAudience>): LiveAudience => ({
  kind: 'request.changed',
  contractId: 'ACME-1',
  userId: null,
  isInternal: false,
  ...overrides,
});

describe('mayHear', () => {
  it.each<[string, LiveListener, LiveAudience, boolean]>([
    ['a customer, of a contract their grants cover', acmeManager, event({}), true],
    ['a customer, of another contract', acmeManager, event({ contractId: 'GLOBEX-1' }), false],
    [
      'a customer, of a request of a contract they see only the items of',
      acmeManager,
      event({ contractId: 'ACME-2' }),
      false,
    ],
    [
      'a customer, of the items of that contract',
      acmeManager,
      event({ kind: 'inventory.changed', contractId: 'ACME-2' }),
      true,
    ],
    [
      'a customer, of the items of a contract they see the requests of only',
      acmeManager,
      event({ kind: 'inventory.changed' }),
      false,
    ],
    ['a customer, of an internal event', acmeManager, event({ isInternal: true }), false],
    ['a customer, of an event without contract', acmeManager, event({ contractId: null }), false],
    ['a customer, of their own draft', acmeManager, event({ userId: 'u-acme' }), true],
    ['a customer, of a colleague’s draft', acmeManager, event({ userId: 'u-other' }), false],
    [
      'a customer, of their notification',
      acmeManager,
      event({ kind: 'notification.created', contractId: null, userId: 'u-acme' }),
      true,
    ],
    ['a token, of its owner’s draft in its grants', acmeToken, event({ userId: 'u-acme' }), true],
    [
      'a token, of its owner’s draft outside its grants',
      acmeToken,
      event({ userId: 'u-acme', contractId: 'ACME-2' }),
      false,
    ],
    [
      'a token, of its owner’s notification (the bell is not among its grants)',
      acmeToken,
      event({ kind: 'notification.created', contractId: null, userId: 'u-acme' }),
      false,
    ],
    ['a token, of a colleague’s draft', acmeToken, event({ userId: 'u-other' }), false],
    ['an agent, of any contract', agent, event({ contractId: 'GLOBEX-1' }), true],
    ['an agent, of an internal event', agent, event({ isInternal: true }), true],
    ['an agent, of a customer’s draft', agent, event({ userId: 'u-acme' }), false],
    [
      'an agent, of someone else’s notification',
      agent,
      event({ kind: 'notification.created', userId: 'u-acme' }),
      false,
    ],
    [
      'an agent, of their notification',
      agent,
      event({ kind: 'notification.created', userId: 'u-agent' }),
      true,
    ],
    ['an agent, of items', agent, event({ kind: 'inventory.changed' }), false],
    ['a catalog manager, of requests', catalogManager, event({}), false],
  ])('%s', (_name, listener, audience, expected) => {
    expect(mayHear(listener, audience)).toBe(expected);
  });
});

describe('replayDecision', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  it.each<[string, Date | null, number, 'replay' | 'reload']>([
    ['a recent event, few since', new Date('2026-11-20T09:30:00Z'), 3, 'replay'],
    ['exactly the events a replay carries', new Date('2026-11-20T09:30:00Z'), 500, 'replay'],
    ['more than a replay carries', new Date('2026-11-20T09:30:00Z'), 501, 'reload'],
    ['an event older than the window', new Date('2026-11-20T08:59:59Z'), 0, 'reload'],
    ['an event no longer kept', null, 0, 'reload'],
  ])('%s', (_name, lastSeenAt, eventsSince, expected) => {
    expect(replayDecision({ lastSeenAt, now, eventsSince })).toBe(expected);
  });
});
