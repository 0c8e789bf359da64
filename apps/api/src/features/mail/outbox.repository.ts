import type { Db } from '@guichet/db';
import { sql } from 'kysely';
import { containsPattern } from '../../lib/cursor.ts';

function outboxQuery(db: Db) {
  return db
    .selectFrom('mail_outbox')
    .leftJoin('requests', 'requests.id', 'mail_outbox.request_id')
    .select([
      'mail_outbox.id',
      'mail_outbox.to_address',
      'mail_outbox.subject',
      'mail_outbox.kind',
      'mail_outbox.status',
      'mail_outbox.attempts',
      'mail_outbox.last_error',
      'mail_outbox.request_id',
      'mail_outbox.created_at',
      'mail_outbox.sent_at',
      'requests.number as request_number',
    ]);
}
export type OutboxRow = Awaited<ReturnType<ReturnType<typeof outboxQuery>['execute']>>[number];

/** Newest first, by keyset pages. */
export async function listOutbox(
  db: Db,
  filter: {
    status?: 'pending' | 'sent' | 'failed' | 'kept';
    q?: string;
    after?: [string, string];
    limit: number;
  },
) {
  let query = outboxQuery(db);
  if (filter.status) query = query.where('mail_outbox.status', '=', filter.status);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        eb('mail_outbox.to_address', 'ilike', pattern),
        eb('mail_outbox.subject', 'ilike', pattern),
        eb('requests.number', 'ilike', pattern),
      ]),
    );
  }
  const totalRow = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  if (filter.after) {
    const [at, id] = filter.after;
    query = query.where(
      sql<boolean>`(mail_outbox.created_at, mail_outbox.id) < (${at}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await query
    .orderBy('mail_outbox.created_at', 'desc')
    .orderBy('mail_outbox.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  return { rows, total: Number(totalRow.count) };
}

export async function findMail(db: Db, id: string) {
  return outboxQuery(db)
    .select(['mail_outbox.text_body'])
    .where('mail_outbox.id', '=', id)
    .executeTakeFirst();
}

/**
 * Pending mails not yet handed to the job queue, locked (others skip them) until the
 * caller's transaction ends.
 */
export async function lockUndispatched(db: Db, limit: number) {
  return db
    .selectFrom('mail_outbox')
    .select(['id'])
    .where('status', '=', 'pending')
    .where('dispatched_at', 'is', null)
    .orderBy('created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markDispatched(db: Db, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('mail_outbox').set({ dispatched_at: at }).where('id', 'in', ids).execute();
}

/** With no SMTP server configured: pending mails stay in the outbox, as `kept`. */
export async function keepPending(db: Db): Promise<number> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ status: 'kept' })
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A pending mail to send, locked until the caller's transaction ends; others skip it. */
export async function lockPendingMail(db: Db, id: string) {
  return db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'text_body', 'html_body', 'attempts'])
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function recordAttempt(
  db: Db,
  attempt: {
    id: string;
    status: 'pending' | 'sent' | 'failed';
    error: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      status: attempt.status,
      attempts: eb('attempts', '+', 1),
      last_error: attempt.error,
      ...(attempt.status === 'sent' ? { sent_at: attempt.at } : {}),
    }))
    .where('id', '=', attempt.id)
    .execute();
}
