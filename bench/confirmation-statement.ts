import { randomUUID } from 'node:crypto';
import type { Db } from '@guichet/db';
import { billingMonth, requestNumberParts } from '@guichet/domain';
import {
  findUserByEmail,
  findUserById,
} from '../apps/api/src/features/session/session.repository.ts';
import { confirmationReceipts } from '../apps/api/src/features/notifications/notifications.service.ts';
import {
  findConfirmationContext,
  insertConfirmedRequest,
} from '../apps/api/src/features/requests/request-confirmation.repository.ts';
import { planOf } from '../apps/api/src/features/requests/request-fields.ts';

/** A confirmation to write: who, on which item and article, with which values. */
export interface StatementBody {
  contractId: string;
  assetId: string;
  catalogId: string;
  articleId: string;
  authorEmail: string;
  values: Record<string, unknown>;
}

export type PreparedConfirmation = Awaited<ReturnType<typeof prepareConfirmation>>;

/** Once per contract: what Guichet's confirm path reads and decides before its write. */
export async function prepareConfirmation(db: Db, body: StatementBody) {
  const found = await findUserByEmail(db, body.authorEmail);
  const author = found && (await findUserById(db, found.id));
  if (!author) throw new Error(`no user ${body.authorEmail}`);
  const context = await findConfirmationContext(db, {
    ...body,
    userId: author.id,
    idempotencyKey: null,
  });
  if (!context?.version_id || context.billing_mode === null || context.price_tokens === null) {
    throw new Error(`no article to confirm on ${body.contractId}`);
  }
  const { outcomes, statuses } = planOf(
    { billing_mode: context.billing_mode, price_tokens: context.price_tokens },
    context,
    { outsideBusinessHours: false, acknowledgeBilling: true },
  );
  const placeholder = 'GUICHETNUMBER';
  const receipt = confirmationReceipts({}, { id: randomUUID(), author }, statuses, placeholder);
  return { author, context, outcomes, placeholder, receipt };
}

/**
 * The statement a confirmation writes with (`insertConfirmedRequest`: the number, the free
 * change, the request, its events and the receipt), alone: no session, no checks, no answer.
 */
export async function writeConfirmation(
  db: Db,
  prepared: PreparedConfirmation,
  body: StatementBody,
): Promise<{ id: string; number: string | null }> {
  const { author, context, outcomes, placeholder, receipt } = prepared;
  const at = new Date();
  const month = billingMonth(at, context.time_zone);
  const year = Number(month.slice(0, 4));
  const { prefix, digits } = requestNumberParts(year);
  const id = randomUUID();
  const written = await insertConfirmedRequest(db, {
    id,
    contractId: body.contractId,
    assetId: body.assetId,
    catalogId: context.catalog_id,
    articleId: context.article_id,
    articleVersionId: context.version_id,
    values: body.values,
    customerReference: null,
    comment: null,
    outsideBusinessHours: false,
    authorId: author.id,
    at,
    billingMonth: month,
    year,
    numberPrefix: prefix,
    numberDigits: digits,
    outcomes,
    idempotency: null,
    receipt: receipt && { mailId: randomUUID(), placeholder, ...receipt },
  });
  return { id, number: written.number };
}
