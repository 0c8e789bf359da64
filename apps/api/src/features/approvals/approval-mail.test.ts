import { describe, expect, it } from 'vitest';
import { renderApprovalMail } from './approval-mail.ts';

const base = {
  recipientName: 'Camille Martin',
  number: 'CHG-2026-000042',
  authorName: 'Sacha Bernard',
  onBehalfOfName: null,
  link: 'https://guichet.example/approbations/abc',
  linkDays: 7,
};

describe('renderApprovalMail', () => {
  it.each([
    ['fr', { kind: 'billable', priceTokens: 3, priceEur: 150 }, /Coût : 3 jetons \(150,00\s€\)\./],
    ['en', { kind: 'billable', priceTokens: 3, priceEur: 150 }, /Cost: 3 tokens \(€150\.00\)\./],
    ['fr', { kind: 'quote' }, /Coût : sur devis/],
    ['en', { kind: 'free', freeChangesLeft: 1 }, /one of the month's free changes/],
  ] as const)('%s, %j: says the cost, the link and that it works once', (locale, billing, cost) => {
    const mail = renderApprovalMail({ ...base, locale, billing });
    expect(mail.subject).toContain('CHG-2026-000042');
    expect(mail.text).toMatch(cost);
    expect(mail.text).toContain('https://guichet.example/approbations/abc');
    expect(mail.html).toContain('href="https://guichet.example/approbations/abc"');
    expect(mail.text).toMatch(locale === 'fr' ? /une seule fois/ : /works once/);
  });

  it('names the approver a substitute stands in for, and escapes the HTML', () => {
    const mail = renderApprovalMail({
      ...base,
      locale: 'fr',
      authorName: '<b>Sacha</b>',
      onBehalfOfName: 'Camille Martin',
      billing: { kind: 'included' },
    });
    expect(mail.text).toContain('Vous approuvez en remplacement de Camille Martin.');
    expect(mail.html).toContain('&lt;b&gt;Sacha&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Sacha</b>');
  });
});
