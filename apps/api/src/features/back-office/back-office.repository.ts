import { confirmedRequestsTotal } from '@guichet/db';
import type { Database, Db } from '@guichet/db';
import { requestStatuses } from '@guichet/domain';
import type { FormDefinition, OperatorRole, PricedDecision, RequestStatus } from '@guichet/domain';
import { sql } from 'kysely';
import type { ExpressionBuilder, SqlBool } from 'kysely';
import { containsPattern } from '../../lib/cursor.ts';

/**
 * The statuses the provider's lists show: never a draft, never a request waiting for the
 * customer's approval (decision 0034).
 */
const providerStatuses = requestStatuses.filter(
  (status) => status !== 'draft' && status !== 'awaiting_approval',
);

/**
 * The confirmed requests held from the provider by an approval (waiting, or refused or
 * cancelled before it reached the provider), to take from the totals the triggers keep.
 */
function heldRequestsTotal(
  db: Db,
  filter: { contractIds?: readonly string[]; statuses: readonly string[] },
) {
  return db
    .selectFrom('requests')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('held_for_approval', '=', true)
    .where((eb) => eb('status', '=', eb.fn.any(eb.val([...filter.statuses]))))
    .$if(filter.contractIds !== undefined, (query) =>
      query.where((eb) => eb('contract_id', '=', eb.fn.any(eb.val(filter.contractIds ?? [])))),
    );
}

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
    .leftJoin('request_due_dates', 'request_due_dates.request_id', 'requests.id')
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
      'request_due_dates.next_due_at',
      'request_due_dates.next_risk_at',
      'request_due_dates.paused as due_paused',
    ])
    .$narrowType<{ status: RequestStatus }>()
    .where('requests.status', '<>', 'draft')
    .where('requests.held_for_approval', '=', false);
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
  /** Late: a due date passed; at risk: under 20 % of a target left (decision 0036), at `now`. */
  due?: { state: 'late' | 'at_risk'; now: Date };
  sort: 'oldest' | 'newest' | 'updated' | 'due';
  after?: [string, string];
  limit: number;
}

/**
 * Every customer's confirmed requests, filtered and sorted, by keyset pages.
 * `textCandidatesCap`: see `textScope` (tests lower it to take the broad searches' path).
 */
export async function listQueue(
  db: Db,
  filter: QueueFilter,
  { textCandidatesCap = defaultTextCandidatesCap } = {},
) {
  // Scoped by statuses, customer and contract only (the default view and a customer's or a
  // contract's queue): counted from the totals kept by triggers (migration 0010), and the
  // page taken per status — per contract and status when scoped — along the (status,
  // issued_at, id) and (contract_id, status, issued_at, id) indexes. At a million requests,
  // counting and sorting every matching row took about a second; this reads a few rows.
  if (isScopeOnly(filter)) {
    const contractIds = await contractsInScope(db, filter);
    const scope = {
      statuses: filter.statuses ?? providerStatuses,
      ...(contractIds ? { contractIds } : {}),
    };
    const [totalRow, heldRow] = await Promise.all([
      confirmedRequestsTotal(db, scope).executeTakeFirstOrThrow(),
      heldRequestsTotal(db, scope).executeTakeFirstOrThrow(),
    ]);
    const total = Number(totalRow.count) - Number(heldRow.count);
    const ids =
      total === 0
        ? []
        : filter.sort === 'updated' || filter.sort === 'due'
          ? await pageOfMatches(db, filter, contractIds, null)
          : await pageBySlots(db, filter, contractIds);
    return { rows: await rowsOf(db, ids, filter.sort), total };
  }
  const [contractIds, text] = await Promise.all([
    contractsInScope(db, filter),
    filter.q ? textScope(db, filter.q, textCandidatesCap) : null,
  ]);
  const [totalRow, ids] = await Promise.all([
    matches(db, filter, contractIds, text)
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow(),
    pageOfMatches(db, filter, contractIds, text),
  ]);
  return { rows: await rowsOf(db, ids, filter.sort), total: Number(totalRow.count) };
}

/** Filtered by statuses, customer and contract only: counted by totals, paged by slots. */
export function isScopeOnly(filter: Omit<QueueFilter, 'sort' | 'limit'>): boolean {
  return (
    !filter.q &&
    !filter.catalogId &&
    !filter.articleId &&
    filter.assigneeId === undefined &&
    !filter.submittedBefore &&
    !filter.due
  );
}

