import { prepared } from '@guichet/db';
import type { Db } from '@guichet/db';
import { sql } from 'kysely';

export interface LiveEventRow {
  id: string;
  kind: string;
  contract_id: string | null;
  user_id: string | null;
  is_internal: boolean;
  actor_id: string | null;
  actor_name: string | null;
  data: Record<string, unknown>;
}

function eventQuery(db: Db) {
  return db
    .selectFrom('live_events')
    .leftJoin('users', 'users.id', 'live_events.actor_id')
    .select([
      'live_events.id',
      'live_events.kind',
      'live_events.contract_id',
      'live_events.user_id',
      'live_events.is_internal',
      'live_events.actor_id',
      'live_events.data',
      'users.display_name as actor_name',
    ]);
}

/** The events the transactions named by their NOTIFYs wrote, in order. */
export async function listEventsOfTransactions(
  db: Db,
  transactions: readonly string[],
): Promise<LiveEventRow[]> {
  return eventQuery(db)
    .modifyFront(sql.raw(prepared('live-events-of-transactions', { plan: 'generic' })))
    .where(sql<boolean>`live_events.tx = ANY(${[...transactions]}::xid8[])`)
    .orderBy('live_events.id')
    .execute();
}

/** Events after `afterId`, in order, `limit` at most. */
export async function listEventsAfter(
  db: Db,
  afterId: string,
  limit: number,
): Promise<LiveEventRow[]> {
  return eventQuery(db)
    .where('live_events.id', '>', afterId)
    .orderBy('live_events.id')
    .limit(limit)
    .execute();
}

/** When an event was written (by the database's clock, as the window is), and that clock. */
export async function findEventTime(db: Db, id: string): Promise<{ at: Date | null; now: Date }> {
  const { rows } = await sql<{ at: Date | null; now: Date }>`
    SELECT (SELECT at FROM live_events WHERE id = ${id}::bigint) AS at, now() AS now`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('no row');
  return row;
}

/** The newest event's id ('0' when there is none): where a fresh stream starts. */
export async function lastEventId(db: Db): Promise<string> {
  const row = await db
    .selectFrom('live_events')
    .select((eb) => eb.fn.max('id').as('last'))
    .executeTakeFirst();
  return row?.last ?? '0';
}

/** Deletes the events older than `hours` (by the database's clock); returns how many. */
export async function pruneEvents(db: Db, hours: number): Promise<number> {
  const result = await db
    .deleteFrom('live_events')
    .where('at', '<', sql<Date>`now() - make_interval(hours => ${hours}::int)`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
