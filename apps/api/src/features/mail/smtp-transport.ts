import nodemailer from 'nodemailer';
import type { MailTransport } from './outbox.service.ts';

/**
 * Mail over SMTP (`SMTP_URL`, e.g. `smtp://user:pass@mail.example:587` or `smtps://…`), with
 * a few pooled connections and short timeouts: a slow server delays the job, never a request.
 */
export function smtpTransport(url: string, options: { maxConnections: number }): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: options.maxConnections,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transporter.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === null ? {} : { html: message.html }),
        messageId: message.messageId,
      });
    },
    close() {
      transporter.close();
    },
  };
}
