import { contractsWith } from './access.ts';
import type { Grant, Section } from './access.ts';
import { operatorCan } from './operators.ts';
import type { OperatorRole } from './operators.ts';

/** What the live stream carries (decision 0018); each names what a page should read again. */
export const liveEventKinds = [
  'request.changed',
  /** Many requests of a contract at once (a bulk load): its lists, not each request. */
  'requests.changed',
  'comment.added',
  'quote.sent',
  'notification.created',
  /** Operators only: the back-office queue (an assignment, an internal event). */
  'queue.changed',
  'inventory.changed',
  /** To one user: their grants or their session's perimeter changed. */
  'rights.changed',
] as const;
export type LiveEventKind = (typeof liveEventKinds)[number];

/** Who may hear of an event, as its `live_events` row says. */
export interface LiveAudience {
  kind: LiveEventKind;
  /** The contract it concerns: customers whose grants cover it. */
  contractId: string | null;
  /** That user only (a draft's author, a notification's recipient). */
  userId: string | null;
  /** Operators only (internal comments, assignments). */
  isInternal: boolean;
}

/** Who listens: the same rights the API checks on each call. */
export type LiveListener =
  | {
      kind: 'customer';
      userId: string;
      grants: readonly Grant[];
      /** A personal API token: only within its grants, its owner's own events included. */
      isApiToken?: boolean;
    }
  | { kind: 'operator'; userId: string; role: OperatorRole };

const sectionOf: Record<LiveEventKind, Section> = {
  'request.changed': 'requests',
  'requests.changed': 'requests',
  'comment.added': 'requests',
  'quote.sent': 'requests',
  'notification.created': 'requests',
  'queue.changed': 'requests',
  'inventory.changed': 'inventory',
  'rights.changed': 'requests',
};

/**
 * Whether a listener hears of an event. An event meant for one user reaches that user only;
 * internal ones reach operators only; a contract's reach the customers whose grants in the
 * session's perimeter cover it on the section it belongs to (a Globex user never hears of an
 * ACME request), and the operators who process requests. Anything else: nobody.
 */
export function mayHear(listener: LiveListener, event: LiveAudience): boolean {
  if (event.userId !== null) {
    if (event.userId !== listener.userId) return false;
    // a token hears of its owner's drafts on the contracts of its grants only, and never of
    // the bell, which spans every contract and perimeter (issue 18)
    if (listener.kind !== 'customer' || listener.isApiToken !== true) return true;
  }
  if (listener.kind === 'operator') {
    return (
      event.contractId !== null &&
      event.kind !== 'inventory.changed' &&
      operatorCan(listener.role, 'process_requests')
    );
  }
  if (event.isInternal || event.contractId === null) return false;
  return contractsWith(listener.grants, sectionOf[event.kind], 'viewer').includes(event.contractId);
}

/** How far back a reconnecting stream is replayed; beyond, it is told to reload its data. */
export const liveReplayLimits = { events: 500, hours: 1 } as const;

/**
 * What a stream reconnecting after `Last-Event-ID` is sent: the events since (read at most
 * `events` + 1 of them), or `reload` when the last event it saw is gone (pruned) or older
 * than the window, or more happened since than a replay carries.
 */
export function replayDecision(input: {
  lastSeenAt: Date | null;
  now: Date;
  eventsSince: number;
}): 'replay' | 'reload' {
  if (input.lastSeenAt === null) return 'reload';
  if (input.now.getTime() - input.lastSeenAt.getTime() > liveReplayLimits.hours * 3_600_000)
    return 'reload';
  return input.eventsSince > liveReplayLimits.events ? 'reload' : 'replay';
}
