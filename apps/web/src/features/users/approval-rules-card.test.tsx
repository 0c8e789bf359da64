import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalRules } from '@guichet/contracts';
import { ApprovalRulesCard } from './approval-rules-card.tsx';
import { jsonResponse, renderWithQueries } from '../../test/render-with-queries.tsx';

const contractId = 'OCB0005121';
const referent = { id: '00000000-0000-4000-8000-0000000000a1', name: 'Camille Martin' };
const sacha = { id: '00000000-0000-4000-8000-0000000000a2', name: 'Sacha Bernard' };
const catalogId = '00000000-0000-4000-8000-0000000ca7a1';
const quotasId = '00000000-0000-4000-8000-00000000a271';
const backupId = '00000000-0000-4000-8000-00000000a272';

const article = (id: string, fr: string) => ({
  id,
  code: fr.toLowerCase(),
  name: { fr, en: fr },
  help: null,
  billingMode: 'counted',
  priceTokens: 2,
  versionId: id,
  version: 1,
  form: { fields: [] },
});

const rules: ApprovalRules = {
  contractId,
  rules: [
    {
      scope: 'billable',
      minTokens: null,
      catalogIds: [],
      articleIds: [],
      includeReferent: true,
      approverIds: [],
      mode: 'any',
    },
  ],
  referent,
  candidates: [referent, sacha],
  canEdit: true,
};

/** The API behind `fetch` (the only part not ours): the rules, the catalogs, and the PUTs sent. */
let puts: unknown[] = [];
let putAnswer: { status: number; body: unknown } | null = null;
beforeEach(() => {
  puts = [];
  putAnswer = null;
  vi.stubGlobal('fetch', async (input: Request) => {
    const path = new URL(input.url).pathname;
    let status = 200;
    let body: unknown = { error: { code: 'not_found', message: 'Not found' } };
    if (path === `/api/contracts/${contractId}/approval-rules` && input.method === 'PUT') {
      const sent = (await input.json()) as { rules: ApprovalRules['rules'] };
      puts.push(sent);
      ({ status, body } = putAnswer ?? { status: 200, body: { ...rules, rules: sent.rules } });
    } else if (path === `/api/contracts/${contractId}/approval-rules`) body = rules;
    else if (path === `/api/contracts/${contractId}/catalogs`)
      body = {
        items: [
          {
            id: catalogId,
            code: 'standard',
            name: { fr: 'Standard', en: 'Standard' },
            help: null,
            articles: [],
            categories: [
              {
                id: '00000000-0000-4000-8000-0000000ca7e1',
                code: 'stockage',
                name: { fr: 'Stockage', en: 'Storage' },
                help: null,
                articles: [
                  article(quotasId, 'Modifier mes quotas'),
                  article(backupId, 'Sauvegarde'),
                ],
              },
            ],
          },
        ],
      };
    else status = 404;
    return jsonResponse(body, status);
  });
});
afterEach(() => vi.unstubAllGlobals());

function renderCard() {
  renderWithQueries(<ApprovalRulesCard contractId={contractId} />);
}

/** Renders the card, adds a second rule and gives it the catalogs/articles scope. */
async function addArticlesRule(user: ReturnType<typeof userEvent.setup>) {
  renderCard();
  await user.click(await screen.findByRole('button', { name: 'Ajouter une règle' }));
  const second = screen.getByRole('group', { name: 'Règle 2' });
  await user.selectOptions(
    within(second).getByLabelText('Demandes à approuver'),
    'Certains catalogues ou articles',
  );
  return second;
}

describe('ApprovalRulesCard', () => {
  it('adds a rule on chosen articles, moves it first, and sends the whole ordered list', async () => {
    const user = userEvent.setup();
    const second = await addArticlesRule(user);
    await user.click(await within(second).findByLabelText('Modifier mes quotas'));
    await user.click(within(second).getByLabelText('Sacha Bernard'));
    await user.click(within(second).getByLabelText(/Le référent du contrat/));
    await user.selectOptions(
      within(second).getByLabelText('Accord nécessaire'),
      'De chaque approbateur',
    );
    await user.click(screen.getByRole('button', { name: 'Monter la règle 2' }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText("Règles d'approbation enregistrées.")).toBeTruthy();
    expect(puts).toEqual([
      {
        rules: [
          {
            scope: 'articles',
            minTokens: null,
            catalogIds: [],
            articleIds: [quotasId],
            includeReferent: false,
            approverIds: [sacha.id],
            mode: 'all',
          },
          rules.rules[0],
        ],
      },
    ]);
  });

  it('shows the API’s problems on the fields of the rule they name, and removes a rule', async () => {
    const user = userEvent.setup();
    putAnswer = {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'The approval rules are not valid',
          details: [
            {
              path: 'rules.1',
              rule: 'articles_required',
              message: 'Choose at least one catalog or article',
            },
          ],
        },
      },
    };
    const second = await addArticlesRule(user);
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const articles = within(second).getByRole('group', {
      name: 'Catalogues et articles concernés',
    });
    expect(
      await within(articles).findByText('Choisissez au moins un catalogue ou un article.'),
    ).toBeTruthy();
    expect(articles.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Certaines règles sont incomplètes/)).toBeTruthy();
    expect(
      within(screen.getByRole('group', { name: 'Règle 1' })).queryByText(/Choisissez/),
    ).toBeNull();

    putAnswer = null;
    await user.click(screen.getByRole('button', { name: 'Supprimer la règle 2' }));
    expect(screen.queryByRole('group', { name: 'Règle 2' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText("Règles d'approbation enregistrées.")).toBeTruthy();
    expect(puts).toHaveLength(2);
    expect((puts[1] as { rules: unknown[] }).rules).toEqual([rules.rules[0]]);
  });
});
