import type { Database, Db } from '@guichet/db';
import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { containsPattern } from '../../lib/cursor.ts';

export interface RequestRow {
  id: string;
  contractId: string;
  assetId: string | null;
  catalogId: string | null;
  articleId: string | null;
  articleVersionId: string | null;
  values: Record<string, unknown>;
  customerReference: string | null;
  comment: string | null;
  outsideBusinessHours: boolean;
}

export async function insertRequest(
  db: Db,
  row: RequestRow & {
    authorId: string;
    status: string;
    number: string | null;
    billing: Record<string, unknown> | null;
    billingMonth: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('requests')
    .values({
      id: row.id,
      number: row.number,
      contract_id: row.contractId,
      asset_id: row.assetId,
      catalog_id: row.catalogId,
      article_id: row.articleId,
      article_version_id: row.articleVersionId,
      values: JSON.stringify(row.values),
      customer_reference: row.customerReference,
      comment: row.comment,
      outside_business_hours: row.outsideBusinessHours,
      status: row.status,
      billing: row.billing === null ? null : JSON.stringify(row.billing),
      billing_month: row.billingMonth,
      author_id: row.authorId,
      created_at: row.at,
      updated_at: row.at,
      issued_at: row.at,
      submitted_at: row.status === 'draft' ? null : row.at,
    })
    .execute();
}

/** Rewrites a draft if it still has `expectedVersion`; false when someone changed it since. */
export async function updateRequest(
  db: Db,
  row: RequestRow & {
    expectedVersion: number;
    status: string;
    number: string | null;
    billing: Record<string, unknown> | null;
    billingMonth: string | null;
    at: Date;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('requests')
    .set((eb) => ({
      asset_id: row.assetId,
      catalog_id: row.catalogId,
      article_id: row.articleId,
      article_version_id: row.articleVersionId,
      values: JSON.stringify(row.values),
      customer_reference: row.customerReference,
      comment: row.comment,
      outside_business_hours: row.outsideBusinessHours,
      status: row.status,
      number: row.number,
      billing: row.billing === null ? null : JSON.stringify(row.billing),
      billing_month: row.billingMonth,
      updated_at: row.at,
      ...(row.status === 'draft' ? {} : { submitted_at: row.at, issued_at: row.at }),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', row.id)
    .where('version', '=', row.expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The request's row, locked until the transaction ends. */
export async function lockRequest(db: Db, id: string) {
  return db
    .selectFrom('requests')
    .select(['id', 'contract_id', 'author_id', 'status', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function deleteRequest(db: Db, id: string): Promise<void> {
  await db.deleteFrom('requests').where('id', '=', id).execute();
}

export async function insertEvent(
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

/**
 * Takes one of the contract's free changes of `month` if any is left. The upsert holds the
 * counter row's lock until commit, so concurrent confirms are counted one after the other.
 * Returns the number used after this one, or null when none was left.
 */
export async function takeFreeChange(db: Db, contractId: string, month: string, limit: number) {
  if (limit <= 0) return null;
  const row = await db
    .insertInto('free_change_usage')
    .values({ contract_id: contractId, month, used: 1 })
    .onConflict((oc) =>
      oc
        .columns(['contract_id', 'month'])
        .doUpdateSet((eb) => ({ used: eb('free_change_usage.used', '+', 1) }))
        .where('free_change_usage.used', '<', limit),
    )
    .returning('used')
    .executeTakeFirst();
  return row ? row.used : null;
}

/** The next number of `year`; the counter row lock keeps numbers gapless and unique. */
export async function nextSequence(db: Db, year: number): Promise<number> {
  const row = await db
    .insertInto('request_counters')
    .values({ year, last: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet((eb) => ({ last: eb('request_counters.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export async function openRequestsOnAsset(db: Db, assetId: string, excludeId?: string) {
  let query = db
    .selectFrom('requests')
    .select(['id', 'number', 'status'])
    .where('asset_id', '=', assetId)
    .where('status', 'in', ['submitted', 'in_review', 'quote_pending', 'quote_sent', 'in_progress'])
    .orderBy('issued_at', 'desc')
    .limit(20);
  if (excludeId) query = query.where('id', '<>', excludeId);
  return query.execute();
}

function summaryQuery(db: Db) {
  return db
    .selectFrom('requests')
    .innerJoin('users as author', 'author.id', 'requests.author_id')
    .leftJoin('assets', 'assets.id', 'requests.asset_id')
    .leftJoin('catalogs', 'catalogs.id', 'requests.catalog_id')
    .leftJoin('article_versions', 'article_versions.id', 'requests.article_version_id')
    .select([
      'requests.id',
      'requests.number',
      'requests.request_type',
      'requests.status',
      'requests.contract_id',
      'requests.author_id',
      'requests.customer_reference',
      'requests.created_at',
      'requests.submitted_at',
      'requests.updated_at',
      'requests.issued_at',
      'assets.reference as asset_reference',
      'assets.label as asset_label',
      'catalogs.name_fr as catalog_name_fr',
      'catalogs.name_en as catalog_name_en',
      'article_versions.name_fr as article_name_fr',
      'article_versions.name_en as article_name_en',
      'author.display_name as author_name',
    ]);
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

export interface ListFilter {
  contractIds: readonly string[];
  viewerId: string;
  statuses?: readonly string[];
  q?: string;
  contractId?: string;
  assetId?: string;
  after?: [string, string];
  limit: number;
}

/** What a listed request must match besides its contract: status, item, text, visibility. */
function matching(eb: ExpressionBuilder<RequestsAs<'candidate'>, 'candidate'>, filter: ListFilter) {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.assetId) conditions.push(eb('candidate.asset_id', '=', filter.assetId));
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    // EXISTS rather than joins: the count then needs no join, and the result is the same as
    // a left join's (a missing article or item matches nothing).
    conditions.push(
      eb.or([
        eb('candidate.number', 'ilike', pattern),
        eb('candidate.customer_reference', 'ilike', pattern),
        eb('candidate.contract_id', 'ilike', pattern),
        eb.exists(
          eb
            .selectFrom('article_versions')
            .select(sql`1`.as('one'))
            .whereRef('article_versions.id', '=', 'candidate.article_version_id')
            .where((inner) =>
              inner.or([
                inner('article_versions.name_fr', 'ilike', pattern),
                inner('article_versions.name_en', 'ilike', pattern),
              ]),
            ),
        ),
        eb.exists(
          eb
            .selectFrom('assets')
            .select(sql`1`.as('one'))
            .whereRef('assets.id', '=', 'candidate.asset_id')
            .where('assets.reference', 'ilike', pattern),
        ),
      ]),
    );
  }
  return conditions;
}

type RequestsAs<A extends string> = { [K in A]: Database['requests'] } & Database;

/**
 * The total, exact. Confirmed requests and the viewer's own drafts are counted apart, so
 * that the first count is an index-only scan of (contract_id, status, …): no row is read.
 */
async function countRequests(db: Db, filter: ListFilter, contractIds: readonly string[]) {
  const shared = filter.statuses
    ? filter.statuses.filter((status) => status !== 'draft')
    : undefined;
  const wantsDrafts = !filter.statuses || filter.statuses.includes('draft');
  const count = (drafts: boolean) =>
    db
      .selectFrom('requests as candidate')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('candidate.contract_id', 'in', contractIds)
      .where((eb) =>
        eb.and([
          ...(drafts
            ? [
                eb('candidate.status', '=', 'draft'),
                eb('candidate.author_id', '=', filter.viewerId),
              ]
            : shared
              ? [eb('candidate.status', 'in', shared)]
              : [eb('candidate.status', '<>', 'draft')]),
          ...matching(eb, filter),
        ]),
      );
  const [others, drafts] = await Promise.all([
    shared?.length === 0 ? null : count(false).executeTakeFirstOrThrow(),
    wantsDrafts ? count(true).executeTakeFirstOrThrow() : null,
  ]);
  return Number(others?.count ?? 0) + Number(drafts?.count ?? 0);
}

/**
 * One page, newest first. Each contract (and status, when filtered) gives its own newest
 * rows through the (contract_id[, status], issued_at, id) indexes, and only those few are
 * merged and sorted: the cost no longer grows with the customer's history.
 */
async function pageOfRequests(db: Db, filter: ListFilter, contractIds: readonly string[]) {
  const statuses = filter.statuses ?? [];
  const slots =
    statuses.length > 0
      ? contractIds.flatMap((contractId) => statuses.map((status) => [contractId, status]))
      : contractIds.map((contractId) => [contractId, null]);
  const slot = sql<{ contract_id: string; status: string | null }>`unnest(${slots.map(
    ([contractId]) => contractId,
  )}::text[], ${slots.map(([, status]) => status)}::text[])`.as<'slot'>(
    sql`slot(contract_id, status)`,
  );
  const page = db
    .selectFrom(slot)
    .crossJoinLateral((eb) =>
      eb
        .selectFrom('requests as candidate')
        .select(['candidate.id', 'candidate.issued_at'])
        .whereRef('candidate.contract_id', '=', 'slot.contract_id')
        .where((inner) =>
          inner.and([
            ...(statuses.length > 0
              ? [inner('candidate.status', '=', inner.ref('slot.status'))]
              : []),
            inner.or([
              inner('candidate.status', '<>', 'draft'),
              inner('candidate.author_id', '=', filter.viewerId),
            ]),
            ...(filter.after
              ? [
                  sql<SqlBool>`(candidate.issued_at, candidate.id) < (${filter.after[0]}::timestamptz, ${filter.after[1]}::uuid)`,
                ]
              : []),
            ...matching(inner, filter),
          ]),
        )
        .orderBy('candidate.issued_at', 'desc')
        .orderBy('candidate.id', 'desc')
        .limit(filter.limit + 1)
        .as('newest'),
    )
    .select(['newest.id', 'newest.issued_at'])
    .orderBy('newest.issued_at', 'desc')
    .orderBy('newest.id', 'desc')
    .limit(filter.limit + 1);
  return summaryQuery(db)
    .innerJoin(page.as('page'), 'page.id', 'requests.id')
    .orderBy('requests.issued_at', 'desc')
    .orderBy('requests.id', 'desc')
    .execute();
}

/** Requests of the given contracts; drafts only for their author. Newest first, by keyset. */
export async function listRequests(db: Db, filter: ListFilter) {
  const contractIds = filter.contractId
    ? filter.contractIds.filter((id) => id === filter.contractId)
    : filter.contractIds;
  if (contractIds.length === 0) return { rows: [] as SummaryRow[], total: 0 };
  const [total, rows] = await Promise.all([
    countRequests(db, filter, contractIds),
    pageOfRequests(db, filter, contractIds),
  ]);
  return { rows, total };
}

export async function findRequest(db: Db, id: string) {
  return summaryQuery(db)
    .leftJoin('articles', 'articles.id', 'requests.article_id')
    .leftJoin('categories', 'categories.id', 'articles.category_id')
    .select([
      'requests.asset_id',
      'requests.catalog_id',
      'requests.article_id',
      'requests.article_version_id',
      'requests.values',
      'requests.comment',
      'requests.outside_business_hours',
      'requests.billing',
      'requests.version',
      'article_versions.form',
      'categories.name_fr as category_name_fr',
      'categories.name_en as category_name_en',
    ])
    .where('requests.id', '=', id)
    .executeTakeFirst();
}

export async function listEvents(db: Db, requestId: string) {
  return (
    db
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
      // the back-office's internal events (assignments) are never shown to customers
      .where(sql<boolean>`coalesce((request_events.data->>'internal')::boolean, false) = false`)
      .orderBy('request_events.id')
      .execute()
  );
}

/**
 * Claims an idempotency key for a request about to be created. A concurrent claim of the
 * same key waits on the unique index until the first transaction ends; returns the stored
 * claim when the key was already used (then nothing must be written).
 */
export async function claimIdempotencyKey(
  db: Db,
  claim: { userId: string; key: string; fingerprint: string; requestId: string; at: Date },
): Promise<{ requestId: string; fingerprint: string } | null> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      user_id: claim.userId,
      key: claim.key,
      fingerprint: claim.fingerprint,
      request_id: claim.requestId,
      created_at: claim.at,
    })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('request_id')
    .executeTakeFirst();
  if (inserted) return null;
  const existing = await db
    .selectFrom('idempotency_keys')
    .select(['request_id', 'fingerprint'])
    .where('user_id', '=', claim.userId)
    .where('key', '=', claim.key)
    .executeTakeFirstOrThrow();
  return { requestId: existing.request_id, fingerprint: existing.fingerprint };
}
