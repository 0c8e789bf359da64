import { hasProfile } from './access.ts';
import type { Grant } from './access.ts';

/** The events a webhook subscription may choose (issue 17). */
export const webhookEventTypes = [
  'request.created',
  'request.confirmed',
  'request.status_changed',
  'quote.sent',
  'quote.accepted',
  'quote.refused',
  'comment.added',
  'request.done',
  'inventory.synced',
  /** An automatic article's request to execute: heard by the executor it names only (decision 0032). */
  'execution.requested',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** `events`: chosen events; `executor`: the provider's automation, sent the executions routed to it. */
export const webhookSubscriptionKinds = ['events', 'executor'] as const;
export type WebhookSubscriptionKind = (typeof webhookSubscriptionKinds)[number];

/**
 * Which events a subscription of a kind may choose: an executor hears only the executions
 * routed to it, any other subscription never hears of them (they carry the item's record).
 * Null when the choice fits; a customer's subscription is always of kind `events`.
 */
export function subscriptionEventsProblem(
  kind: WebhookSubscriptionKind,
  eventTypes: readonly WebhookEventType[],
): string | null {
  if (kind === 'executor') {
    return eventTypes.length === 1 && eventTypes[0] === 'execution.requested'
      ? null
      : 'An executor subscription hears execution.requested only';
  }
  return eventTypes.includes('execution.requested')
    ? 'execution.requested is for subscriptions of kind executor'
    : null;
}

/** What a trigger recorded (migration 0020): a request's history row, a comment, an inventory change. */
export type WebhookFact =
  | {
      source: 'request_event';
      kind: string;
      fromStatus: string | null;
      toStatus: string | null;
      action: string | null;
    }
  | { source: 'comment'; isInternal: boolean }
  | { source: 'inventory' }
  | { source: 'execution' };

/**
 * The events a fact is, in the order they are sent. A draft is its author's only: a request
 * is `created` for subscribers when it is confirmed, just before `confirmed`. Every status
 * change is `status_changed`; quote answers and completion are also told by name.
 */
export function webhookEventTypesOf(fact: WebhookFact): WebhookEventType[] {
  if (fact.source === 'comment') return ['comment.added'];
  if (fact.source === 'inventory') return ['inventory.synced'];
  if (fact.source === 'execution') return ['execution.requested'];
  switch (fact.kind) {
    case 'confirmed':
      return ['request.created', 'request.confirmed'];
    case 'quote_sent':
      return ['request.status_changed', 'quote.sent'];
    case 'status_changed': {
      const types: WebhookEventType[] = ['request.status_changed'];
      if (fact.action === 'accept_quote') types.push('quote.accepted');
      if (fact.action === 'refuse_quote') types.push('quote.refused');
      if (fact.toStatus === 'done') types.push('request.done');
      return types;
    }
    default:
      return [];
  }
}

/**
 * Seconds to wait after the n-th failed attempt (1-based) before the next one: 11 attempts
 * over about 24 h (5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h), then null:
 * the delivery has failed and the request's next event goes.
 */
export const webhookRetryDelaysSeconds = [5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800];

export function webhookRetryDelaySeconds(
  failedAttempts: number,
  delays: readonly number[] = webhookRetryDelaysSeconds,
): number | null {
  if (failedAttempts < 1) return 0;
  return delays[failedAttempts - 1] ?? null;
}

/** A subscription whose every attempt failed for three days is disabled (and its owner mailed). */
export const webhookFailingDaysBeforeDisabling = 3;

export function isFailingTooLong(failingSince: Date | null, now: Date): boolean {
  if (failingSince === null) return false;
  return (
    now.getTime() - failingSince.getTime() >= webhookFailingDaysBeforeDisabling * 24 * 3600_000
  );
}

/**
 * Who manages a contract's webhooks on the customer's side: its referent, or a Gestionnaire of
 * the section Utilisateurs. A subscription hands the contract's requests, quotes, comments
 * and inventory to another system: deciding who else may read them is what that section
 * already decides (invitations, rights), not Demandes or Parc, whose managers work on the
 * data without deciding who sees it.
 */
export function mayManageContractWebhooks(
  grants: readonly Grant[],
  contractId: string,
  referentId: string | null,
  userId: string,
): boolean {
  return referentId === userId || hasProfile(grants, contractId, 'users', 'manager');
}

/**
 * Whether a subscription hears of a message: its contract (or all, the provider's), its types;
 * a message addressed to one subscription (an execution, to its executor) to that one only.
 */
export function subscriptionHears(
  subscription: {
    id?: string;
    contractId: string | null;
    eventTypes: readonly string[];
    isEnabled: boolean;
  },
  message: {
    type: WebhookEventType;
    contractId: string;
    isInternal: boolean;
    subscriptionId?: string | null;
  },
): boolean {
  if (!subscription.isEnabled || !subscription.eventTypes.includes(message.type)) return false;
  if (message.subscriptionId != null && message.subscriptionId !== subscription.id) return false;
  if (subscription.contractId === null) return true;
  return subscription.contractId === message.contractId && !message.isInternal;
}
