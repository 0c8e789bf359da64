import { confirmedRequestsTotal } from '@guichet/db';
import type { Db } from '@guichet/db';
import { requestStatuses } from '@guichet/domain';
import type { OperatorRole } from '@guichet/domain';
import { sql } from 'kysely';
import { containsPattern } from '../../lib/cursor.ts';

function queueQuery(db: Db) {
  return db
    .selectFrom('requests')
    .innerJoin('contracts', 'contracts.id', 'requests.contract_id')
    .innerJoin('customers', 'customers.id', 'contracts.customer_id')
    .innerJoin('users as author', 'author.id', 'requests.author_id')
    .leftJoin('users as assignee', 'assignee.id', 'requests.assignee_id')
    .leftJoin('assets', 'assets.id', 'requests.asset_id')
    .leftJoin('catalogs', 'catalogs.id', 'requests.catalog_id')
    .leftJoin('article_versions', 'article_versions.id', 'requests.article_version_id')
    .select([
      'requests.id',
      'requests.number',
      'requests.request_type',
      'requests.status',
      'requests.contract_id',
      'requests.customer_reference',
      'requests.created_at',
      'requests.submitted_at',
      'requests.updated_at',
      'requests.issued_at',
      'requests.assignee_id',
      'customers.id as customer_id',
      'customers.name as customer_name',
      'assets.reference as asset_reference',
      'assets.label as asset_label',
      'catalogs.name_fr as catalog_name_fr',
      'catalogs.name_en as catalog_name_en',
      'article_versions.name_fr as article_name_fr',
      'article_versions.name_en as article_name_en',
      'author.display_name as author_name',
      'assignee.display_name as assignee_name',
    ])
    .where('requests.status', '<>', 'draft');
}

export type QueueRow = Awaited<ReturnType<ReturnType<typeof queueQuery>['execute']>>[number];

export interface QueueFilter {
  statuses?: readonly string[];
  customerId?: string;
  contractId?: string;
  catalogId?: string;
  articleId?: string;
  /** null: unassigned */
  assigneeId?: string | null;
  submittedBefore?: Date;
  q?: string;
  sort: 'oldest' | 'newest' | 'updated';
  after?: [string, string];
  limit: number;
}

