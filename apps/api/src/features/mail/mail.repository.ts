import type { Db } from '@guichet/db';

export async function insertMail(
  db: Db,
  mail: {
    id: string;
    to: string;
    subject: string;
    text: string;
    html: string | null;
    kind: string;
    requestId: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values({
      id: mail.id,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      kind: mail.kind,
      request_id: mail.requestId,
      created_at: mail.at,
    })
    .execute();
}
