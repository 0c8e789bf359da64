import { describe, expect, it } from 'vitest';
import { renderRequestMail } from './mail-templates.ts';
import type { RequestMail } from './mail-templates.ts';

const context = (locale: 'fr' | 'en') => ({
  locale,
  recipientName: 'Camille <Martin>',
  number: 'CHG-2026-000042',
  link: 'https://guichet.example/demandes/1?a=1&b=2',
});

describe('renderRequestMail', () => {
  it.each<[RequestMail, 'fr' | 'en', string, string]>([
    [
      { kind: 'request_confirmed', toStatus: 'submitted' },
      'fr',
      '[Guichet] Demande CHG-2026-000042 transmise',
      'Statut : Transmise.',
    ],
    [
      { kind: 'request_confirmed', toStatus: 'quote_pending' },
      'en',
      '[Guichet] Request CHG-2026-000042 submitted',
      'Status: Quote in preparation.',
    ],
    [
      {
        kind: 'quote_sent',
        quote: { version: 2, amountTokens: 1200, amountEur: 60000, validUntil: '2026-12-15' },
      },
      'fr',
      '[Guichet] Devis à valider pour la demande CHG-2026-000042',
      "Valable jusqu'au 15 décembre 2026 inclus.",
    ],
    [
      {
        kind: 'quote_sent',
        quote: { version: 1, amountTokens: 12, amountEur: 600, validUntil: '2026-12-15' },
      },
      'en',
      '[Guichet] Quote to approve for request CHG-2026-000042',
      'Amount: 12 tokens (€600.00)',
    ],
    [
      { kind: 'status_changed', action: 'reject', toStatus: 'rejected', note: 'Hors contrat' },
      'fr',
      '[Guichet] Demande CHG-2026-000042 : Refusée',
      'Motif : Hors contrat',
    ],
    [
      { kind: 'status_changed', action: 'start_review', toStatus: 'in_review', note: null },
      'en',
      '[Guichet] Request CHG-2026-000042: Under review',
      'is now: Under review.',
    ],
    [
      { kind: 'status_changed', action: 'expire_quote', toStatus: 'cancelled', note: null },
      'fr',
      '[Guichet] Demande CHG-2026-000042 : Annulée',
      "Le devis n'a pas été validé avant sa date de fin de validité.",
    ],
    [
      {
        kind: 'status_changed',
        action: 'ask_customer',
        toStatus: 'awaiting_customer',
        note: 'Quel projet ?',
      },
      'fr',
      '[Guichet] Demande CHG-2026-000042 : En attente de votre réponse',
      'Question : Quel projet ?',
    ],
    [
      {
        kind: 'status_changed',
        action: 'ask_customer',
        toStatus: 'awaiting_customer',
        note: 'Which project?',
      },
      'en',
      '[Guichet] Request CHG-2026-000042: Awaiting your answer',
      'An agent needs details',
    ],
    [
      { kind: 'status_changed', action: 'expire_question', toStatus: 'cancelled', note: null },
      'en',
      '[Guichet] Request CHG-2026-000042: Cancelled',
      'The agent’s question was not answered: the request was cancelled.',
    ],
    [
      {
        kind: 'question_reminder',
        question: 'Quel projet ?',
        askedAt: new Date('2026-11-20T10:00:00Z'),
        expiresAt: new Date('2026-12-04T10:00:00Z'),
        timeZone: 'Europe/Paris',
      },
      'fr',
      '[Guichet] Rappel : la demande CHG-2026-000042 attend votre réponse',
      'la demande sera annulée le 4 décembre 2026 à 11:00.',
    ],
    [
      {
        kind: 'question_reminder',
        question: 'Which project?',
        askedAt: new Date('2026-11-20T10:00:00Z'),
        expiresAt: new Date('2026-12-04T10:00:00Z'),
        timeZone: 'America/New_York',
      },
      'en',
      '[Guichet] Reminder: request CHG-2026-000042 is waiting for your answer',
      'the request will be cancelled on 4 December 2026 at 05:00.',
    ],
    [
      { kind: 'request_done', note: null },
      'fr',
      '[Guichet] Demande CHG-2026-000042 réalisée',
      'a été réalisée.',
    ],
    [
      { kind: 'request_done', note: 'quotas appliqués' },
      'en',
      '[Guichet] Request CHG-2026-000042 done',
      'Note: quotas appliqués',
    ],
  ])('%j in %s', (mail, locale, subject, line) => {
    const rendered = renderRequestMail(mail, context(locale));
    expect(rendered.subject).toBe(subject);
    expect(rendered.text).toContain(line);
    expect(rendered.text).toContain('https://guichet.example/demandes/1?a=1&b=2');
  });

  it('groups the thousands of amounts the French way', () => {
    const { text } = renderRequestMail(
      {
        kind: 'quote_sent',
        quote: { version: 2, amountTokens: 1200, amountEur: 60000, validUntil: '2026-12-15' },
      },
      context('fr'),
    );
    expect(text.replace(/\s/g, ' ')).toContain('Montant : 1 200 jetons (60 000,00 €)');
  });

  it('escapes what it puts in the HTML part', () => {
    const { html, text } = renderRequestMail(
      { kind: 'status_changed', action: 'reject', toStatus: 'rejected', note: '<b>non</b>' },
      context('fr'),
    );
    expect(html).toContain('Bonjour Camille &lt;Martin&gt;,');
    expect(html).toContain('Motif : &lt;b&gt;non&lt;/b&gt;');
    expect(html).toContain('href="https://guichet.example/demandes/1?a=1&amp;b=2"');
    expect(html).not.toContain('<b>');
    expect(text).toContain('<b>non</b>');
  });
});