/** Every customer's confirmed requests, filtered and sorted, by keyset pages. */
export async function listQueue(db: Db, filter: QueueFilter) {
  let query = queueQuery(db);
  if (filter.statuses) query = query.where('requests.status', 'in', filter.statuses);
  if (filter.customerId) query = query.where('contracts.customer_id', '=', filter.customerId);
  if (filter.contractId) query = query.where('requests.contract_id', '=', filter.contractId);
  if (filter.catalogId) query = query.where('requests.catalog_id', '=', filter.catalogId);
  if (filter.articleId) query = query.where('requests.article_id', '=', filter.articleId);
  if (filter.assigneeId === null) query = query.where('requests.assignee_id', 'is', null);
  else if (filter.assigneeId) query = query.where('requests.assignee_id', '=', filter.assigneeId);
  if (filter.submittedBefore)
    query = query.where('requests.issued_at', '<=', filter.submittedBefore);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        eb('requests.number', 'ilike', pattern),
        eb('requests.customer_reference', 'ilike', pattern),
        eb('requests.contract_id', 'ilike', pattern),
        eb('customers.name', 'ilike', pattern),
        eb('assets.reference', 'ilike', pattern),
        eb('article_versions.name_fr', 'ilike', pattern),
        eb('article_versions.name_en', 'ilike', pattern),
      ]),
    );
  }
  // The plain queue (statuses at most: the default view) is counted from the totals kept
  // by triggers (migration 0010), and its page is taken per status along the
  // (status, issued_at, id) index, newest or oldest first: at a million requests, counting
  // and sorting every open request took about a second.
  const isPlain =
    !filter.q &&
    !filter.customerId &&
    !filter.contractId &&
    !filter.catalogId &&
    !filter.articleId &&
    filter.assigneeId === undefined &&
    !filter.submittedBefore;
  const totalRow = isPlain
    ? await confirmedRequestsTotal(db, {
        ...(filter.statuses ? { statuses: filter.statuses } : {}),
      }).executeTakeFirstOrThrow()
    : await query
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow();
  if (isPlain && filter.sort !== 'updated') {
    const ascending = filter.sort === 'oldest';
    const direction = ascending ? sql.raw('ASC') : sql.raw('DESC');
    const statuses = filter.statuses ?? requestStatuses.filter((status) => status !== 'draft');
    const cursor = filter.after
      ? ascending
        ? sql`AND (r.issued_at, r.id) > (${filter.after[0]}::timestamptz, ${filter.after[1]}::uuid)`
        : sql`AND (r.issued_at, r.id) < (${filter.after[0]}::timestamptz, ${filter.after[1]}::uuid)`
      : sql``;
    const ids = await sql<{ id: string }>`
      SELECT page.id FROM unnest(${statuses}::text[]) AS s (status)
      CROSS JOIN LATERAL (
        SELECT r.id, r.issued_at FROM requests r
        WHERE r.status = s.status ${cursor}
        ORDER BY r.issued_at ${direction}, r.id ${direction}
        LIMIT ${filter.limit + 1}
      ) page
      ORDER BY page.issued_at ${direction}, page.id ${direction}
      LIMIT ${filter.limit + 1}`.execute(db);
    if (ids.rows.length === 0) return { rows: [], total: Number(totalRow.count) };
    const rows = await queueQuery(db)
      .where(
        'requests.id',
        'in',
        ids.rows.map((row) => row.id),
      )
      .orderBy('requests.issued_at', ascending ? 'asc' : 'desc')
      .orderBy('requests.id', ascending ? 'asc' : 'desc')
      .execute();
    return { rows, total: Number(totalRow.count) };
  }
  if (filter.after) {
    const [at, id] = filter.after;
    const cursor =
      filter.sort === 'oldest'
        ? sql<boolean>`(requests.issued_at, requests.id) > (${at}::timestamptz, ${id}::uuid)`
        : filter.sort === 'newest'
          ? sql<boolean>`(requests.issued_at, requests.id) < (${at}::timestamptz, ${id}::uuid)`
          : sql<boolean>`(requests.updated_at, requests.id) < (${at}::timestamptz, ${id}::uuid)`;
    query = query.where(cursor);
  }
  const ordered =
    filter.sort === 'oldest'
      ? query.orderBy('requests.issued_at', 'asc').orderBy('requests.id', 'asc')
      : filter.sort === 'newest'
        ? query.orderBy('requests.issued_at', 'desc').orderBy('requests.id', 'desc')
        : query.orderBy('requests.updated_at', 'desc').orderBy('requests.id', 'desc');
  const rows = await ordered.limit(filter.limit + 1).execute();
  return { rows, total: Number(totalRow.count) };
}

/** One confirmed request with everything the operator's detail page shows. */
export async function findRequest(db: Db, id: string) {
  return queueQuery(db)
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
      'article_versions.version as article_version',
      'article_versions.billing_mode',
      'article_versions.price_tokens',
      'categories.name_fr as category_name_fr',
      'categories.name_en as category_name_en',
      'contracts.offer',
      'contracts.support_level',
      'contracts.free_changes_per_month',
      'contracts.token_price_eur',
      'contracts.time_zone',
      'author.email as author_email',
      'assignee.email as assignee_email',
      'assignee.operator_role as assignee_role',
    ])
    .where('requests.id', '=', id)
    .executeTakeFirst();
}

export async function listOperators(db: Db, roles: readonly OperatorRole[]) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'operator_role'])
    .where('kind', '=', 'operator')
    .where('operator_role', 'in', roles)
    .orderBy('display_name')
    .execute();
}

export async function listCustomers(db: Db) {
  return db.selectFrom('customers').select(['id', 'name']).orderBy('name').execute();
}

export async function listContracts(db: Db) {
  return db.selectFrom('contracts').select(['id', 'customer_id']).orderBy('id').execute();
}

export async function listCatalogs(db: Db) {
  return db
    .selectFrom('catalogs')
    .select(['id', 'name_fr', 'name_en'])
    .orderBy('position')
    .orderBy('name_fr')
    .execute();
}

/** Articles with the names of their current version. */
export async function listArticles(db: Db) {
  return db
    .selectFrom('articles')
    .innerJoin('article_versions', 'article_versions.id', 'articles.current_version_id')
    .select([
      'articles.id',
      'articles.catalog_id',
      'article_versions.name_fr',
      'article_versions.name_en',
    ])
    .orderBy('articles.catalog_id')
    .orderBy('articles.position')
    .execute();
}
