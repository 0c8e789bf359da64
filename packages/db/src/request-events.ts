import type { Db } from './connect.ts';

/**
 * Writes one step of a request's history (`request_events`): the customer's use cases (drafts,
 * confirmation) and the provider's (processing) write the same row.
 */
export async function insertRequestEvent(
  db: Db,
  event: {
    requestId: string;
    actorId: string | null;
    kind: string;
    fromStatus: string | null;
    toStatus: string | null;
    at: Date;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('request_events')
    .values({
      request_id: event.requestId,
      actor_id: event.actorId,
      kind: event.kind,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      at: event.at,
      data: JSON.stringify(event.data ?? {}),
    })
    .execute();
}

/** A request's history, oldest first, with who made each step (null: the system). */
export function requestEventsQuery(db: Db, requestId: string) {
  return db
    .selectFrom('request_events')
    .leftJoin('users', 'users.id', 'request_events.actor_id')
    .select([
      'request_events.at',
      'request_events.kind',
      'request_events.from_status',
      'request_events.to_status',
      'request_events.data',
      'users.display_name as actor_name',
    ])
    .where('request_events.request_id', '=', requestId)
    .orderBy('request_events.id');
}
