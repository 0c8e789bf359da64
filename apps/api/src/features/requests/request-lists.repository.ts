import { confirmedRequestsTotal, prepared, requestEventsQuery } from '@guichet/db';
import type { Database, Db } from '@guichet/db';
import type { FormDefinition, PricedDecision, RequestStatus } from '@guichet/domain';
import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { containsPattern } from '../../lib/cursor.ts';

export async function openRequestsOnAsset(db: Db, assetId: string, excludeId?: string) {
  let query = db
    .selectFrom('requests')
    .select(['id', 'number', 'status'])
    .$narrowType<{ status: RequestStatus }>()
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
    ])
    .$narrowType<{ status: RequestStatus }>();
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
  // Without a text or item filter, the statements' text and best plan do not depend on the
  // values (contracts as one array): prepared (decision 0010).
  const byTotals = !filter.q && !filter.assetId;
  const count = (drafts: boolean, isMarked = byTotals) =>
    db
      .selectFrom('requests as candidate')
      .$if(isMarked, (query) =>
        query.modifyFront(sql.raw(prepared('request-drafts-count', { plan: 'generic' }))),
      )
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where((eb) => eb('candidate.contract_id', '=', eb.fn.any(eb.val(contractIds))))
      .where((eb) =>
        eb.and([
          ...(drafts
            ? [
                // a literal, not a parameter: the generic plan can then use the partial
                // index of drafts (requests_author_drafts); with `$n` it counted every request
                eb('candidate.status', '=', sql.lit('draft')),
                eb('candidate.author_id', '=', filter.viewerId),
              ]
            : shared
              ? [eb('candidate.status', 'in', shared)]
              : [eb('candidate.status', '<>', 'draft')]),
          ...matching(eb, filter),
        ]),
      );
  // Without a text or item filter, confirmed requests are counted as they are written
  // (`request_totals`, migration 0010): a few rows instead of the customer's whole history.
  const totals = () =>
    confirmedRequestsTotal(db, { contractIds, ...(shared ? { statuses: shared } : {}) });
  if (byTotals && shared === undefined && wantsDrafts) {
    // The list's default view needs both: one statement, one round trip.
    const both = await db
      .selectNoFrom([totals().as('confirmed'), count(true, false).as('drafts')])
      .modifyFront(sql.raw(prepared('request-count', { plan: 'generic' })))
      .executeTakeFirstOrThrow();
    return Number(both.confirmed ?? 0) + Number(both.drafts ?? 0);
  }
  const confirmed = () =>
    byTotals
      ? totals()
          .modifyFront(sql.raw(prepared('request-totals', { plan: 'generic' })))
          .executeTakeFirstOrThrow()
      : count(false).executeTakeFirstOrThrow();
  const [others, drafts] = await Promise.all([
    shared?.length === 0 ? null : confirmed(),
    wantsDrafts ? count(true).executeTakeFirstOrThrow() : null,
  ]);
  return Number(others?.count ?? 0) + Number(drafts?.count ?? 0);
}

/**
 * One page, newest first. Each contract (and status, when filtered) gives its own newest
 * rows through the (contract_id[, status], issued_at, id) indexes, and only those few are
 * merged and sorted: the cost no longer grows with the customer's history.
 */
export function requestPageQuery(db: Db, filter: ListFilter, contractIds: readonly string[]) {
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
  // The page's size as a literal, not `$n`: the generic plan then knows it reads a page, not
  // a tenth of the table. With a parameter it planned 3 333 rows and, on a table of 100 000
  // requests, joined them to a sequential scan of `requests` (57 ms a page instead of 1).
  const rows = sql.lit(filter.limit + 1);
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
        .limit(rows)
        .as('newest'),
    )
    .select(['newest.id', 'newest.issued_at'])
    .orderBy('newest.issued_at', 'desc')
    .orderBy('newest.id', 'desc')
    .limit(rows);
  return summaryQuery(db)
    .$if(!filter.q && !filter.assetId, (query) =>
      query.modifyFront(sql.raw(prepared('request-page', { plan: 'generic' }))),
    )
    .innerJoin(page.as('page'), 'page.id', 'requests.id')
    .orderBy('requests.issued_at', 'desc')
    .orderBy('requests.id', 'desc');
}

/** Requests of the given contracts; drafts only for their author. Newest first, by keyset. */
export async function listRequests(db: Db, filter: ListFilter) {
  const contractIds = filter.contractId
    ? filter.contractIds.filter((id) => id === filter.contractId)
    : filter.contractIds;
  if (contractIds.length === 0) return { rows: [] as SummaryRow[], total: 0 };
  const [total, rows] = await Promise.all([
    countRequests(db, filter, contractIds),
    requestPageQuery(db, filter, contractIds).execute(),
  ]);
  return { rows, total };
}

export async function findRequest(db: Db, id: string) {
  return summaryQuery(db)
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
      'categories.name_fr as category_name_fr',
      'categories.name_en as category_name_en',
    ])
    .$narrowType<{ form: FormDefinition | null; billing: PricedDecision | null }>()
    .where('requests.id', '=', id)
    .executeTakeFirst();
}

export async function listEvents(db: Db, requestId: string) {
  return (
    requestEventsQuery(db, requestId)
      .$narrowType<{ from_status: RequestStatus | null; to_status: RequestStatus | null }>()
      // the back-office's internal events (assignments) are never shown to customers
      .where(sql<boolean>`coalesce((request_events.data->>'internal')::boolean, false) = false`)
      .execute()
  );
}

/** One request as its detail reads it. */
export type RequestDetailRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;
