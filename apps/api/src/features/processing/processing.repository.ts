import { requestEventsQuery } from '@guichet/db';
import type { Db } from '@guichet/db';
import { sql } from 'kysely';
import type { OperatorRole } from '@guichet/domain';

/** What every move needs to know about a request, read under its row lock. */
export async function lockRequest(db: Db, id: string) {
  return db
    .selectFrom('requests')
    .innerJoin('contracts', 'contracts.id', 'requests.contract_id')
    .select([
      'requests.id',
      'requests.number',
      'requests.status',
      'requests.contract_id',
      'requests.author_id',
      'requests.assignee_id',
      'requests.held_for_approval',
      'contracts.customer_id',
      'contracts.time_zone',
      'contracts.token_price_eur',
    ])
    .where('requests.id', '=', id)
    .forUpdate('requests')
    .executeTakeFirst();
}

export type LockedRequest = NonNullable<Awaited<ReturnType<typeof lockRequest>>>;

/** The same, without a lock: to decide who may see the request. */
export async function findRequestHeader(db: Db, id: string) {
  return db
    .selectFrom('requests')
    .select([
      'id',
      'number',
      'status',
      'contract_id',
      'author_id',
      'assignee_id',
      'held_for_approval',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setStatus(
  db: Db,
  change: { id: string; status: string; at: Date; assigneeId?: string },
): Promise<void> {
  await db
    .updateTable('requests')
    .set((eb) => ({
      status: change.status,
      updated_at: change.at,
      version: eb('version', '+', 1),
      ...(change.assigneeId ? { assignee_id: change.assigneeId } : {}),
    }))
    .where('id', '=', change.id)
    .execute();
}

export async function setAssignee(
  db: Db,
  change: { id: string; assigneeId: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('requests')
    .set({ assignee_id: change.assigneeId, updated_at: change.at })
    .where('id', '=', change.id)
    .execute();
}

export { insertRequestEvent as insertEvent } from '@guichet/db';

/** The whole history, internal events included (the back-office's view). */
export async function listEvents(db: Db, requestId: string) {
  return requestEventsQuery(db, requestId).execute();
}

/** An operator able to hold requests (`roles`), or undefined. */
export async function findOperator(db: Db, id: string, roles: readonly OperatorRole[]) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'operator_role'])
    .where('id', '=', id)
    .where('kind', '=', 'operator')
    .where('is_service_account', '=', false)
    .where('operator_role', 'in', roles)
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();
}

// Quotes

function quoteQuery(db: Db) {
  return db
    .selectFrom('quotes')
    .innerJoin('users as creator', 'creator.id', 'quotes.created_by')
    .leftJoin('users as answerer', 'answerer.id', 'quotes.answered_by')
    .select([
      'quotes.id',
      'quotes.request_id',
      'quotes.version',
      'quotes.amount_tokens',
      'quotes.amount_eur',
      'quotes.valid_until',
      'quotes.text',
      'quotes.attachment_id',
      'quotes.status',
      'quotes.created_at',
      'quotes.answered_at',
      'creator.display_name as created_by_name',
      'answerer.display_name as answered_by_name',
    ]);
}
export type QuoteRow = Awaited<ReturnType<ReturnType<typeof quoteQuery>['execute']>>[number];

export async function listQuotes(db: Db, requestId: string): Promise<QuoteRow[]> {
  return quoteQuery(db)
    .where('quotes.request_id', '=', requestId)
    .orderBy('quotes.version', 'desc')
    .execute();
}

export async function findQuote(db: Db, requestId: string, quoteId: string) {
  return db
    .selectFrom('quotes')
    .select(['id', 'version', 'status', 'valid_until', 'amount_tokens', 'amount_eur'])
    .where('request_id', '=', requestId)
    .where('id', '=', quoteId)
    .executeTakeFirst();
}

/** The quote awaiting the customer's answer, if any. */
export async function findSentQuote(db: Db, requestId: string) {
  return db
    .selectFrom('quotes')
    .select(['id', 'version', 'valid_until'])
    .where('request_id', '=', requestId)
    .where('status', '=', 'sent')
    .executeTakeFirst();
}

export async function lastQuoteVersion(db: Db, requestId: string): Promise<number> {
  const row = await db
    .selectFrom('quotes')
    .select((eb) => eb.fn.max('version').as('last'))
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

export async function insertQuote(
  db: Db,
  quote: {
    id: string;
    requestId: string;
    version: number;
    amountTokens: number;
    amountEur: number;
    validUntil: string;
    text: string;
    attachmentId: string | null;
    createdBy: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('quotes')
    .values({
      id: quote.id,
      request_id: quote.requestId,
      version: quote.version,
      amount_tokens: quote.amountTokens,
      amount_eur: quote.amountEur,
      valid_until: quote.validUntil,
      text: quote.text,
      attachment_id: quote.attachmentId,
      status: 'sent',
      created_by: quote.createdBy,
      created_at: quote.at,
    })
    .execute();
}

/** Closes the quote awaiting an answer: superseded, accepted, refused or expired. */
export async function closeSentQuote(
  db: Db,
  change: {
    requestId: string;
    status: 'superseded' | 'accepted' | 'refused' | 'expired';
    answeredBy: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .updateTable('quotes')
    .set({
      status: change.status,
      answered_by: change.answeredBy,
      answered_at: change.status === 'superseded' ? null : change.at,
    })
    .where('request_id', '=', change.requestId)
    .where('status', '=', 'sent')
    .execute();
}

/**
 * Requests whose quote awaiting an answer is past its last valid day in the contract's time
 * zone at `now` (the service checks each again under its lock).
 */
export async function listExpiredQuoteRequests(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('quotes')
    .innerJoin('requests', 'requests.id', 'quotes.request_id')
    .innerJoin('contracts', 'contracts.id', 'requests.contract_id')
    .select(['quotes.request_id'])
    .where('quotes.status', '=', 'sent')
    .where(
      sql<boolean>`quotes.valid_until < (${now}::timestamptz AT TIME ZONE contracts.time_zone)::date`,
    )
    .orderBy('quotes.valid_until')
    .limit(limit)
    .execute();
}

// Comments

export async function insertComment(
  db: Db,
  comment: {
    id: string;
    requestId: string;
    authorId: string;
    body: string;
    isInternal: boolean;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('comments')
    .values({
      id: comment.id,
      request_id: comment.requestId,
      author_id: comment.authorId,
      body: comment.body,
      is_internal: comment.isInternal,
      created_at: comment.at,
    })
    .execute();
}

export async function listComments(
  db: Db,
  requestId: string,
  options: { includeInternal: boolean },
) {
  let query = db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.author_id')
    .select([
      'comments.id',
      'comments.body',
      'comments.is_internal',
      'comments.created_at',
      'users.display_name as author_name',
      'users.kind as author_kind',
    ])
    .where('comments.request_id', '=', requestId);
  if (!options.includeInternal) query = query.where('comments.is_internal', '=', false);
  return query.orderBy('comments.created_at').orderBy('comments.id').execute();
}

// Attachments

export async function insertAttachment(
  db: Db,
  attachment: {
    id: string;
    requestId: string;
    uploadedBy: string;
    fileName: string;
    mediaType: string;
    content: Buffer;
    sha256: string;
    isInternal: boolean;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('attachments')
    .values({
      id: attachment.id,
      request_id: attachment.requestId,
      uploaded_by: attachment.uploadedBy,
      file_name: attachment.fileName,
      media_type: attachment.mediaType,
      size_bytes: attachment.content.length,
      sha256: attachment.sha256,
      is_internal: attachment.isInternal,
      created_at: attachment.at,
    })
    .execute();
  await db
    .insertInto('attachment_contents')
    .values({ attachment_id: attachment.id, content: attachment.content })
    .execute();
}

function attachmentQuery(db: Db) {
  return db
    .selectFrom('attachments')
    .innerJoin('users', 'users.id', 'attachments.uploaded_by')
    .select([
      'attachments.id',
      'attachments.request_id',
      'attachments.file_name',
      'attachments.media_type',
      'attachments.size_bytes',
      'attachments.is_internal',
      'attachments.created_at',
      'users.display_name as uploaded_by_name',
      'users.kind as uploaded_by_kind',
    ]);
}
export type AttachmentRow = Awaited<
  ReturnType<ReturnType<typeof attachmentQuery>['execute']>
>[number];

export async function listAttachments(
  db: Db,
  requestId: string,
  options: { includeInternal: boolean },
): Promise<AttachmentRow[]> {
  let query = attachmentQuery(db).where('attachments.request_id', '=', requestId);
  if (!options.includeInternal) query = query.where('attachments.is_internal', '=', false);
  return query.orderBy('attachments.created_at').orderBy('attachments.id').execute();
}

export async function findAttachment(db: Db, requestId: string, attachmentId: string) {
  return attachmentQuery(db)
    .where('attachments.request_id', '=', requestId)
    .where('attachments.id', '=', attachmentId)
    .executeTakeFirst();
}

export async function readAttachmentContent(db: Db, attachmentId: string) {
  const row = await db
    .selectFrom('attachment_contents')
    .select('content')
    .where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
  return row?.content;
}
