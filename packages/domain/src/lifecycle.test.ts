import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import {
  allowedActions,
  isDueClockPaused,
  isOpen,
  nextStatus,
  portalGroup,
  portalGroups,
  requestActions,
  requestStatuses,
  statusesInGroup,
} from './lifecycle.ts';
import type { Actor, PortalGroup, RequestAction, RequestStatus } from './lifecycle.ts';

const actors: Actor[] = ['customer', 'operator', 'system', 'executor'];

type Move = [from: RequestStatus, action: RequestAction, actor: Actor, to: RequestStatus];

/** DESIGN §4 (who moves it on) and §5 (quotes: accept, refuse, expiry). */
const designMoves: Move[] = [
  ['draft', 'confirm_free', 'customer', 'submitted'],
  ['draft', 'confirm_billable', 'customer', 'submitted'],
  ['draft', 'confirm_quote', 'customer', 'quote_pending'],
  ['submitted', 'start_review', 'operator', 'in_review'],
  ['submitted', 'cancel', 'customer', 'cancelled'],
  ['in_review', 'schedule', 'operator', 'in_progress'],
  ['in_review', 'ask_quote', 'operator', 'quote_pending'],
  ['in_review', 'reject', 'operator', 'rejected'],
  ['quote_pending', 'send_quote', 'operator', 'quote_sent'],
  ['quote_sent', 'accept_quote', 'customer', 'in_progress'],
  ['quote_sent', 'refuse_quote', 'customer', 'cancelled'],
  ['quote_sent', 'expire_quote', 'system', 'cancelled'],
  ['in_progress', 'complete', 'operator', 'done'],
];

/** Moves lifecycle.ts allows beyond the DESIGN §4 table (refinements, kept on purpose). */
const refinedMoves: Move[] = [
  ['submitted', 'reject', 'operator', 'rejected'],
  ['in_review', 'cancel', 'customer', 'cancelled'],
  // No quote sent yet (« Sur devis » goes straight to quote_pending): the customer may still cancel.
  ['quote_pending', 'cancel', 'customer', 'cancelled'],
  ['quote_pending', 'reject', 'operator', 'rejected'],
  ['quote_sent', 'send_quote', 'operator', 'quote_sent'],
];

/** Decision 0032: an automatic article's executor, and the time limit's job. */
const executionMoves: Move[] = [
  ['submitted', 'start_execution', 'executor', 'in_progress'],
  ['submitted', 'complete_execution', 'executor', 'done'],
  ['in_progress', 'complete_execution', 'executor', 'done'],
  ['submitted', 'fail_execution', 'executor', 'submitted'],
  ['in_progress', 'fail_execution', 'executor', 'submitted'],
  ['submitted', 'time_out_execution', 'system', 'submitted'],
  ['in_progress', 'time_out_execution', 'system', 'submitted'],
];

/** Decision 0035: questions back to the customer (issue 20, part 2). */
const questionMoves: Move[] = [
  ['in_review', 'ask_customer', 'operator', 'awaiting_customer'],
  ['quote_pending', 'ask_customer', 'operator', 'awaiting_customer'],
  ['awaiting_customer', 'answer_question', 'customer', 'in_review'],
  ['awaiting_customer', 'answer_question_on_quote', 'customer', 'quote_pending'],
  ['awaiting_customer', 'cancel', 'customer', 'cancelled'],
  ['awaiting_customer', 'expire_question', 'system', 'cancelled'],
];

/** Issue 20, decision 0034: approvals on the customer's side. */
const approvalMoves: Move[] = [
  ['draft', 'confirm_for_approval', 'customer', 'awaiting_approval'],
  ['awaiting_approval', 'approve_free', 'customer', 'submitted'],
  ['awaiting_approval', 'approve_billable', 'customer', 'submitted'],
  ['awaiting_approval', 'approve_quote', 'customer', 'quote_pending'],
  ['awaiting_approval', 'refuse_approval', 'customer', 'rejected'],
  ['awaiting_approval', 'cancel', 'customer', 'cancelled'],
];

const allowedMoves = [
  ...designMoves,
  ...refinedMoves,
  ...executionMoves,
  ...approvalMoves,
  ...questionMoves,
];

const keyOf = (from: RequestStatus, action: RequestAction, actor: Actor): string =>
  `${from}|${action}|${actor}`;
const expectedNext = new Map(
  allowedMoves.map(([from, action, actor, to]) => [keyOf(from, action, actor), to]),
);

const everyCombination = requestStatuses.flatMap((from) =>
  requestActions.flatMap((action) => actors.map((actor) => ({ from, action, actor }))),
);
const forbidden = everyCombination.filter(
  ({ from, action, actor }) => !expectedNext.has(keyOf(from, action, actor)),
);

