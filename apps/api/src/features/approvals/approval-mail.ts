import type { PricedDecision } from '@guichet/domain';
import { escapeHtml, formatEuros, formatNumber } from '../notifications/mail-templates.ts';
import type { Locale, RenderedMail } from '../notifications/mail-templates.ts';

/**
 * The mail asking an approver (or their substitute) to approve a request (decision 0034): what
 * it costs as it would be decided now, and the single-use link that opens the answer in the
 * portal (the approver logs in first).
 */
const words = {
  fr: {
    hello: (name: string) => `Bonjour ${name},`,
    subject: (number: string) => `Demande ${number} à approuver`,
    body: (number: string, author: string) =>
      `${author} a confirmé la demande de changement ${number}, qui attend votre approbation avant d'être transmise.`,
    onBehalf: (name: string) => `Vous approuvez en remplacement de ${name}.`,
    cost: {
      included: 'Coût : inclus dans le contrat.',
      free: 'Coût : changement gratuit du mois.',
      billable: (tokens: string, euros: string) => `Coût : ${tokens} jetons (${euros}).`,
      quote: 'Coût : sur devis, établi par le fournisseur.',
    },
    costNote: "Le coût est décidé à l'approbation.",
    open: 'Approuver ou refuser',
    linkNote: (days: number) =>
      `Ce lien vous est personnel, sert une seule fois et expire dans ${days} jours ; il vous demande de vous connecter.`,
    signature: "— Guichet, l'Espace Client Cloud",
  },
  en: {
    hello: (name: string) => `Hello ${name},`,
    subject: (number: string) => `Request ${number} to approve`,
    body: (number: string, author: string) =>
      `${author} confirmed change request ${number}, which awaits your approval before it is submitted.`,
    onBehalf: (name: string) => `You approve standing in for ${name}.`,
    cost: {
      included: 'Cost: included in the contract.',
      free: "Cost: one of the month's free changes.",
      billable: (tokens: string, euros: string) => `Cost: ${tokens} tokens (${euros}).`,
      quote: 'Cost: on quote, drawn up by the provider.',
    },
    costNote: 'The cost is decided at approval.',
    open: 'Approve or refuse',
    linkNote: (days: number) =>
      `This link is yours, works once and expires in ${days} days; it asks you to log in.`,
    signature: '— Guichet, the Cloud Customer Space',
  },
} as const;

export function renderApprovalMail(context: {
  locale: Locale;
  recipientName: string;
  number: string;
  authorName: string;
  onBehalfOfName: string | null;
  billing: PricedDecision;
  link: string;
  linkDays: number;
}): RenderedMail {
  const w = words[context.locale];
  const { billing } = context;
  const cost =
    billing.kind === 'billable'
      ? w.cost.billable(
          formatNumber(billing.priceTokens, context.locale),
          formatEuros(billing.priceEur, context.locale),
        )
      : w.cost[billing.kind];
  const lines = [
    w.body(context.number, context.authorName),
    ...(context.onBehalfOfName ? [w.onBehalf(context.onBehalfOfName)] : []),
    `${cost} ${w.costNote}`,
  ];
  const text = [
    w.hello(context.recipientName),
    '',
    ...lines,
    '',
    `${w.open} : ${context.link}`,
    w.linkNote(context.linkDays),
    '',
    w.signature,
  ].join('\n');
  const html = [
    `<p>${escapeHtml(w.hello(context.recipientName))}</p>`,
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(context.link)}">${escapeHtml(w.open)}</a></p>`,
    `<p style="color:#595959">${escapeHtml(w.linkNote(context.linkDays))}<br>${escapeHtml(w.signature)}</p>`,
  ].join('\n');
  return { subject: `[Guichet] ${w.subject(context.number)}`, text, html };
}
