import { DomainError, rolesWith } from '@guichet/domain';
import type { OutboxMailDetail, OutboxMailView, OutboxPage, OutboxQuery } from '@guichet/contracts';
import type { Db } from '@guichet/db';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireOperator } from '../../http/access.ts';
import { keysetOf, keysetPage } from '../../lib/cursor.ts';
import { omitEmpty } from '../../lib/omit-empty.ts';
import * as repository from './outbox.repository.ts';
import type { OutboxRow } from './outbox.repository.ts';

/** What sends a mail (nodemailer over SMTP in production, a recorder in tests). */
export interface MailTransport {
  send(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string | null;
    /** The outbox id, so that a receiving server can tell a mail from a repeated one. */
    messageId: string;
  }): Promise<void>;
  close(): void;
}

function toView(row: OutboxRow): OutboxMailView {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    requestId: row.request_id,
    requestNumber: row.request_number,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}

/** The outbox, for operators: what was sent, failed, or kept (no SMTP server configured). */
export async function listOutbox(
  deps: Deps,
  auth: AuthContext,
  query: OutboxQuery,
): Promise<OutboxPage> {
  requireOperator(auth, rolesWith('read_outbox'));
  const { rows, total } = await repository.listOutbox(deps.db, {
    limit: query.limit,
    ...omitEmpty({ status: query.status, q: query.q, after: keysetOf(query.cursor) }),
  });
  return {
    ...keysetPage(rows, query.limit, toView, (last) => [last.created_at.toISOString(), last.id]),
    total,
  };
}

export async function getMail(
  deps: Deps,
  auth: AuthContext,
  id: string,
): Promise<OutboxMailDetail> {
  requireOperator(auth, rolesWith('read_outbox'));
  const row = await repository.findMail(deps.db, id);
  if (!row) throw new DomainError('not_found', 'Mail not found');
  return { ...toView(row), text: row.text_body };
}

/**
 * Hands the pending mails to the job queue, each once: the rows are locked (concurrent
 * dispatchers skip them), `enqueue` writes the jobs in the same transaction, and the rows
 * are marked. Returns how many were handed over.
 */
export async function dispatchPendingMails(
  deps: Deps,
  enqueue: (transaction: Db, mailIds: readonly string[]) => Promise<void>,
  batchSize = 100,
): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await deps.db.transaction().execute(async (trx) => {
      const rows = await repository.lockUndispatched(trx, batchSize);
      const ids = rows.map((row) => row.id);
      if (ids.length === 0) return 0;
      await enqueue(trx, ids);
      await repository.markDispatched(trx, ids, deps.clock());
      return ids.length;
    });
    total += count;
    if (count < batchSize) return total;
  }
}

/** Without an SMTP server, mails stay in the outbox (`kept`) for the back-office to read. */
export async function keepPendingMails(deps: Deps): Promise<number> {
  return repository.keepPending(deps.db);
}

export type DeliveryOutcome = 'sent' | 'skipped';

/**
 * Sends one pending mail. The row stays locked while the SMTP server answers, so two
 * workers never send it twice; a mail already sent (or being sent) is skipped. A failure is
 * recorded, the mail turns `failed` on the last attempt, and the error is thrown so that the
 * job queue retries later.
 */
export async function deliverMail(
  deps: Deps,
  transport: MailTransport,
  mailId: string,
  options: { from: string; isLastAttempt: boolean },
): Promise<DeliveryOutcome> {
  // what the transport threw, thrown again once the attempt is recorded
  const failures: Error[] = [];
  const outcome = await deps.db.transaction().execute(async (trx): Promise<DeliveryOutcome> => {
    const mail = await repository.lockPendingMail(trx, mailId);
    if (!mail) return 'skipped';
    try {
      await transport.send({
        from: options.from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        messageId: `<${mail.id}@guichet>`,
      });
    } catch (error) {
      failures.push(error instanceof Error ? error : new Error(String(error)));
      await repository.recordAttempt(trx, {
        id: mail.id,
        status: options.isLastAttempt ? 'failed' : 'pending',
        error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
        at: deps.clock(),
      });
      return 'skipped';
    }
    await repository.recordAttempt(trx, {
      id: mail.id,
      status: 'sent',
      error: null,
      at: deps.clock(),
    });
    return 'sent';
  });
  if (failures[0]) throw failures[0];
  return outcome;
}