describe('nextStatus', () => {
  it('has no duplicate in the expected table', () => {
    expect(expectedNext.size).toBe(allowedMoves.length);
  });

  it('covers the whole cross product', () => {
    expect(everyCombination).toHaveLength(
      requestStatuses.length * requestActions.length * actors.length,
    );
    expect(forbidden).toHaveLength(everyCombination.length - allowedMoves.length);
  });

  it.each(allowedMoves)('%s --%s (%s)--> %s', (from, action, actor, to) => {
    expect(nextStatus(from, action, actor)).toBe(to);
  });

  it.each(forbidden)('refuses $action on $from as $actor', ({ from, action, actor }) => {
    let thrown: unknown;
    try {
      nextStatus(from, action, actor);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('invalid_transition');
    expect((thrown as DomainError).message).toContain(from);
  });

  it.each(['done', 'rejected', 'cancelled'] as const)('%s is final for everyone', (status) => {
    for (const actor of actors) expect(allowedActions(status, actor)).toEqual([]);
  });
});

describe('allowedActions', () => {
  const cases = requestStatuses.flatMap((from) => actors.map((actor) => ({ from, actor })));

  it.each(cases)('$from as $actor lists exactly the allowed moves', ({ from, actor }) => {
    const expected = allowedMoves
      .filter((move) => move[0] === from && move[2] === actor)
      .map((move) => move[1]);
    expect([...allowedActions(from, actor)].sort()).toEqual([...expected].sort());
  });

  it.each([
    [
      'draft',
      'customer',
      ['confirm_free', 'confirm_billable', 'confirm_quote', 'confirm_for_approval'],
    ],
    ['submitted', 'operator', ['start_review', 'reject']],
    ['in_review', 'operator', ['reject', 'ask_quote', 'schedule', 'ask_customer']],
    ['quote_sent', 'customer', ['accept_quote', 'refuse_quote']],
    ['quote_sent', 'system', ['expire_quote']],
    ['draft', 'operator', []],
    ['submitted', 'executor', ['start_execution', 'complete_execution', 'fail_execution']],
    ['in_progress', 'operator', ['complete']],
    ['in_review', 'executor', []],
  ] as const)('%s as %s gives %j in declaration order', (from, actor, expected) => {
    expect(allowedActions(from, actor)).toEqual(expected);
  });
});

describe('portalGroup', () => {
  it.each([
    ['draft', 'draft'],
    ['submitted', 'transmise'],
    ['in_review', 'en_cours'],
    ['quote_pending', 'en_cours'],
    ['quote_sent', 'en_cours'],
    ['in_progress', 'en_cours'],
    ['done', 'terminee'],
    ['rejected', 'terminee'],
    ['cancelled', 'terminee'],
    ['awaiting_approval', 'transmise'],
    ['awaiting_customer', 'en_cours'],
  ] as const)('%s is in %s', (status, group) => {
    expect(portalGroup(status)).toBe(group);
  });
});

describe('statusesInGroup', () => {
  it.each([
    ['draft', ['draft']],
    ['transmise', ['awaiting_approval', 'submitted']],
    ['en_cours', ['in_review', 'quote_pending', 'quote_sent', 'awaiting_customer', 'in_progress']],
    ['terminee', ['done', 'rejected', 'cancelled']],
  ] as const)('%s holds %j', (group, statuses) => {
    expect(statusesInGroup(group)).toEqual(statuses);
  });

  it.each([...portalGroups])('%s round-trips through portalGroup', (group: PortalGroup) => {
    const statuses = statusesInGroup(group);
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) expect(portalGroup(status)).toBe(group);
  });

  it('partitions every status into exactly one group', () => {
    const all = portalGroups.flatMap((group) => statusesInGroup(group));
    expect([...all].sort()).toEqual([...requestStatuses].sort());
  });
});

describe('isOpen', () => {
  it.each([
    ['draft', false],
    ['submitted', true],
    ['in_review', true],
    ['quote_pending', true],
    ['quote_sent', true],
    ['in_progress', true],
    ['done', false],
    ['rejected', false],
    ['cancelled', false],
    ['awaiting_approval', true],
    ['awaiting_customer', true],
  ] as const)('%s → %s', (status, open) => {
    expect(isOpen(status)).toBe(open);
  });
});

describe('isDueClockPaused', () => {
  it.each(requestStatuses.map((status) => [status, status.startsWith('awaiting_')] as const))(
    '%s → %s',
    (status, paused) => {
      expect(isDueClockPaused(status)).toBe(paused);
    },
  );
});

describe('questions back to the customer (decision 0035)', () => {
  it.each([
    ['in_review', 'operator', ['ask_customer', 'ask_quote', 'reject', 'schedule']],
    ['quote_pending', 'operator', ['ask_customer', 'reject', 'send_quote']],
    ['awaiting_customer', 'customer', ['answer_question', 'answer_question_on_quote', 'cancel']],
    // The agent waits: no quote, schedule or rejection while the customer is asked.
    ['awaiting_customer', 'operator', []],
    ['awaiting_customer', 'system', ['expire_question']],
    ['submitted', 'operator', ['reject', 'start_review']],
    ['quote_sent', 'operator', ['send_quote']],
  ] as const)('%s as %s allows %j', (from, actor, actions) => {
    expect([...allowedActions(from, actor)].sort()).toEqual([...actions].sort());
  });

  it.each([
    ['submitted', 'ask_customer'],
    ['quote_sent', 'ask_customer'],
    ['in_progress', 'ask_customer'],
    ['in_review', 'answer_question'],
    ['quote_pending', 'expire_question'],
  ] as const)('refuses %s --%s', (from, action) => {
    expect(() =>
      nextStatus(from, action, action === 'ask_customer' ? 'operator' : 'customer'),
    ).toThrow(DomainError);
  });
});

describe('approvals (decision 0034)', () => {
  it.each([
    [
      'awaiting_approval',
      'customer',
      ['cancel', 'approve_free', 'approve_billable', 'approve_quote', 'refuse_approval'],
    ],
    ['awaiting_approval', 'operator', []],
    ['awaiting_approval', 'system', []],
    ['awaiting_approval', 'executor', []],
  ] as const)('%s as %s gives %j', (from, actor, expected) => {
    expect(allowedActions(from, actor)).toEqual(expected);
  });

  it.each([
    ['approve_free', 'submitted'],
    ['approve_billable', 'submitted'],
    ['approve_quote', 'quote_pending'],
    ['refuse_approval', 'rejected'],
  ] as const)('%s leaves the customer side for %s', (action, to) => {
    expect(nextStatus('awaiting_approval', action, 'customer')).toBe(to);
    expect(() => nextStatus('submitted', action, 'customer')).toThrow(DomainError);
  });
});
