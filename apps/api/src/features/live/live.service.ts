import { LiveEvent } from '@guichet/contracts';
import type { LiveAudience, LiveEventKind, LiveListener } from '@guichet/domain';
import { liveEventKinds } from '@guichet/domain';
import type { AuthContext, Deps } from '../../http/context.ts';
import type { LiveEventRow } from './live.repository.ts';
import * as repository from './live.repository.ts';

/** Events are kept this long, for streams that reconnect (the replay reaches back 1 h). */
export const liveEventsKeptHours = 24;

/** Who a stream speaks to, from the same context every API call resolves. */
export function listenerOf(auth: AuthContext): LiveListener {
  if (auth.user.kind === 'operator' && auth.user.operatorRole !== null) {
    return { kind: 'operator', userId: auth.user.id, role: auth.user.operatorRole };
  }
  return {
    kind: 'customer',
    userId: auth.user.id,
    grants: auth.grants,
    ...(auth.apiTokenId !== undefined ? { isApiToken: true } : {}),
  };
}

function kindOf(row: LiveEventRow): LiveEventKind {
  const kind = liveEventKinds.find((known) => known === row.kind);
  if (!kind) throw new Error(`unknown live event kind ${row.kind}`);
  return kind;
}

export function audienceOf(row: LiveEventRow): LiveAudience {
  return {
    kind: kindOf(row),
    contractId: row.contract_id,
    userId: row.user_id,
    isInternal: row.is_internal,
  };
}

/** The event as the stream shows it: the row's data, its contract, and who made it. */
export function presentLiveEvent(row: LiveEventRow): LiveEvent {
  const actor = { actorId: row.actor_id, actorName: row.actor_name };
  const contract = row.contract_id === null ? {} : { contractId: row.contract_id };
  switch (kindOf(row)) {
    case 'request.changed':
    case 'queue.changed':
    case 'comment.added':
    case 'quote.sent':
      return LiveEvent.parse({ type: row.kind, ...row.data, ...contract, ...actor });
    case 'requests.changed':
    case 'inventory.changed':
    case 'notification.created':
    case 'rights.changed':
      return LiveEvent.parse({ type: row.kind, ...row.data });
  }
}

/** One server-sent event: built once, written to every stream that may hear it. */
export function frameOf(row: LiveEventRow): string {
  return `id: ${row.id}\nevent: ${row.kind}\ndata: ${JSON.stringify(presentLiveEvent(row))}\n\n`;
}

/** Deletes the events no stream will be replayed any more (the `live.prune` job). */
export async function pruneLiveEvents(deps: Deps): Promise<number> {
  return repository.pruneEvents(deps.db, liveEventsKeptHours);
}
