import { DomainError } from './errors.ts';

export const requestStatuses = [
  'draft',
  // Confirmed, waiting for the customer's own approvers: not yet in the provider's queue (issue 20).
  'awaiting_approval',
  'submitted',
  'in_review',
  'quote_pending',
  'quote_sent',
  // An agent asked the customer for details: the request waits for the customer's answer (issue 20).
  'awaiting_customer',
  'in_progress',
  'done',
  'rejected',
  'cancelled',
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** The three groups the portal's list filter shows (DESIGN §4), plus drafts. */
export const portalGroups = ['draft', 'transmise', 'en_cours', 'terminee'] as const;
export type PortalGroup = (typeof portalGroups)[number];

const groupOf: Record<RequestStatus, PortalGroup> = {
  draft: 'draft',
  awaiting_approval: 'transmise',
  submitted: 'transmise',
  in_review: 'en_cours',
  quote_pending: 'en_cours',
  quote_sent: 'en_cours',
  awaiting_customer: 'en_cours',
  in_progress: 'en_cours',
  done: 'terminee',
  rejected: 'terminee',
  cancelled: 'terminee',
};

export function portalGroup(status: RequestStatus): PortalGroup {
  return groupOf[status];
}

export function statusesInGroup(group: PortalGroup): RequestStatus[] {
  return requestStatuses.filter((status) => groupOf[status] === group);
}

/** Open = confirmed and not finished: what makes the « déjà en cours » warning. */
export function isOpen(status: RequestStatus): boolean {
  const group = groupOf[status];
  return group === 'transmise' || group === 'en_cours';
}

/**
 * Whether a request in this status waits on the customer's side (for an answer or for an
 * approval): the provider's due-date clock does not run then (issue 20).
 */
export function isDueClockPaused(status: RequestStatus): boolean {
  return status === 'awaiting_approval' || status === 'awaiting_customer';
}

/** `executor`: the provider's automation answering for an automatic article (decision 0032). */
export type Actor = 'customer' | 'operator' | 'system' | 'executor';

export const requestActions = [
  'confirm_free',
  'confirm_billable',
  'confirm_quote',
  'cancel',
  'start_review',
  'reject',
  'ask_quote',
  'send_quote',
  'accept_quote',
  'refuse_quote',
  'expire_quote',
  'schedule',
  'complete',
  'start_execution',
  'complete_execution',
  'fail_execution',
  'time_out_execution',
  // Questions back to the customer (issue 20, decision 0035): an agent asks for details, the
  // customer answers (back to where the question was asked from), or nobody answers in time.
  'ask_customer',
  'answer_question',
  'answer_question_on_quote',
  'expire_question',
  'confirm_for_approval',
  'approve_free',
  'approve_billable',
  'approve_quote',
  'refuse_approval',
] as const;
export type RequestAction = (typeof requestActions)[number];

interface Transition {
  from: readonly RequestStatus[];
  to: RequestStatus;
  actors: readonly Actor[];
}

// DESIGN §4's table, with the moves the back-office issue adds: a customer may cancel while
// `submitted`, `in_review` or `quote_pending` (no quote sent yet: a « Sur devis » request goes
// straight there), an operator may reject before or during the quote study, and a new quote
// supersedes the one awaiting validation.
const transitions: Record<RequestAction, Transition> = {
  confirm_free: { from: ['draft'], to: 'submitted', actors: ['customer'] },
  confirm_billable: { from: ['draft'], to: 'submitted', actors: ['customer'] },
  confirm_quote: { from: ['draft'], to: 'quote_pending', actors: ['customer'] },
  cancel: {
    from: ['awaiting_approval', 'submitted', 'in_review', 'quote_pending', 'awaiting_customer'],
    to: 'cancelled',
    actors: ['customer'],
  },
  start_review: { from: ['submitted'], to: 'in_review', actors: ['operator'] },
  reject: {
    from: ['submitted', 'in_review', 'quote_pending'],
    to: 'rejected',
    actors: ['operator'],
  },
  ask_quote: { from: ['in_review'], to: 'quote_pending', actors: ['operator'] },
  send_quote: { from: ['quote_pending', 'quote_sent'], to: 'quote_sent', actors: ['operator'] },
  accept_quote: { from: ['quote_sent'], to: 'in_progress', actors: ['customer'] },
  refuse_quote: { from: ['quote_sent'], to: 'cancelled', actors: ['customer'] },
  expire_quote: { from: ['quote_sent'], to: 'cancelled', actors: ['system'] },
  schedule: { from: ['in_review'], to: 'in_progress', actors: ['operator'] },
  complete: { from: ['in_progress'], to: 'done', actors: ['operator'] },
  // Standard changes executed automatically (decision 0032): the executor starts and ends
  // them; a failure or no answer in time hands the request back to the agents' queue.
  start_execution: { from: ['submitted'], to: 'in_progress', actors: ['executor'] },
  complete_execution: { from: ['submitted', 'in_progress'], to: 'done', actors: ['executor'] },
  fail_execution: { from: ['submitted', 'in_progress'], to: 'submitted', actors: ['executor'] },
  time_out_execution: { from: ['submitted', 'in_progress'], to: 'submitted', actors: ['system'] },
  // Questions back (decision 0035): asked while the request is studied, before a quote is sent
  // (a « Sur devis » request's details are what its quote is priced on); the answer sends it
  // back where it was, so that a request on quote never skips its quote; with no answer by
  // the configured delay, the system cancels it. The customer may cancel meanwhile (`cancel`).
  ask_customer: {
    from: ['in_review', 'quote_pending'],
    to: 'awaiting_customer',
    actors: ['operator'],
  },
  answer_question: { from: ['awaiting_customer'], to: 'in_review', actors: ['customer'] },
  answer_question_on_quote: {
    from: ['awaiting_customer'],
    to: 'quote_pending',
    actors: ['customer'],
  },
  expire_question: { from: ['awaiting_customer'], to: 'cancelled', actors: ['system'] },
  // Approvals on the customer's side (issue 20, decision 0034): a confirmation a contract's
  // approval rule catches waits for the customer's approvers; approving makes the move the
  // confirmation would have made (its billing decided then), refusing ends it « Refusée »
  // before the provider ever sees it; the requester may still cancel it (`cancel`).
  confirm_for_approval: { from: ['draft'], to: 'awaiting_approval', actors: ['customer'] },
  approve_free: { from: ['awaiting_approval'], to: 'submitted', actors: ['customer'] },
  approve_billable: { from: ['awaiting_approval'], to: 'submitted', actors: ['customer'] },
  approve_quote: { from: ['awaiting_approval'], to: 'quote_pending', actors: ['customer'] },
  refuse_approval: { from: ['awaiting_approval'], to: 'rejected', actors: ['customer'] },
};

/** The one state machine: returns the next status or throws `invalid_transition`. */
export function nextStatus(
  from: RequestStatus,
  action: RequestAction,
  actor: Actor,
): RequestStatus {
  const transition = transitions[action];
  if (!transition.from.includes(from) || !transition.actors.includes(actor)) {
    throw new DomainError(
      'invalid_transition',
      `Cannot ${action} a request in status ${from} as ${actor}`,
    );
  }
  return transition.to;
}

export function allowedActions(from: RequestStatus, actor: Actor): RequestAction[] {
  return requestActions.filter((action) => {
    const transition = transitions[action];
    return transition.from.includes(from) && transition.actors.includes(actor);
  });
}

/** The state machine as data (for its diagram in docs/architecture.md, `npm run lifecycle:diagram`). */
export function lifecycleTransitions(): {
  action: RequestAction;
  from: readonly RequestStatus[];
  to: RequestStatus;
  actors: readonly Actor[];
}[] {
  return requestActions.map((action) => ({ action, ...transitions[action] }));
}
