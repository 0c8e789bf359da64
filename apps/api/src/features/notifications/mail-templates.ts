import { requestStatusLabels } from '@guichet/domain';
import type { RequestAction, RequestStatus } from '@guichet/domain';

export type Locale = 'fr' | 'en';

/** The mails a request sends its customer (DESIGN §4–5), in the recipient's language. */
export type RequestMail =
  | { kind: 'request_confirmed'; toStatus: RequestStatus }
  | {
      kind: 'quote_sent';
      quote: { version: number; amountTokens: number; amountEur: number; validUntil: string };
    }
  | { kind: 'status_changed'; action: RequestAction; toStatus: RequestStatus; note: string | null }
  | { kind: 'request_done'; note: string | null }
  | {
      kind: 'question_reminder';
      question: string;
      askedAt: Date;
      expiresAt: Date;
      timeZone: string;
    };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const words = {
  fr: {
    hello: (name: string) => `Bonjour ${name},`,
    colon: ' : ',
    open: 'Voir la demande',
    signature: "— Guichet, l'Espace Client Cloud",
    internalNote: 'Ce message est envoyé automatiquement ; merci de ne pas y répondre.',
    confirmed: {
      subject: (number: string) => `Demande ${number} transmise`,
      body: (number: string, status: string) =>
        `Votre demande de changement ${number} a bien été enregistrée. Statut : ${status}.`,
    },
    quote: {
      subject: (number: string) => `Devis à valider pour la demande ${number}`,
      body: (number: string, version: number) =>
        `Un devis (version ${version}) vous est proposé pour la demande ${number}.`,
      amount: (tokens: string, euros: string) => `Montant : ${tokens} jetons (${euros})`,
      validity: (date: string) => `Valable jusqu'au ${date} inclus.`,
      action: 'Acceptez-le ou refusez-le depuis la demande dans votre Espace Client Cloud.',
    },
    status: {
      subject: (number: string, status: string) => `Demande ${number} : ${status}`,
      body: (number: string, status: string) =>
        `Le statut de votre demande ${number} est désormais : ${status}.`,
      reason: 'Motif',
      note: 'Précision',
      expired: "Le devis n'a pas été validé avant sa date de fin de validité.",
      question: 'Question',
      asked:
        'Un agent a besoin de précisions : répondez depuis la demande dans votre Espace Client Cloud (vous pouvez aussi y modifier les valeurs de la demande).',
      unanswered: "La question de l'agent est restée sans réponse : la demande a été annulée.",
    },
    reminder: {
      subject: (number: string) => `Rappel : la demande ${number} attend votre réponse`,
      body: (number: string, date: string) =>
        `Un agent vous a posé une question le ${date} sur la demande ${number} et attend votre réponse.`,
      deadline: (date: string) => `Sans réponse de votre part, la demande sera annulée le ${date}.`,
    },
    done: {
      subject: (number: string) => `Demande ${number} réalisée`,
      body: (number: string) => `Votre demande de changement ${number} a été réalisée.`,
    },
  },
  en: {
    hello: (name: string) => `Hello ${name},`,
    colon: ': ',
    open: 'Open the request',
    signature: '— Guichet, the Cloud Customer Space',
    internalNote: 'This message was sent automatically; please do not reply.',
    confirmed: {
      subject: (number: string) => `Request ${number} submitted`,
      body: (number: string, status: string) =>
        `Your change request ${number} has been recorded. Status: ${status}.`,
    },
    quote: {
      subject: (number: string) => `Quote to approve for request ${number}`,
      body: (number: string, version: number) =>
        `A quote (version ${version}) is proposed for request ${number}.`,
      amount: (tokens: string, euros: string) => `Amount: ${tokens} tokens (${euros})`,
      validity: (date: string) => `Valid until ${date} included.`,
      action: 'Accept or refuse it from the request in your Cloud Customer Space.',
    },
    status: {
      subject: (number: string, status: string) => `Request ${number}: ${status}`,
      body: (number: string, status: string) =>
        `The status of your request ${number} is now: ${status}.`,
      reason: 'Reason',
      note: 'Note',
      expired: 'The quote was not approved before the end of its validity.',
      question: 'Question',
      asked:
        'An agent needs details: answer from the request in your Cloud Customer Space (you may also change the request’s values there).',
      unanswered: 'The agent’s question was not answered: the request was cancelled.',
    },
    reminder: {
      subject: (number: string) => `Reminder: request ${number} is waiting for your answer`,
      body: (number: string, date: string) =>
        `An agent asked you a question on ${date} about request ${number} and is waiting for your answer.`,
      deadline: (date: string) => `Without an answer, the request will be cancelled on ${date}.`,
    },
    done: {
      subject: (number: string) => `Request ${number} done`,
      body: (number: string) => `Your change request ${number} has been carried out.`,
    },
  },
} as const;

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function formatEuros(amount: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  }).format(amount);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB').format(value);
}

function formatDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** A moment as the contract's people read it: day and hour in its time zone. */
function formatMoment(at: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(at);
}

/**
 * The subject, plain text and HTML of a request's mail. Only what the customer may see goes
 * in: statuses, quotes, the reasons written for them (never an internal comment).
 */
export function renderRequestMail(
  mail: RequestMail,
  context: { locale: Locale; recipientName: string; number: string; link: string },
): RenderedMail {
  const w = words[context.locale];
  const labels = requestStatusLabels[context.locale];
  const { number } = context;
  let subject: string;
  const lines: string[] = [];
  switch (mail.kind) {
    case 'request_confirmed':
      subject = w.confirmed.subject(number);
      lines.push(w.confirmed.body(number, labels[mail.toStatus]));
      break;
    case 'quote_sent':
      subject = w.quote.subject(number);
      lines.push(
        w.quote.body(number, mail.quote.version),
        w.quote.amount(
          formatNumber(mail.quote.amountTokens, context.locale),
          formatEuros(mail.quote.amountEur, context.locale),
        ),
        w.quote.validity(formatDay(mail.quote.validUntil, context.locale)),
        w.quote.action,
      );
      break;
    case 'status_changed':
      subject = w.status.subject(number, labels[mail.toStatus]);
      lines.push(w.status.body(number, labels[mail.toStatus]));
      if (mail.action === 'expire_quote') lines.push(w.status.expired);
      if (mail.action === 'ask_customer') lines.push(w.status.asked);
      if (mail.action === 'expire_question') lines.push(w.status.unanswered);
      if (mail.note) {
        const label =
          mail.action === 'reject'
            ? w.status.reason
            : mail.action === 'ask_customer'
              ? w.status.question
              : w.status.note;
        lines.push(`${label}${w.colon}${mail.note}`);
      }
      break;
    case 'question_reminder':
      subject = w.reminder.subject(number);
      lines.push(
        w.reminder.body(number, formatMoment(mail.askedAt, mail.timeZone, context.locale)),
        `${w.status.question}${w.colon}${mail.question}`,
        w.reminder.deadline(formatMoment(mail.expiresAt, mail.timeZone, context.locale)),
        w.status.asked,
      );
      break;
    case 'request_done':
      subject = w.done.subject(number);
      lines.push(w.done.body(number));
      if (mail.note) lines.push(`${w.status.note}${w.colon}${mail.note}`);
      break;
  }
  const fullSubject = `[Guichet] ${subject}`;
  const text = [
    w.hello(context.recipientName),
    '',
    ...lines,
    '',
    `${w.open}${w.colon}${context.link}`,
    '',
    w.signature,
    w.internalNote,
  ].join('\n');
  const html = [
    `<p>${escapeHtml(w.hello(context.recipientName))}</p>`,
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(context.link)}">${escapeHtml(w.open)}</a></p>`,
    `<p style="color:#595959">${escapeHtml(w.signature)}<br>${escapeHtml(w.internalNote)}</p>`,
  ].join('\n');
  return { subject: fullSubject, text, html };
}
