import type { Db, RowOf } from '@guichet/db';
import type {
  BillingDecision,
  TermsInForce,
  QuoteStatus,
  RequestStatus,
  StatementLine,
} from '@guichet/domain';
import { sql } from 'kysely';
import { containsPattern } from '../../lib/cursor.ts';

export interface StatementContractRow {
  contractId: string;
  customerId: string;
  customerName: string;
  offer: string;
  timeZone: string;
}

function contractsQuery(db: Db) {
  return db
    .selectFrom('contracts')
    .innerJoin('customers', 'customers.id', 'contracts.customer_id')
    .select([
      'contracts.id as contractId',
      'customers.id as customerId',
      'customers.name as customerName',
      'contracts.offer as offer',
      'contracts.time_zone as timeZone',
    ]);
}

export async function findContract(
  db: Db,
  contractId: string,
): Promise<StatementContractRow | undefined> {
  return contractsQuery(db).where('contracts.id', '=', contractId).executeTakeFirst();
}

export async function findContracts(
  db: Db,
  contractIds: readonly string[],
): Promise<StatementContractRow[]> {
  if (contractIds.length === 0) return [];
  return contractsQuery(db).where('contracts.id', 'in', contractIds).execute();
}

/** Contracts by customer name then id, whose customer's name or id holds `q`. */
export async function pageContracts(
  db: Db,
  filter: { q?: string; after?: [string, string]; limit: number },
): Promise<{ rows: StatementContractRow[]; total: number; matchedIds: string[] | null }> {
  let query = contractsQuery(db);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) =>
      eb.or([eb('customers.name', 'ilike', pattern), eb('contracts.id', 'ilike', pattern)]),
    );
  }
  const matched = filter.q ? await query.execute() : null;
  const totalRow = await (filter.q
    ? Promise.resolve({ count: matched?.length ?? 0 })
    : db
        .selectFrom('contracts')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow());
  let paged = query;
  if (filter.after) {
    const [name, id] = filter.after;
    paged = paged.where(sql<boolean>`(customers.name, contracts.id) > (${name}, ${id})`);
  }
  const rows = await paged
    .orderBy('customers.name')
    .orderBy('contracts.id')
    .limit(filter.limit + 1)
    .execute();
  return {
    rows,
    total: Number(totalRow.count),
    matchedIds: matched ? matched.map((row) => row.contractId) : null,
  };
}

/** The terms each contract has had, oldest first (`validFrom` null: since the contract exists). */
export async function termsHistory(
  db: Db,
  contractIds: readonly string[] | null,
): Promise<Map<string, TermsInForce[]>> {
  let query = db
    .selectFrom('contract_terms_history')
    .select([
      'contract_id',
      sql<Date | null>`CASE WHEN valid_from = '-infinity' THEN NULL ELSE valid_from END`.as(
        'valid_from',
      ),
      'token_price_eur',
      'free_changes_per_month',
    ]);
  if (contractIds !== null) {
    if (contractIds.length === 0) return new Map();
    query = query.where('contract_id', 'in', contractIds);
  }
  const rows = await query.orderBy('contract_id').orderBy('valid_from').execute();
  const history = new Map<string, TermsInForce[]>();
  for (const row of rows) {
    const list = history.get(row.contract_id) ?? [];
    list.push({
      validFrom: row.valid_from,
      tokenPriceEur: row.token_price_eur,
      freeChangesPerMonth: row.free_changes_per_month,
    });
    history.set(row.contract_id, list);
  }
  return history;
}

export interface ChangeCandidateRow {
  contractId: string;
  requestId: string;
  number: string;
  articleNameFr: string;
  articleNameEn: string;
  status: RequestStatus;
  billing: BillingDecision;
  billingMonth: string;
  submittedAt: Date;
  outsideBusinessHours: boolean;
}

/** Billable and free changes whose billing month is `month` (any status: the domain decides). */
export async function changeCandidates(
  db: Db,
  month: string,
  contractIds: readonly string[] | null,
): Promise<ChangeCandidateRow[]> {
  if (contractIds !== null && contractIds.length === 0) return [];
  const result = await sql<ChangeCandidateRow>`
    SELECT r.contract_id AS "contractId", r.id AS "requestId", r.number,
           v.name_fr AS "articleNameFr", v.name_en AS "articleNameEn", r.status, r.billing,
           r.billing_month AS "billingMonth", r.submitted_at AS "submittedAt",
           r.outside_business_hours AS "outsideBusinessHours"
      FROM requests r
      JOIN article_versions v ON v.id = r.article_version_id
     WHERE r.billing ->> 'kind' IN ('billable', 'free')
       AND r.billing_month = ${month}::date
       ${contractIds === null ? sql`` : sql`AND r.contract_id IN (${sql.join(contractIds)})`}`.execute(
    db,
  );
  return result.rows;
}