/**
 * The contracts a customer or contract filter leaves (null: no such filter), so that the
 * requests are then found by their own contract_id index rather than by joining every
 * request to its contract and customer.
 */
export async function contractsInScope(db: Db, filter: QueueFilter): Promise<string[] | null> {
  if (!filter.customerId) return filter.contractId ? [filter.contractId] : null;
  const rows = await db
    .selectFrom('contracts')
    .select('id')
    .where('customer_id', '=', filter.customerId)
    .$if(filter.contractId !== undefined, (query) =>
      query.where('id', '=', filter.contractId ?? ''),
    )
    .execute();
  return rows.map((row) => row.id);
}

/**
 * What a text search leads to, found through each table's own index (customers, contracts
 * and article versions are few; requests' numbers and references and items' references have
 * trigram indexes): the contracts and article versions it names, and — up to a cap (20 000
 * by default) — the requests it finds by number, customer reference or item. `requestIds` is
 * null when there are more: the search is then too broad for a list of ids, and each
 * request is compared in turn.
 */
export interface TextScope {
  pattern: string;
  contractIds: string[];
  versionIds: string[];
  requestIds: string[] | null;
}

export const defaultTextCandidatesCap = 20_000;

/**
 * The longest run of five digits or more of a text longer than it: what makes a request
 * number selective. Every number shares its « CHG-2025- », whose trigrams are in every row of
 * the number's trigram index: searched whole, a full number read 2 400 index pages (114 ms
 * at a million requests); its digits alone, a few.
 */
function selectiveDigits(q: string): string | null {
  const runs = q.match(/\d{5,}/g) ?? [];
  const longest = runs.reduce((best, run) => (run.length > best.length ? run : best), '');
  return longest === '' || longest === q.trim() ? null : longest;
}

export async function textScope(db: Db, q: string, cap: number): Promise<TextScope> {
  const pattern = containsPattern(q);
  const digits = selectiveDigits(q);
  // a number holding the text holds its digits: found by them, then kept if it holds it all
  // (OFFSET 0 keeps PostgreSQL from folding the second test into the index scan)
  const byNumber = digits
    ? sql`SELECT n.id FROM (SELECT id, number FROM requests
            WHERE number ILIKE ${containsPattern(digits)} OFFSET 0) n
          WHERE n.number ILIKE ${pattern}`
    : sql`SELECT id FROM requests WHERE number ILIKE ${pattern}`;
  const { rows } = await sql<{
    contract_ids: string[];
    version_ids: string[];
    request_ids: string[];
  }>`
    WITH named AS (
      SELECT c.id FROM contracts c JOIN customers cu ON cu.id = c.customer_id
      WHERE c.id ILIKE ${pattern} OR cu.name ILIKE ${pattern}
    )
    SELECT ARRAY(SELECT id FROM named) AS contract_ids,
      ARRAY(SELECT v.id FROM article_versions v
            WHERE v.name_fr ILIKE ${pattern} OR v.name_en ILIKE ${pattern}) AS version_ids,
      ARRAY(SELECT found.id FROM (
              ${byNumber}
              UNION ALL SELECT id FROM requests WHERE customer_reference ILIKE ${pattern}
              UNION ALL SELECT r.id FROM assets a JOIN requests r ON r.asset_id = a.id
                WHERE a.reference ILIKE ${pattern}
            ) found
            LIMIT ${cap + 1}) AS request_ids`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the text search statement returned no row');
  const found = row.request_ids;
  return {
    pattern,
    contractIds: row.contract_ids,
    versionIds: row.version_ids,
    requestIds: found.length > cap ? null : [...new Set(found)],
  };
}

/**
 * A request matches the text when its number, customer reference, contract, customer's
 * name, item's reference or article version's name contains it (case ignored): by the ids
 * found beforehand when they are few, else compared row by row. The contracts it names are
 * matched by the requests' contract index (a word of many customers' names names hundreds
 * of contracts, and their requests would overflow any list of ids); the article versions it
 * names lead to whole swathes of requests: compared per row.
 */
