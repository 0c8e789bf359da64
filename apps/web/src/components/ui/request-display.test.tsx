import { render, screen } from '@testing-library/react';
import type { RequestEventView } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import {
  costQuoteOf,
  RequestCost,
  RequestDescription,
  RequestHistory,
} from './request-display.tsx';

const onQuote = { kind: 'quote' } as const;
const quote = (status: 'sent' | 'accepted' | 'superseded', amountTokens = 12) => ({
  amountTokens,
  amountEur: amountTokens * 10,
  status,
});

describe('RequestCost', () => {
  it('says « Sur devis : … vous serez contacté » while no quote is sent', () => {
    render(<RequestCost billing={onQuote} none="—" quote={null} />);
    expect(screen.getByText(/vous serez contacté/)).toBeTruthy();
  });

  it('shows the quote sent instead of « vous serez contacté »', () => {
    render(<RequestCost billing={onQuote} none="—" quote={quote('sent')} />);
    expect(screen.getByText(/devis de 12 jetons .* envoyé/)).toBeTruthy();
    expect(screen.queryByText(/vous serez contacté/)).toBeNull();
  });

  it('shows the quote accepted', () => {
    render(<RequestCost billing={onQuote} none="—" quote={quote('accepted', 1500)} />);
    expect(screen.getByText(/devis de 1\s500 jetons .* accepté/)).toBeTruthy();
  });

  it('takes the accepted quote, else the one sent, never a superseded one', () => {
    expect(costQuoteOf([quote('superseded', 5)])).toBeNull();
    expect(costQuoteOf([quote('sent', 7), quote('superseded', 5)])?.amountTokens).toBe(7);
    expect(costQuoteOf([quote('superseded', 5), quote('accepted', 9)])?.amountTokens).toBe(9);
  });
});

describe('RequestDescription', () => {
  it('says the request has no comment in words distinct from the discussion’s', () => {
    render(
      <RequestDescription
        detail={{ form: null, values: {}, comment: null }}
        ArticleValues={() => null}
      />,
    );
    expect(screen.getByText('Aucun commentaire saisi avec la demande.')).toBeTruthy();
  });
});

describe('RequestHistory (decision 0035)', () => {
  const answered: RequestEventView = {
    at: '2026-11-20T10:00:00.000Z',
    kind: 'status_changed',
    actorName: 'Camille Martin (ACME)',
    fromStatus: 'awaiting_customer',
    toStatus: 'in_review',
    action: 'answer_question',
    note: 'Le projet acme-prod.',
    changes: [
      {
        path: 'values.details',
        label: { fr: 'Détail de la demande', en: 'Request details' },
        before: { fr: 'Tous les projets', en: 'Tous les projets' },
        after: null,
      },
    ],
  };

  it.each(['customer', 'operator'] as const)(
    'shows the %s what an answer changed: field, before, after',
    (audience) => {
      render(<RequestHistory events={[answered]} audience={audience} />);
      expect(screen.getByText('Réponse du client')).toBeTruthy();
      const row = screen.getByRole('row', { name: /Détail de la demande/ });
      expect(row.textContent).toContain('Tous les projets');
      expect(row.textContent).toContain('—');
    },
  );

  it.each([
    ['customer', "En attente de votre réponse → En cours d'analyse"],
    ['operator', "En attente du client → En cours d'analyse"],
  ] as const)('names the wait as the %s reads it', (audience, move) => {
    render(<RequestHistory events={[answered]} audience={audience} />);
    expect(screen.getByText(move)).toBeTruthy();
  });

  it('names a reminder', () => {
    render(
      <RequestHistory
        events={[
          {
            at: answered.at,
            kind: 'question_reminded',
            actorName: null,
            action: null,
            fromStatus: null,
            toStatus: null,
            note: null,
          },
        ]}
        audience="customer"
      />,
    );
    expect(screen.getByText('Relance envoyée au client')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
