import type { Db } from '@guichet/db';

export async function findUsers(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'locale', 'kind'])
    .where('id', 'in', ids)
    .execute();
}

export async function insertNotifications(
  db: Db,
  rows: readonly {
    id: string;
    userId: string;
    requestId: string | null;
    kind: string;
    data: Record<string, unknown>;
    at: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notifications')
    .values(
      rows.map((row) => ({
        id: row.id,
        user_id: row.userId,
        request_id: row.requestId,
        kind: row.kind,
        data: JSON.stringify(row.data),
        created_at: row.at,
      })),
    )
    .execute();
}

export async function listNotifications(db: Db, userId: string, limit: number) {
  return db
    .selectFrom('notifications')
    .leftJoin('requests', 'requests.id', 'notifications.request_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.request_id',
      'notifications.data',
      'notifications.created_at',
      'notifications.read_at',
      'requests.number as request_number',
    ])
    .where('notifications.user_id', '=', userId)
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(limit)
    .execute();
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the user's notifications read (those of `ids`, or all); others' ids change nothing. */
export async function markRead(
  db: Db,
  userId: string,
  ids: readonly string[] | undefined,
  at: Date,
): Promise<void> {
  let query = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids) {
    if (ids.length === 0) return;
    query = query.where('id', 'in', ids);
  }
  await query.execute();
}