export interface QuoteCandidateRow {
  contractId: string;
  requestId: string;
  quoteId: string;
  number: string;
  articleNameFr: string;
  articleNameEn: string;
  quoteStatus: QuoteStatus;
  answeredAt: Date | null;
  amountTokens: number;
  amountEur: string;
}

/** Quotes accepted between two instants (a margin around the month: time zones differ). */
export async function quoteCandidates(
  db: Db,
  from: Date,
  to: Date,
  contractIds: readonly string[] | null,
): Promise<QuoteCandidateRow[]> {
  if (contractIds !== null && contractIds.length === 0) return [];
  const result = await sql<QuoteCandidateRow>`
    SELECT r.contract_id AS "contractId", r.id AS "requestId", q.id AS "quoteId", r.number,
           v.name_fr AS "articleNameFr", v.name_en AS "articleNameEn", q.status AS "quoteStatus",
           q.answered_at AS "answeredAt", q.amount_tokens AS "amountTokens",
           q.amount_eur AS "amountEur"
      FROM quotes q
      JOIN requests r ON r.id = q.request_id
      JOIN article_versions v ON v.id = r.article_version_id
     WHERE q.status = 'accepted'
       AND q.answered_at >= ${from} AND q.answered_at < ${to}
       ${contractIds === null ? sql`` : sql`AND r.contract_id IN (${sql.join(contractIds)})`}`.execute(
    db,
  );
  return result.rows;
}

/** Free changes each contract used in `month` (the counter the confirmations took them from). */
export async function freeChangesUsed(
  db: Db,
  month: string,
  contractIds: readonly string[] | null,
): Promise<Map<string, number>> {
  let query = db
    .selectFrom('free_change_usage')
    .select(['contract_id', 'used'])
    .where('month', '=', month);
  if (contractIds !== null) {
    if (contractIds.length === 0) return new Map();
    query = query.where('contract_id', 'in', contractIds);
  }
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.contract_id, row.used]));
}

export interface StoredStatementRow {
  contractId: string;
  month: string;
  closedAt: Date;
  freeChangesIncluded: number;
  freeChangesUsed: number;
  changeCount: number;
  quoteCount: number;
  totalTokens: number;
  totalCents: number;
}

function storedQuery(db: Db) {
  return db
    .selectFrom('statements')
    .select([
      'contract_id as contractId',
      'month',
      'closed_at as closedAt',
      'free_changes_included as freeChangesIncluded',
      'free_changes_used as freeChangesUsed',
      'change_count as changeCount',
      'quote_count as quoteCount',
      'total_tokens as totalTokens',
      'total_cents as totalCents',
    ]);
}

function storedRow(row: RowOf<typeof storedQuery>) {
  return { ...row, totalCents: Number(row.totalCents) };
}

export async function findStatements(
  db: Db,
  month: string,
  contractIds: readonly string[] | null,
): Promise<Map<string, StoredStatementRow>> {
  let query = storedQuery(db).where('month', '=', month);
  if (contractIds !== null) {
    if (contractIds.length === 0) return new Map();
    query = query.where('contract_id', 'in', contractIds);
  }
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.contractId, storedRow(row)]));
}

export async function contractStatements(
  db: Db,
  contractId: string,
): Promise<StoredStatementRow[]> {
  const rows = await storedQuery(db).where('contract_id', '=', contractId).execute();
  return rows.map(storedRow);
}

export async function statementLines(
  db: Db,
  contractId: string,
  month: string,
): Promise<StatementLine[]> {
  const rows = await db
    .selectFrom('statement_lines')
    .selectAll()
    .where('contract_id', '=', contractId)
    .where('month', '=', month)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    kind: row.kind,
    requestId: row.request_id,
    quoteId: row.quote_id,
    number: row.request_number,
    articleNameFr: row.article_name_fr,
    articleNameEn: row.article_name_en,
    at: row.at,
    tokens: row.tokens,
    tokenPriceEur: row.token_price_eur,
    amountCents: Number(row.amount_cents),
    outsideBusinessHours: row.outside_business_hours,
    endedAs: row.ended_as,
  }));
}

