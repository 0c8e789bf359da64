import { randomUUID } from 'node:crypto';
import { isServiceAccountAddress } from '@guichet/domain';
import type { Db } from '@guichet/db';
import type { Clock } from '../../http/context.ts';
import * as repository from './mail.repository.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the mail is about, e.g. `invitation`, `request_confirmed`, `quote_sent`. */
  kind: string;
  requestId?: string;
}

/**
 * Queues a mail in the outbox, inside the caller's transaction: it leaves only if what
 * caused it is committed. Sending is a background job's work, never the request's.
 * Returns the mail's id; null for a service account's address, which no mail is for.
 */
export async function queueMail(
  deps: { db: Db; clock: Clock },
  mail: OutgoingMail,
): Promise<string | null> {
  if (isServiceAccountAddress(mail.to)) return null;
  const id = randomUUID();
  await repository.insertMail(deps.db, {
    id,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    kind: mail.kind,
    requestId: mail.requestId ?? null,
    at: deps.clock(),
  });
  return id;
}
