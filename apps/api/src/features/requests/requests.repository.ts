import { confirmedRequestsTotal, prepared } from '@guichet/db';
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
    .$if(!filter.q && !filter.assetId, (query) =>
      query.modifyFront(sql.raw(prepared('request-page', { plan: 'generic' }))),
    )
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

/**
 * What confirming a new request needs to know, in one round trip (decision 0010): the
 * contract, the item if it belongs to it, the article's current version, the catalog if it
 * applies to the contract, whether the user may confirm on a contract that keeps authorised
 * requesters, and an earlier use of the idempotency key. Reads the tables of the contracts,
 * inventory, catalogs and rights features on purpose: the confirm path is the hot one.
 */
export async function findConfirmationContext(
  db: Db,
  target: {
    contractId: string;
    assetId: string | null;
    catalogId: string | null;
    articleId: string | null;
    userId: string;
    idempotencyKey: string | null;
  },
) {
  const { rows } = await sql<ConfirmationContext>`${sql.raw(prepared('confirmation-context'))}
    SELECT c.id AS contract_id, c.time_zone, c.free_changes_per_month, c.token_price_eur,
      c.restricts_requesters, c.status AS contract_status,
      EXISTS (SELECT FROM contract_requesters r
              WHERE r.contract_id = c.id AND r.user_id = ${target.userId}) AS is_requester,
      k.request_id AS claimed_request_id, k.fingerprint AS claimed_fingerprint,
      a.id AS asset_id, a.type AS asset_type, a.reference AS asset_reference,
      a.label AS asset_label, a.attributes AS asset_attributes,
      cat.id AS catalog_id, cat.asset_types, cat.name_fr AS catalog_name_fr,
      cat.name_en AS catalog_name_en,
      ar.id AS article_id, ar.catalog_id AS article_catalog_id,
      cg.name_fr AS category_name_fr, cg.name_en AS category_name_en,
      v.id AS version_id, v.name_fr AS article_name_fr, v.name_en AS article_name_en,
      v.billing_mode, v.price_tokens, v.form, v.json_schema
    FROM contracts c
    LEFT JOIN idempotency_keys k ON k.user_id = ${target.userId} AND k.key = ${target.idempotencyKey}
    LEFT JOIN assets a ON a.id = ${target.assetId} AND a.contract_id = c.id
      AND a.retired_at IS NULL
    LEFT JOIN articles ar ON ar.id = ${target.articleId}
    LEFT JOIN article_versions v ON v.id = ar.current_version_id
    LEFT JOIN categories cg ON cg.id = ar.category_id
    LEFT JOIN catalogs cat ON cat.id = coalesce(${target.catalogId}::uuid, ar.catalog_id)
      AND (c.offer = ANY (cat.offers) OR c.id = ANY (cat.contract_ids))
    WHERE c.id = ${target.contractId}`.execute(db);
  return rows[0];
}

export interface ConfirmationContext {
  contract_id: string;
  time_zone: string;
  free_changes_per_month: number;
  token_price_eur: string;
  restricts_requesters: boolean;
  contract_status: 'active' | 'suspended' | 'ended';
  is_requester: boolean;
  claimed_request_id: string | null;
  claimed_fingerprint: string | null;
  asset_id: string | null;
  asset_type: string | null;
  asset_reference: string | null;
  asset_label: string | null;
  asset_attributes: Record<string, unknown> | null;
  catalog_id: string | null;
  asset_types: string[] | null;
  catalog_name_fr: string | null;
  catalog_name_en: string | null;
  article_id: string | null;
  article_catalog_id: string | null;
  category_name_fr: string | null;
  category_name_en: string | null;
  version_id: string | null;
  article_name_fr: string | null;
  article_name_en: string | null;
  billing_mode: 'included' | 'counted' | 'quote' | null;
  price_tokens: number | null;
  form: unknown;
  json_schema: Record<string, unknown> | null;
}

/** One way a confirmation can end, chosen by the free change the statement takes. */
export interface ConfirmationVariant {
  status: string;
  billing: Record<string, unknown>;
  /** Billable without the customer's acknowledgement: nothing is written. */
  refused: boolean;
  /** Index of its receipt in `receipt.mails`. */
  mail: number;
}

/**
 * Writes a confirmed request in one statement, committed on its own (decision 0010): the
 * idempotency key's claim, a free change of the month if one is left (its count picks the
 * variant the domain decided beforehand), the year's next number, the request, its
 * `created` and `confirmed` events and the receipt mail, whose `placeholder` becomes the
 * number. The number counter's row is locked from its update to the commit, inside the
 * server: no round trip to this process while other confirmations wait on it.
 * `claimed` false: the key was used meanwhile, nothing written. `number` null: the variant
 * was refused, nothing written.
 */
