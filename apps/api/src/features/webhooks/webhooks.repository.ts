import type { Db } from '@guichet/db';
import { sql } from 'kysely';

/** The webhooks' SQL (decision 0028). */

const subscriptionColumns = [
  'webhook_subscriptions.id',
  'webhook_subscriptions.contract_id',
  'webhook_subscriptions.owner_id',
  'webhook_subscriptions.url',
  'webhook_subscriptions.description',
  'webhook_subscriptions.event_types',
  'webhook_subscriptions.is_enabled',
  'webhook_subscriptions.secret',
  'webhook_subscriptions.previous_secret',
  'webhook_subscriptions.previous_secret_expires_at',
  'webhook_subscriptions.failing_since',
  'webhook_subscriptions.disabled_at',
  'webhook_subscriptions.disabled_reason',
  'webhook_subscriptions.kind',
  'webhook_subscriptions.created_at',
  'webhook_subscriptions.updated_at',
  'users.display_name as owner_name',
  'users.email as owner_email',
  'users.locale as owner_locale',
] as const;

function subscriptions(db: Db) {
  return db
    .selectFrom('webhook_subscriptions')
    .innerJoin('users', 'users.id', 'webhook_subscriptions.owner_id')
    .select(subscriptionColumns);
}

export type SubscriptionRow = NonNullable<Awaited<ReturnType<typeof findSubscription>>>;

export async function findSubscription(db: Db, id: string) {
  return subscriptions(db).where('webhook_subscriptions.id', '=', id).executeTakeFirst();
}

/** The provider's (`contractIds` null) or those of some contracts, newest first. */
export async function listSubscriptions(db: Db, contractIds: readonly string[] | null) {
  let query = subscriptions(db).orderBy('webhook_subscriptions.created_at', 'desc');
  if (contractIds === null) query = query.where('webhook_subscriptions.contract_id', 'is', null);
  else if (contractIds.length === 0) return [];
  else query = query.where('webhook_subscriptions.contract_id', 'in', contractIds);
  return query.orderBy('webhook_subscriptions.id').execute();
}

