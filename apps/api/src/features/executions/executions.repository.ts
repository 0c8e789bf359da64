import type { Db } from '@guichet/db';

/** The automatic executions' SQL (decision 0032). */

/** An article's version with what decides whether it may be automatic. */
export async function findArticleVersion(db: Db, articleId: string, version: number) {
  return db
    .selectFrom('article_versions')
    .select(['id', 'billing_mode'])
    .where('article_id', '=', articleId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** A provider's subscription that may be named as an executor (or undefined). */
export async function findProviderSubscription(db: Db, id: string) {
  return db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'kind', 'is_enabled', 'url'])
    .where('id', '=', id)
    .where('contract_id', 'is', null)
    .executeTakeFirst();
}

/** The provider's executors, enabled first. */
export async function listExecutors(db: Db) {
  return db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'description', 'url', 'is_enabled'])
    .where('kind', '=', 'executor')
    .where('contract_id', 'is', null)
    .orderBy('is_enabled', 'desc')
    .orderBy('created_at')
    .execute();
}

export async function findArticleExecution(db: Db, articleVersionId: string) {
  return db
    .selectFrom('article_version_executions')
    .innerJoin(
      'webhook_subscriptions',
      'webhook_subscriptions.id',
      'article_version_executions.executor_id',
    )
    .select([
      'article_version_executions.article_version_id',
      'article_version_executions.executor_id',
      'article_version_executions.time_limit_minutes',
      'article_version_executions.updated_at',
      'webhook_subscriptions.url as executor_url',
    ])
    .where('article_version_executions.article_version_id', '=', articleVersionId)
    .executeTakeFirst();
}

export async function upsertArticleExecution(
  db: Db,
  row: {
    articleVersionId: string;
    executorId: string;
    timeLimitMinutes: number;
    /** null: the seed loading the demo catalogs. */
    updatedBy: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('article_version_executions')
    .values({
      article_version_id: row.articleVersionId,
      executor_id: row.executorId,
      time_limit_minutes: row.timeLimitMinutes,
      updated_by: row.updatedBy,
      updated_at: row.at,
    })
    .onConflict((conflict) =>
      conflict.column('article_version_id').doUpdateSet({
        executor_id: row.executorId,
        time_limit_minutes: row.timeLimitMinutes,
        updated_by: row.updatedBy,
        updated_at: row.at,
      }),
    )
    .execute();
}

export async function deleteArticleExecution(db: Db, articleVersionId: string): Promise<void> {
  await db
    .deleteFrom('article_version_executions')
    .where('article_version_id', '=', articleVersionId)
    .execute();
}

const executionColumns = [
  'request_executions.id',
  'request_executions.request_id',
  'request_executions.executor_id',
  'request_executions.state',
  'request_executions.requested_at',
  'request_executions.deadline_at',
  'request_executions.started_at',
  'request_executions.finished_at',
  'request_executions.changes',
  'request_executions.reason',
] as const;

export type ExecutionRow = NonNullable<Awaited<ReturnType<typeof findExecution>>>;

/** A request's execution, locked until the caller's transaction ends (take the request's lock first). */
export async function lockExecution(db: Db, requestId: string) {
  return db
    .selectFrom('request_executions')
    .select(executionColumns)
    .where('request_id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findExecution(db: Db, requestId: string) {
  return db
    .selectFrom('request_executions')
    .select(executionColumns)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
}

export async function updateExecution(
  db: Db,
  id: string,
  change: {
    state: ExecutionRow['state'];
    at: Date;
    answeredBy: string | null;
    changes?: unknown;
    reason?: string | null;
  },
): Promise<void> {
  const isEnd = change.state !== 'started';
  await db
    .updateTable('request_executions')
    .set({
      state: change.state,
      answered_by: change.answeredBy,
      ...(isEnd ? { finished_at: change.at } : { started_at: change.at }),
      ...(change.changes !== undefined ? { changes: JSON.stringify(change.changes) } : {}),
      ...(change.reason !== undefined ? { reason: change.reason } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Requests whose execution is still open past its deadline (checked again under their lock). */
export async function listOverdue(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('request_executions')
    .select('request_id')
    .where('state', 'in', ['requested', 'started'])
    .where('deadline_at', '<=', now)
    .orderBy('deadline_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.request_id);
}

/** What an executor is sent: the execution and the item as the inventory holds it. */
export async function findExecutionToSend(db: Db, executionId: string) {
  return db
    .selectFrom('request_executions')
    .innerJoin('requests', 'requests.id', 'request_executions.request_id')
    .leftJoin('assets', 'assets.id', 'requests.asset_id')
    .select([
      'request_executions.id',
      'request_executions.request_id',
      'request_executions.deadline_at',
      'assets.contract_id as asset_contract_id',
      'assets.reference as asset_reference',
      'assets.type as asset_type',
      'assets.label as asset_label',
      'assets.site as asset_site',
      'assets.solution as asset_solution',
      'assets.attributes as asset_attributes',
    ])
    .where('request_executions.id', '=', executionId)
    .executeTakeFirst();
}

/** The executor a request's execution was sent to, as the back-office knows it (or undefined). */
export async function findExecutor(db: Db, subscriptionId: string) {
  return db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'description', 'url', 'is_enabled'])
    .where('id', '=', subscriptionId)
    .executeTakeFirst();
}

/** The deliveries of a request's `execution.requested` to its executor, the first first. */
export async function listExecutionDeliveries(db: Db, requestId: string, executorId: string) {
  return db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhook_messages', 'webhook_messages.id', 'webhook_deliveries.message_id')
    .select([
      'webhook_deliveries.id',
      'webhook_deliveries.state',
      'webhook_deliveries.attempts',
      'webhook_deliveries.is_replay',
      'webhook_deliveries.created_at',
      'webhook_deliveries.next_attempt_at',
      'webhook_deliveries.finished_at',
    ])
    .where('webhook_messages.request_id', '=', requestId)
    .where('webhook_messages.type', '=', 'execution.requested')
    .where('webhook_deliveries.subscription_id', '=', executorId)
    .orderBy('webhook_deliveries.id')
    .limit(20)
    .execute();
}

/** The last attempt of each delivery. */
export async function listLastAttempts(db: Db, deliveryIds: readonly string[]) {
  if (deliveryIds.length === 0) return [];
  return db
    .selectFrom('webhook_attempts')
    .distinctOn('delivery_id')
    .select(['delivery_id', 'at', 'status_code', 'error'])
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('delivery_id')
    .orderBy('id', 'desc')
    .execute();
}

/** The executions set on these article versions (the catalogs file's export and import). */
export async function listArticleExecutions(db: Db, articleVersionIds: readonly string[]) {
  if (articleVersionIds.length === 0) return [];
  return db
    .selectFrom('article_version_executions')
    .select(['article_version_id', 'executor_id', 'time_limit_minutes'])
    .where('article_version_id', 'in', articleVersionIds)
    .execute();
}

/** The provider's subscriptions among these ids, to check the executors a file names. */
export async function findProviderSubscriptions(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'kind', 'is_enabled'])
    .where('id', 'in', ids)
    .where('contract_id', 'is', null)
    .execute();
}