export async function insertConfirmedRequest(
  db: Db,
  write: RequestRow & {
    authorId: string;
    at: Date;
    billingMonth: string;
    year: number;
    numberPrefix: string;
    numberDigits: number;
    variants: readonly ConfirmationVariant[];
    idempotency: { key: string; fingerprint: string } | null;
    receipt: {
      mailId: string;
      to: string;
      placeholder: string;
      mails: readonly { subject: string; text: string; html: string }[];
    } | null;
  },
): Promise<{
  claimed: boolean;
  number: string | null;
  status: string | null;
  billing: Record<string, unknown> | null;
}> {
  const key = write.idempotency?.key ?? null;
  const receipt = write.receipt;
  const { rows } = await sql<{
    claimed: boolean;
    number: string | null;
    status: string | null;
    billing: Record<string, unknown> | null;
  }>`${sql.raw(prepared('confirm-request'))}
    WITH claim AS (
      INSERT INTO idempotency_keys (user_id, key, fingerprint, request_id, created_at)
      SELECT ${write.authorId}::uuid, ${key}::text, ${write.idempotency?.fingerprint ?? null}::text,
        ${write.id}::uuid, ${write.at}::timestamptz
      WHERE ${key}::text IS NOT NULL
      ON CONFLICT (user_id, key) DO NOTHING
      RETURNING request_id
    ),
    go AS (SELECT ${key}::text IS NULL OR EXISTS (SELECT FROM claim) AS claimed),
    took AS (
      INSERT INTO free_change_usage AS usage (contract_id, month, used)
      SELECT ${write.contractId}::text, ${write.billingMonth}::date, 1
      FROM go WHERE go.claimed AND ${write.variants.length - 1}::int > 0
      ON CONFLICT (contract_id, month) DO UPDATE SET used = usage.used + 1
        WHERE usage.used < ${write.variants.length - 1}::int
      RETURNING used
    ),
    pick AS (
      SELECT ${JSON.stringify(write.variants)}::jsonb -> coalesce((SELECT used FROM took), 0) AS variant
      FROM go WHERE go.claimed
    ),
    allowed AS (SELECT variant FROM pick WHERE NOT (variant ->> 'refused')::boolean),
    num AS (
      INSERT INTO request_counters AS counter (year, last)
      SELECT ${write.year}::int, 1 FROM allowed
      ON CONFLICT (year) DO UPDATE SET last = counter.last + 1
      RETURNING last
    ),
    numbered AS (
      SELECT allowed.variant,
        ${write.numberPrefix}::text
          || lpad(num.last::text, greatest(${write.numberDigits}::int, length(num.last::text)), '0')
          AS number
      FROM allowed, num
    ),
    req AS (
      INSERT INTO requests (id, number, contract_id, asset_id, catalog_id, article_id,
        article_version_id, "values", customer_reference, comment, outside_business_hours,
        status, billing, billing_month, author_id, created_at, updated_at, issued_at,
        submitted_at)
      SELECT ${write.id}::uuid, numbered.number, ${write.contractId}::text, ${write.assetId}::uuid,
        ${write.catalogId}::uuid, ${write.articleId}::uuid, ${write.articleVersionId}::uuid,
        ${JSON.stringify(write.values)}::jsonb, ${write.customerReference}::text,
        ${write.comment}::text, ${write.outsideBusinessHours}::boolean,
        numbered.variant ->> 'status', numbered.variant -> 'billing',
        ${write.billingMonth}::date, ${write.authorId}::uuid, ${write.at}::timestamptz, ${write.at}::timestamptz, ${write.at}::timestamptz,
        ${write.at}::timestamptz
      FROM numbered
      RETURNING id, number, status, billing
    ),
    events AS (
      INSERT INTO request_events (request_id, actor_id, kind, from_status, to_status, at, data)
      SELECT req.id, ${write.authorId}::uuid, e.kind, e.from_status, coalesce(e.to_status, req.status),
        ${write.at}::timestamptz,
        CASE WHEN e.kind = 'confirmed' THEN jsonb_build_object('billing', req.billing)
             ELSE '{}'::jsonb END
      FROM req, (VALUES (1, 'created', NULL, 'draft'), (2, 'confirmed', 'draft', NULL))
        AS e (position, kind, from_status, to_status)
      ORDER BY e.position
    ),
    receipt AS (
      INSERT INTO mail_outbox (id, to_address, subject, text_body, html_body, kind, request_id,
        created_at)
      SELECT ${receipt?.mailId ?? null}::uuid, ${receipt?.to ?? null}::text,
        replace(m.mail ->> 'subject', ${receipt?.placeholder ?? ''}::text, req.number),
        replace(m.mail ->> 'text', ${receipt?.placeholder ?? ''}::text, req.number),
        replace(m.mail ->> 'html', ${receipt?.placeholder ?? ''}::text, req.number),
        'request_confirmed', req.id, ${write.at}::timestamptz
      FROM req, numbered,
        LATERAL (SELECT ${JSON.stringify(receipt?.mails ?? [])}::jsonb
                   -> ((numbered.variant ->> 'mail')::int) AS mail) m
      WHERE ${receipt?.to ?? null}::text IS NOT NULL
    )
    SELECT go.claimed, req.number, req.status, req.billing FROM go LEFT JOIN req ON true`.execute(
    db,
  );
  const row = rows[0];
  if (!row) throw new Error('the confirmation statement returned no row');
  return row;
}
