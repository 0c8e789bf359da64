import type { RequestStatus } from './lifecycle.ts';
import type { Locale } from './locale.ts';

/** A request's status as the mails and the exports write it (the web app has its own i18n keys). */
export const requestStatusLabels: Record<Locale, Record<RequestStatus, string>> = {
  fr: {
    draft: 'Brouillon',
    awaiting_approval: "En attente d'approbation",
    submitted: 'Transmise',
    in_review: "En cours d'analyse",
    quote_pending: 'Devis en préparation',
    quote_sent: 'Devis à valider',
    awaiting_customer: 'En attente de votre réponse',
    in_progress: 'En cours de réalisation',
    done: 'Réalisée',
    rejected: 'Refusée',
    cancelled: 'Annulée',
  },
  en: {
    draft: 'Draft',
    awaiting_approval: 'Awaiting approval',
    submitted: 'Submitted',
    in_review: 'Under review',
    quote_pending: 'Quote in preparation',
    quote_sent: 'Quote to approve',
    awaiting_customer: 'Awaiting your answer',
    in_progress: 'In progress',
    done: 'Done',
    rejected: 'Rejected',
    cancelled: 'Cancelled',
  },
};