/**
 * Writes a closed statement and its lines, unless another process closed it first (then
 * nothing is written, and the caller reads theirs). Returns whether this call wrote it.
 */
export async function insertStatement(
  db: Db,
  statement: StoredStatementRow,
  lines: readonly StatementLine[],
): Promise<boolean> {
  const inserted = await db
    .insertInto('statements')
    .values({
      contract_id: statement.contractId,
      month: statement.month,
      closed_at: statement.closedAt,
      free_changes_included: statement.freeChangesIncluded,
      free_changes_used: statement.freeChangesUsed,
      change_count: statement.changeCount,
      quote_count: statement.quoteCount,
      total_tokens: statement.totalTokens,
      total_cents: statement.totalCents,
    })
    .onConflict((conflict) => conflict.columns(['contract_id', 'month']).doNothing())
    .returning('contract_id')
    .executeTakeFirst();
  if (!inserted) return false;
  if (lines.length > 0) {
    await db
      .insertInto('statement_lines')
      .values(
        lines.map((line, index) => ({
          contract_id: statement.contractId,
          month: statement.month,
          position: index + 1,
          kind: line.kind,
          request_id: line.requestId,
          request_number: line.number,
          quote_id: line.quoteId,
          article_name_fr: line.articleNameFr,
          article_name_en: line.articleNameEn,
          at: line.at,
          tokens: line.tokens,
          token_price_eur: line.tokenPriceEur,
          amount_cents: line.amountCents,
          outside_business_hours: line.outsideBusinessHours,
          ended_as: line.endedAs,
        })),
      )
      .execute();
  }
  return true;
}

/** What makes a month appear on a contract's statement: free changes used, billables, quotes. */
function activitySql(before: string, contractId: string | null, month: string | null) {
  const contract = (column: string) =>
    contractId === null ? sql`` : sql`AND ${sql.ref(column)} = ${contractId}`;
  const inMonth = (column: string) =>
    month === null ? sql`` : sql`AND ${sql.ref(column)} = ${month}::date`;
  return sql<{ contractId: string; month: string }>`
    SELECT DISTINCT activity.contract_id AS "contractId", activity.month::date AS month
      FROM (
        SELECT u.contract_id, u.month FROM free_change_usage u
         WHERE u.used > 0 AND u.month < ${before}::date ${contract('u.contract_id')} ${inMonth('u.month')}
        UNION
        SELECT r.contract_id, r.billing_month FROM requests r
         WHERE r.billing ->> 'kind' = 'billable' AND r.billing_month < ${before}::date
           ${contract('r.contract_id')} ${inMonth('r.billing_month')}
        UNION
        SELECT r.contract_id, date_trunc('month', q.answered_at AT TIME ZONE c.time_zone)::date
          FROM quotes q JOIN requests r ON r.id = q.request_id JOIN contracts c ON c.id = r.contract_id
         WHERE q.status = 'accepted' AND q.answered_at < ${before}::date + interval '1 day'
           ${contract('r.contract_id')}
           ${
             month === null
               ? sql``
               : sql`AND q.answered_at >= ${month}::date - interval '1 day'
                     AND q.answered_at < ${month}::date + interval '1 month 1 day'
                     AND date_trunc('month', q.answered_at AT TIME ZONE c.time_zone)::date = ${month}::date`
           }
      ) activity`;
}

/** Contract months with activity before `before` (`YYYY-MM-01`) that have no statement yet. */
export async function unclosedActivity(
  db: Db,
  filter: { before: string; contractId?: string; month?: string },
): Promise<{ contractId: string; month: string }[]> {
  const activity = activitySql(filter.before, filter.contractId ?? null, filter.month ?? null);
  const result = await sql<{ contractId: string; month: string }>`
    SELECT a."contractId", a.month FROM (${activity}) a
     WHERE NOT EXISTS (
       SELECT 1 FROM statements s WHERE s.contract_id = a."contractId" AND s.month = a.month)
     ORDER BY a.month, a."contractId"`.execute(db);
  return result.rows;
}

/** The months with activity of a contract, before `before`, stored statements included. */
export async function activityMonths(
  db: Db,
  contractId: string,
  before: string,
): Promise<string[]> {
  const activity = activitySql(before, contractId, null);
  const result = await sql<{ month: string }>`
    SELECT a.month FROM (${activity}) a
    UNION SELECT s.month FROM statements s WHERE s.contract_id = ${contractId}
    ORDER BY month DESC`.execute(db);
  return result.rows.map((row) => row.month);
}