function textMatches(scope: TextScope) {
  return (eb: ExpressionBuilder<Database, 'requests'>) => {
    // an empty list is left out: `= ANY ('{}')` in an OR keeps PostgreSQL from the indexes
    const among = (
      column: 'requests.article_version_id' | 'requests.contract_id',
      ids: string[],
    ) => (ids.length > 0 ? [eb(column, '=', eb.fn.any(eb.val(ids)))] : []);
    const byVersion = among('requests.article_version_id', scope.versionIds);
    const byContract = among('requests.contract_id', scope.contractIds);
    if (scope.requestIds !== null) {
      return eb.or([
        eb('requests.id', '=', eb.fn.any(eb.val(scope.requestIds))),
        ...byContract,
        ...byVersion,
      ]);
    }
    return eb.or([
      eb('requests.number', 'ilike', scope.pattern),
      eb('requests.customer_reference', 'ilike', scope.pattern),
      ...byContract,
      eb(
        'requests.asset_id',
        'in',
        eb
          .selectFrom('assets')
          .select('assets.id')
          .where('assets.reference', 'ilike', scope.pattern),
      ),
      ...byVersion,
    ]);
  };
}

/** The confirmed requests matching every filter, on the requests table alone. */
function matches(
  db: Db,
  filter: QueueFilter,
  contractIds: readonly string[] | null,
  text: TextScope | null,
) {
  // (left out by PostgreSQL when neither the sort nor the filter reads it: unique on its key)
  return db
    .selectFrom('requests')
    .leftJoin('request_due_dates', 'request_due_dates.request_id', 'requests.id')
    .where('requests.status', '<>', 'draft')
    .where('requests.held_for_approval', '=', false)
    .$if(filter.due?.state === 'late', (query) =>
      query.where('request_due_dates.next_due_at', '<=', filter.due?.now ?? new Date(0)),
    )
    .$if(filter.due?.state === 'at_risk', (query) =>
      query
        .where('request_due_dates.next_risk_at', '<=', filter.due?.now ?? new Date(0))
        .where('request_due_dates.next_due_at', '>', filter.due?.now ?? new Date(0)),
    )
    .$if(filter.statuses !== undefined, (query) =>
      query.where('requests.status', 'in', filter.statuses ?? []),
    )
    .$if(contractIds !== null, (query) =>
      query.where((eb) => eb('requests.contract_id', '=', eb.fn.any(eb.val(contractIds ?? [])))),
    )
    .$if(filter.catalogId !== undefined, (query) =>
      query.where('requests.catalog_id', '=', filter.catalogId ?? ''),
    )
    .$if(filter.articleId !== undefined, (query) =>
      query.where('requests.article_id', '=', filter.articleId ?? ''),
    )
    .$if(filter.assigneeId === null, (query) => query.where('requests.assignee_id', 'is', null))
    .$if(typeof filter.assigneeId === 'string', (query) =>
      query.where('requests.assignee_id', '=', filter.assigneeId ?? ''),
    )
    .$if(filter.submittedBefore !== undefined, (query) =>
      query.where('requests.issued_at', '<=', filter.submittedBefore ?? new Date(0)),
    )
    .$if(text !== null, (query) => (text ? query.where(textMatches(text)) : query));
}

type Sort = QueueFilter['sort'];

/**
 * The due sort's key: the next due date, the requests without one (not with the provider
 * yet, paused, closed) after every dated one. The expression index `request_due_dates_sort`
 * (migration 0031) holds it.
 */
const dueSortKey = sql<Date>`coalesce(request_due_dates.next_due_at, '9999-12-31T00:00:00Z'::timestamptz)`;
const noDueDate = new Date('9999-12-31T00:00:00Z');

/** The column a sort orders by, and its direction (the id breaks ties the same way). */
function orderOf(sort: Sort) {
  return {
    key:
      sort === 'due'
        ? dueSortKey
        : sort === 'updated'
          ? sql.ref('requests.updated_at')
          : sql.ref('requests.issued_at'),
    direction: sort === 'oldest' || sort === 'due' ? ('asc' as const) : ('desc' as const),
  };
}

/** The keyset cursor's first part for a row: the value its sort orders by. */
export function cursorOf(row: QueueRow, sort: Sort): [string, string] {
  const at =
    sort === 'due'
      ? (row.next_due_at ?? noDueDate)
      : sort === 'updated'
        ? row.updated_at
        : row.issued_at;
  return [at.toISOString(), row.id];
}

