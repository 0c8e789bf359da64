import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { LiveEvent, SessionView } from '@guichet/contracts';
import { backOfficeKeys } from '../features/back-office/back-office-keys.ts';
import { requestKeys } from '../features/change-requests/requests-api.ts';
import { followUpKeys } from '../features/follow-up/follow-up-api.ts';
import { notificationKeys } from '../features/notifications/notifications-api.ts';
import { connectLiveEvents, recordForeignChange } from '../lib/live-events.ts';

/** What a request's page and lists read: its detail, follow-up, lists and counts, the queue. */
function requestQueries(id: string): QueryKey[] {
  return [
    requestKeys.detail(id),
    requestKeys.lists,
    followUpKeys.detail(id),
    backOfficeKeys.detail(id),
    backOfficeKeys.queues,
  ];
}

/** The queries each event makes stale: the ones on screen are read again at once. */
export function queriesOf(event: LiveEvent): QueryKey[] | 'all' {
  switch (event.type) {
    case 'request.changed':
      return requestQueries(event.id);
    case 'queue.changed':
      return [backOfficeKeys.detail(event.id), backOfficeKeys.queues];
    case 'requests.changed':
      return [requestKeys.lists, backOfficeKeys.queues];
    case 'comment.added':
      return [
        requestKeys.detail(event.requestId),
        followUpKeys.detail(event.requestId),
        backOfficeKeys.detail(event.requestId),
      ];
    case 'quote.sent':
      return requestQueries(event.requestId);
    case 'notification.created':
      return [notificationKeys.list];
    case 'inventory.changed':
      return [['assets', event.contractId], ['asset'], ['catalogs', event.contractId]];
    case 'rights.changed':
    case 'reload':
      return 'all';
  }
}

function requestIdOf(event: LiveEvent): string | null {
  switch (event.type) {
    case 'request.changed':
    case 'queue.changed':
      return event.id;
    case 'comment.added':
    case 'quote.sent':
      return event.requestId;
    default:
      return null;
  }
}

export function applyLiveEvent(queryClient: QueryClient, userId: string, event: LiveEvent): void {
  const queries = queriesOf(event);
  if (queries === 'all') void queryClient.invalidateQueries();
  else for (const queryKey of queries) void queryClient.invalidateQueries({ queryKey });
  const requestId = requestIdOf(event);
  if (requestId !== null && 'actorId' in event && event.actorId !== userId) {
    recordForeignChange(requestId, event.actorName);
  }
}

/** The live stream of the logged-in user, for as long as the layout is shown. */
export function useLiveUpdates(session: SessionView | null | undefined): void {
  const queryClient = useQueryClient();
  const userId = session?.user.id ?? null;
  const perimeter = session?.perimeter?.customerId ?? null;
  useEffect(() => {
    if (userId === null) return;
    return connectLiveEvents((event) => applyLiveEvent(queryClient, userId, event));
    // A new perimeter is a new set of rights: the stream is opened again for it.
  }, [queryClient, userId, perimeter]);
}
