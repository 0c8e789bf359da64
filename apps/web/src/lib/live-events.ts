import { useSyncExternalStore } from 'react';
import { liveEventKinds } from '@guichet/domain';
import type { LiveEvent } from '@guichet/contracts';
import { apiHref } from './api-client.ts';

const streamUrl = apiHref('/api/events');
/** After the server refused or ended the stream for good (e.g. a 401), try again this late. */
const reopenAfterMs = 15_000;

/**
 * One live stream for the logged-in user (decision 0018). The browser reconnects on its own
 * after a drop, sending `Last-Event-ID`; when the server refuses (an ended session) the
 * stream is opened again later from the last id seen. While it is down nothing is shown:
 * pages read again on navigation and focus, as without it.
 */
export function connectLiveEvents(onEvent: (event: LiveEvent) => void): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  let source: EventSource | null = null;
  let lastEventId: string | null = null;
  let reopen: ReturnType<typeof setTimeout> | null = null;
  let isClosed = false;

  const listener = (message: MessageEvent<string>) => {
    if (message.lastEventId) lastEventId = message.lastEventId;
    try {
      onEvent(JSON.parse(message.data) as LiveEvent);
    } catch {
      // a frame this version does not understand: the next navigation reads the page again
    }
  };

  function open(): void {
    const url =
      lastEventId === null
        ? streamUrl
        : `${streamUrl}?lastEventId=${encodeURIComponent(lastEventId)}`;
    const next = new EventSource(url, { withCredentials: true });
    for (const kind of [...liveEventKinds, 'reload'] as const)
      next.addEventListener(kind, listener);
    next.addEventListener('error', () => {
      if (next.readyState !== EventSource.CLOSED || isClosed) return;
      reopen = setTimeout(open, reopenAfterMs);
    });
    source = next;
  }

  open();
  return () => {
    isClosed = true;
    if (reopen !== null) clearTimeout(reopen);
    source?.close();
  };
}

// Requests changed by someone else, for the quiet notice on their page.

export interface ForeignChange {
  requestId: string;
  actorName: string | null;
  at: number;
}

const changes = new Map<string, ForeignChange>();
const subscribers = new Set<() => void>();

export function recordForeignChange(requestId: string, actorName: string | null): void {
  changes.set(requestId, { requestId, actorName, at: Date.now() });
  for (const notify of subscribers) notify();
}

export function dismissForeignChange(requestId: string): void {
  if (!changes.delete(requestId)) return;
  for (const notify of subscribers) notify();
}

function subscribe(notify: () => void): () => void {
  subscribers.add(notify);
  return () => subscribers.delete(notify);
}

/** The last change someone else made to the request since `since` (ms), if any. */
export function useForeignChange(requestId: string, since: number): ForeignChange | null {
  const change = useSyncExternalStore(subscribe, () => changes.get(requestId) ?? null);
  return change !== null && change.at >= since ? change : null;
}