/** The keyset condition of the page after `after`, in the sort's order. */
function afterCursor(sort: Sort, after: readonly [string, string], alias = 'requests') {
  const at =
    sort === 'due'
      ? dueSortKey
      : sql.ref(`${alias}.${sort === 'updated' ? 'updated_at' : 'issued_at'}`);
  const id = sql.ref(`${alias}.id`);
  return sort === 'oldest' || sort === 'due'
    ? sql<SqlBool>`(${at}, ${id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
    : sql<SqlBool>`(${at}, ${id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`;
}

/** The ids of one page of matching requests, sorted in full (filters other than scope). */
export async function pageOfMatches(
  db: Db,
  filter: QueueFilter,
  contractIds: readonly string[] | null,
  text: TextScope | null,
) {
  const { key, direction } = orderOf(filter.sort);
  const rows = await matches(db, filter, contractIds, text)
    .select('requests.id')
    .$if(filter.after !== undefined, (query) =>
      query.where(afterCursor(filter.sort, filter.after ?? ['', ''])),
    )
    .orderBy(key, direction)
    .orderBy('requests.id', direction)
    .limit(filter.limit + 1)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * The ids of one page by slots: each status — each contract and status when scoped —
 * gives its first rows through its index, and only those few are merged and sorted.
 */
export async function pageBySlots(
  db: Db,
  filter: QueueFilter,
  contractIds: readonly string[] | null,
) {
  const ids = await pageBySlotsStatement(filter, contractIds).execute(db);
  return ids.rows.map((row) => row.id);
}

/**
 * The statement of `pageBySlots`, not run (the SQL snapshot prints it).
 *
 * Scoped to contracts without a status filter, a slot is a contract, its requests read
 * through (contract_id, issued_at, id) with the provider's statuses as a filter: one index
 * scan a contract instead of one a status. Slots of a contract and a status read an empty
 * status through the same index when PostgreSQL's statistics see one status only, every row
 * of the contract for nothing (a contract of 100 000 submitted requests: 170 ms a page of
 * the export, and the export quadratic).
 */
export function pageBySlotsStatement(filter: QueueFilter, contractIds: readonly string[] | null) {
  const ascending = filter.sort === 'oldest';
  const direction = sql.raw(ascending ? 'ASC' : 'DESC');
  const statuses = filter.statuses ?? providerStatuses;
  const byContract = contractIds !== null && filter.statuses === undefined;
  const slots = byContract
    ? contractIds.map((contractId) => [contractId, null])
    : contractIds
      ? contractIds.flatMap((contractId) => statuses.map((status) => [contractId, status]))
      : statuses.map((status) => [null, status]);
  const cursor = filter.after ? sql`AND ${afterCursor(filter.sort, filter.after, 'r')}` : sql``;
  return sql<{ id: string }>`
    SELECT page.id
    FROM unnest(${slots.map(([contractId]) => contractId)}::text[],
                ${slots.map(([, status]) => status)}::text[]) AS s (contract_id, status)
    CROSS JOIN LATERAL (
      SELECT r.id, r.issued_at FROM requests r
      WHERE ${byContract ? sql`r.status = ANY(${statuses}::text[])` : sql`r.status = s.status`}
        AND NOT r.held_for_approval
        ${contractIds ? sql`AND r.contract_id = s.contract_id` : sql``} ${cursor}
      ORDER BY r.issued_at ${direction}, r.id ${direction}
      LIMIT ${filter.limit + 1}
    ) page
    ORDER BY page.issued_at ${direction}, page.id ${direction}
    LIMIT ${filter.limit + 1}`;
}

/** The queue's rows of these ids, in the sort's order. */
export async function rowsOf(db: Db, ids: readonly string[], sort: Sort) {
  if (ids.length === 0) return [];
  const { key, direction } = orderOf(sort);
  return queueQuery(db)
    .where('requests.id', 'in', ids)
    .orderBy(key, direction)
    .orderBy('requests.id', direction)
    .execute();
}

/** One confirmed request with everything the operator's detail page shows. */
export async function findRequest(db: Db, id: string) {
  return queueQuery(db)
    .leftJoin('articles', 'articles.id', 'requests.article_id')
    .leftJoin('categories', 'categories.id', 'articles.category_id')
    .select([
      'assets.retired_at as asset_retired_at',
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
    .$narrowType<{ form: FormDefinition | null; billing: PricedDecision | null }>()
    .where('requests.id', '=', id)
    .executeTakeFirst();
}

export async function listOperators(db: Db, roles: readonly OperatorRole[]) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'operator_role'])
    .where('kind', '=', 'operator')
    .where('is_service_account', '=', false)
    .where('operator_role', 'in', roles)
    .where('deactivated_at', 'is', null)
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
