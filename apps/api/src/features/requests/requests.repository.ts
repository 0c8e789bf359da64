import type { PricedDecision, RequestStatus } from '@guichet/domain';
import type { Db } from '@guichet/db';

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

/** The columns a draft's author writes, at its creation and each save alike. */
function draftColumns(row: RequestRow & { status: RequestStatus }) {
  return {
    asset_id: row.assetId,
    catalog_id: row.catalogId,
    article_id: row.articleId,
    article_version_id: row.articleVersionId,
    values: JSON.stringify(row.values),
    customer_reference: row.customerReference,
    comment: row.comment,
    outside_business_hours: row.outsideBusinessHours,
    status: row.status,
  };
}

export async function insertRequest(
  db: Db,
  row: RequestRow & {
    authorId: string;
    status: RequestStatus;
    number: string | null;
    billing: PricedDecision | null;
    billingMonth: string | null;
    at: Date;
    heldForApproval?: boolean;
  },
): Promise<void> {
  await db
    .insertInto('requests')
    .values({
      id: row.id,
      number: row.number,
      contract_id: row.contractId,
      ...draftColumns(row),
      billing: row.billing === null ? null : JSON.stringify(row.billing),
      billing_month: row.billingMonth,
      author_id: row.authorId,
      created_at: row.at,
      updated_at: row.at,
      issued_at: row.at,
      submitted_at: row.status === 'draft' ? null : row.at,
      held_for_approval: row.heldForApproval ?? false,
    })
    .execute();
}

/** Rewrites a draft if it still has `expectedVersion`; false when someone changed it since. */
export async function updateRequest(
  db: Db,
  row: RequestRow & {
    expectedVersion: number;
    status: RequestStatus;
    number: string | null;
    billing: PricedDecision | null;
    billingMonth: string | null;
    at: Date;
    heldForApproval?: boolean;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('requests')
    .set((eb) => ({
      ...draftColumns(row),
      number: row.number,
      billing: row.billing === null ? null : JSON.stringify(row.billing),
      billing_month: row.billingMonth,
      updated_at: row.at,
      ...(row.status === 'draft' ? {} : { submitted_at: row.at, issued_at: row.at }),
      version: eb('version', '+', 1),
      ...(row.heldForApproval ? { held_for_approval: true } : {}),
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
    .$narrowType<{ status: RequestStatus }>()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function deleteRequest(db: Db, id: string): Promise<void> {
  await db.deleteFrom('requests').where('id', '=', id).execute();
}

export { insertRequestEvent as insertEvent } from '@guichet/db';

export { takeFreeChange } from '@guichet/db';

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