export async function insertSubscription(
  db: Db,
  row: {
    id: string;
    contractId: string | null;
    ownerId: string;
    url: string;
    description: string;
    eventTypes: readonly string[];
    kind?: 'events' | 'executor';
    secret: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('webhook_subscriptions')
    .values({
      id: row.id,
      contract_id: row.contractId,
      owner_id: row.ownerId,
      url: row.url,
      description: row.description,
      event_types: [...row.eventTypes],
      kind: row.kind ?? 'events',
      secret: row.secret,
      created_at: row.at,
      updated_at: row.at,
    })
    .execute();
}

export async function updateSubscription(
  db: Db,
  id: string,
  change: {
    url?: string;
    description?: string;
    eventTypes?: readonly string[];
    isEnabled?: boolean;
    secret?: string;
    previousSecret?: string | null;
    previousSecretExpiresAt?: Date | null;
    at: Date;
  },
): Promise<void> {
  await db
    .updateTable('webhook_subscriptions')
    .set({
      updated_at: change.at,
      ...(change.url !== undefined ? { url: change.url } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.eventTypes !== undefined ? { event_types: [...change.eventTypes] } : {}),
      ...(change.isEnabled === true
        ? { is_enabled: true, disabled_at: null, disabled_reason: null, failing_since: null }
        : change.isEnabled === false
          ? { is_enabled: false, disabled_at: change.at, disabled_reason: 'by_hand' as const }
          : {}),
      ...(change.secret !== undefined ? { secret: change.secret } : {}),
      ...(change.previousSecret !== undefined ? { previous_secret: change.previousSecret } : {}),
      ...(change.previousSecretExpiresAt !== undefined
        ? { previous_secret_expires_at: change.previousSecretExpiresAt }
        : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteSubscription(db: Db, id: string): Promise<void> {
  await db.deleteFrom('webhook_subscriptions').where('id', '=', id).execute();
}

export async function listEnabledSubscriptions(db: Db) {
  return db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'contract_id', 'event_types', 'is_enabled'])
    .where('is_enabled', '=', true)
    .orderBy('id')
    .execute();
}

// ——— dispatch ———

/** One dispatcher at a time across processes: messages are made in the outbox's order. */
export async function tryDispatchLock(db: Db, key: number): Promise<boolean> {
  const result = await sql<{
    locked: boolean;
  }>`SELECT pg_try_advisory_xact_lock(${key}) AS locked`.execute(db);
  return result.rows[0]?.locked ?? false;
}

export async function takeOutbox(db: Db, limit: number) {
  const rows = await db
    .selectFrom('webhook_outbox')
    .selectAll()
    .orderBy('id')
    .limit(limit)
    .execute();
  if (rows.length > 0) {
    await db
      .deleteFrom('webhook_outbox')
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .execute();
  }
  return rows;
}

export async function insertMessage(
  db: Db,
  message: {
    id: string;
    type: string;
    contractId: string;
    requestId: string | null;
    orderingKey: string;
    isInternal: boolean;
    payload: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('webhook_messages')
    .values({
      id: message.id,
      type: message.type,
      contract_id: message.contractId,
      request_id: message.requestId,
      ordering_key: message.orderingKey,
      is_internal: message.isInternal,
      payload: message.payload,
      created_at: message.at,
    })
    .execute();
}

export async function findMessage(db: Db, id: string) {
  return db.selectFrom('webhook_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** New deliveries; returns their ids in the order given. */
export async function insertDeliveries(
  db: Db,
  rows: readonly {
    subscriptionId: string;
    messageId: string;
    orderingKey: string;
    isReplay?: boolean;
    needsJob?: boolean;
    at: Date;
  }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('webhook_deliveries')
    .values(
      rows.map((row) => ({
        subscription_id: row.subscriptionId,
        message_id: row.messageId,
        ordering_key: row.orderingKey,
        state: 'pending' as const,
        next_attempt_at: row.at,
        is_replay: row.isReplay ?? false,
        needs_job: row.needsJob ?? false,
        created_at: row.at,
      })),
    )
    .returning('id')
    .execute();
  return inserted.map((row) => row.id);
}

// ——— delivery ———

/**
 * Locks a delivery for its attempt, or undefined when another worker holds it (it is being
 * sent) or it does not exist. The lock is held while the receiver is called.
 */
export async function lockDelivery(db: Db, id: string) {
  return db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhook_messages', 'webhook_messages.id', 'webhook_deliveries.message_id')
    .innerJoin(
      'webhook_subscriptions',
      'webhook_subscriptions.id',
      'webhook_deliveries.subscription_id',
    )
    .select([
      'webhook_deliveries.id',
      'webhook_deliveries.subscription_id',
      'webhook_deliveries.ordering_key',
      'webhook_deliveries.state',
      'webhook_deliveries.attempts',
      'webhook_deliveries.next_attempt_at',
      'webhook_messages.id as message_id',
      'webhook_messages.payload',
      'webhook_messages.created_at as message_created_at',
      'webhook_subscriptions.url',
      'webhook_subscriptions.is_enabled',
      'webhook_subscriptions.secret',
      'webhook_subscriptions.previous_secret',
      'webhook_subscriptions.previous_secret_expires_at',
    ])
    .where('webhook_deliveries.id', '=', id)
    .forUpdate('webhook_deliveries')
    .skipLocked()
    .executeTakeFirst();
}

/** The stream's earliest pending delivery before `id`, if any (the one `id` waits for). */
export async function earlierPending(
  db: Db,
  delivery: { id: string; subscriptionId: string; orderingKey: string },
) {
  return db
    .selectFrom('webhook_deliveries')
    .select(['id', 'next_attempt_at'])
    .where('subscription_id', '=', delivery.subscriptionId)
    .where('ordering_key', '=', delivery.orderingKey)
    .where('state', '=', 'pending')
    .where(sql<boolean>`id < ${delivery.id}::bigint`)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** The stream's next pending delivery after `id`. */
export async function nextPending(
  db: Db,
  delivery: { id: string; subscriptionId: string; orderingKey: string },
) {
  return db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('subscription_id', '=', delivery.subscriptionId)
    .where('ordering_key', '=', delivery.orderingKey)
    .where('state', '=', 'pending')
    .where(sql<boolean>`id > ${delivery.id}::bigint`)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export async function insertAttempt(
  db: Db,
  attempt: {
    deliveryId: string;
    at: Date;
    statusCode: number | null;
    durationMs: number;
    excerpt: string;
    error: string | null;
    isSuccess: boolean;
  },
): Promise<void> {
  await db
    .insertInto('webhook_attempts')
    .values({
      delivery_id: attempt.deliveryId,
      at: attempt.at,
      status_code: attempt.statusCode,
      duration_ms: attempt.durationMs,
      response_excerpt: attempt.excerpt,
      error: attempt.error,
      is_success: attempt.isSuccess,
    })
    .execute();
}

export async function finishDelivery(
  db: Db,
  id: string,
  change: { state: 'delivered' | 'failed' | 'pending'; nextAttemptAt?: Date; at: Date },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      state: change.state,
      attempts: sql<number>`attempts + 1`,
      ...(change.nextAttemptAt ? { next_attempt_at: change.nextAttemptAt } : {}),
      ...(change.state === 'pending' ? {} : { finished_at: change.at }),
    })
    .where('id', '=', id)
    .execute();
}

/** A success ends the subscription's failing streak (no write when there was none). */
export async function clearFailing(db: Db, subscriptionId: string): Promise<void> {
  await db
    .updateTable('webhook_subscriptions')
    .set({ failing_since: null })
    .where('id', '=', subscriptionId)
    .where('failing_since', 'is not', null)
    .execute();
}

/** Marks the start of a failing streak; returns since when it has been failing. */
export async function markFailing(db: Db, subscriptionId: string, at: Date): Promise<Date | null> {
  await db
    .updateTable('webhook_subscriptions')
    .set({ failing_since: at })
    .where('id', '=', subscriptionId)
    .where('failing_since', 'is', null)
    .execute();
  const row = await db
    .selectFrom('webhook_subscriptions')
    .select(['failing_since', 'is_enabled'])
    .where('id', '=', subscriptionId)
    .executeTakeFirst();
  return row?.is_enabled ? row.failing_since : null;
}

/** Disables a failing subscription once (true: this call did). */
export async function disableFailing(db: Db, subscriptionId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('webhook_subscriptions')
    .set({ is_enabled: false, disabled_at: at, disabled_reason: 'failing', updated_at: at })
    .where('id', '=', subscriptionId)
    .where('is_enabled', '=', true)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Pending deliveries first in their stream and due before `before` (the sweeper's). */
export async function overdueHeads(db: Db, before: Date, limit: number) {
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('webhook_deliveries')
        .innerJoin(
          'webhook_subscriptions',
          'webhook_subscriptions.id',
          'webhook_deliveries.subscription_id',
        )
        .distinctOn(['webhook_deliveries.subscription_id', 'webhook_deliveries.ordering_key'])
        .select(['webhook_deliveries.id', 'webhook_deliveries.next_attempt_at'])
        .where('webhook_deliveries.state', '=', 'pending')
        .where('webhook_subscriptions.is_enabled', '=', true)
        .orderBy('webhook_deliveries.subscription_id')
        .orderBy('webhook_deliveries.ordering_key')
        .orderBy('webhook_deliveries.id')
        .as('heads'),
    )
    .select('id')
    .where('next_attempt_at', '<', before)
    .limit(limit)
    .execute();
}

/** Pending deliveries first in their stream, of one subscription (enabled again). */
export async function headsOf(db: Db, subscriptionId: string) {
  return db
    .selectFrom('webhook_deliveries')
    .distinctOn('ordering_key')
    .select('id')
    .where('subscription_id', '=', subscriptionId)
    .where('state', '=', 'pending')
    .orderBy('ordering_key')
    .orderBy('id')
    .execute();
}

// ——— reading ———

export async function listDeliveries(
  db: Db,
  subscriptionId: string,
  options: { state?: 'pending' | 'delivered' | 'failed'; limit: number; beforeId?: string },
) {
  let query = db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhook_messages', 'webhook_messages.id', 'webhook_deliveries.message_id')
    .select([
      'webhook_deliveries.id',
      'webhook_deliveries.message_id',
      'webhook_messages.type',
      'webhook_messages.request_id',
      'webhook_deliveries.state',
      'webhook_deliveries.attempts',
      'webhook_deliveries.next_attempt_at',
      'webhook_deliveries.is_replay',
      'webhook_deliveries.created_at',
      'webhook_deliveries.finished_at',
    ])
    .where('webhook_deliveries.subscription_id', '=', subscriptionId)
    .orderBy('webhook_deliveries.id', 'desc')
    .limit(options.limit + 1);
  if (options.state) query = query.where('webhook_deliveries.state', '=', options.state);
  if (options.beforeId) {
    query = query.where(sql<boolean>`webhook_deliveries.id < ${options.beforeId}::bigint`);
  }
  const rows = await query.execute();
  const total = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('subscription_id', '=', subscriptionId)
    .$if(options.state !== undefined, (q) => q.where('state', '=', options.state ?? 'pending'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export async function listAttempts(db: Db, deliveryIds: readonly string[]) {
  if (deliveryIds.length === 0) return [];
  return db
    .selectFrom('webhook_attempts')
    .select([
      'delivery_id',
      'at',
      'status_code',
      'duration_ms',
      'response_excerpt',
      'error',
      'is_success',
    ])
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('id', 'desc')
    .execute();
}

/** Whether the subscription ever had this message (a replay sends only what it heard of). */
export async function hasDeliveryOf(db: Db, subscriptionId: string, messageId: string) {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('subscription_id', '=', subscriptionId)
    .where('message_id', '=', messageId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The referents of some contracts (who manage their webhooks with the Utilisateurs managers). */
export async function referentsOf(db: Db, contractIds: readonly string[]) {
  if (contractIds.length === 0) return new Map<string, string | null>();
  const rows = await db
    .selectFrom('contracts')
    .select(['id', 'referent_user_id'])
    .where('id', 'in', contractIds)
    .execute();
  return new Map(rows.map((row) => [row.id, row.referent_user_id]));
}

/** Deliveries waiting for a job (replays, heads of a subscription enabled again), locked. */
export async function takeUnqueued(db: Db, limit: number) {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('needs_job', '=', true)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  if (rows.length > 0) {
    await db
      .updateTable('webhook_deliveries')
      .set({ needs_job: false })
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .execute();
  }
  return rows.map((row) => row.id);
}

export async function markNeedsJob(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('webhook_deliveries')
    .set({ needs_job: true })
    .where('id', 'in', [...ids])
    .execute();
}
