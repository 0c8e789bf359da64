import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticleAdminView, CatalogAudience } from '@guichet/contracts';
import { ArticleEditorPage } from './article-editor-page.tsx';

const articleId = '00000000-0000-4000-8000-00000000a271';
const catalogId = '00000000-0000-4000-8000-0000000ca7a1';

const definition: ArticleAdminView['definition'] = {
  name: { fr: 'Modifier mes quotas', en: 'Change my quotas' },
  help: null,
  billingMode: 'counted',
  priceTokens: 2,
  form: {
    fields: [
      {
        kind: 'text',
        key: 'motif',
        label: { fr: 'Motif', en: 'Reason' },
        required: true,
      },
    ],
  },
};

const threeContracts: CatalogAudience = {
  contractCount: 13,
  customerCount: 2,
  contracts: [
    { id: 'OCB0005121', customerName: 'ACME' },
    { id: 'OCB0005122', customerName: 'ACME' },
    { id: 'OCB0007001', customerName: 'Globex' },
  ],
};

function articleOf(overrides: Partial<ArticleAdminView>): ArticleAdminView {
  return {
    id: articleId,
    code: 'modifier-mes-quotas',
    catalogId,
    catalogCode: 'standard',
    categoryId: null,
    position: 0,
    revision: 3,
    hasDraft: true,
    definition,
    lint: [],
    publishedVersion: 1,
    versions: [
      {
        id: '00000000-0000-4000-8000-000000000001',
        version: 1,
        publishedAt: '2026-12-01T09:00:00.000Z',
        publishedBy: null,
      },
    ],
    draftUpdatedAt: '2026-12-07T10:00:00.000Z',
    draftUpdatedBy: 'Gestion des catalogues',
    audience: threeContracts,
    ...overrides,
  };
}

const published = articleOf({
  revision: 4,
  hasDraft: false,
  publishedVersion: 2,
  versions: [
    {
      id: '00000000-0000-4000-8000-000000000002',
      version: 2,
      publishedAt: '2026-12-07T11:00:00.000Z',
      publishedBy: 'Camille Martin',
    },
    ...articleOf({}).versions,
  ],
});

/** The API behind `fetch` (the only part not ours): the article as it is, and what was sent. */
let current: ArticleAdminView;
let sent: { method: string; path: string }[] = [];
beforeEach(() => {
  sent = [];
  current = articleOf({});
  vi.stubGlobal('fetch', (input: string | Request, init?: RequestInit) => {
    const request =
      typeof input === 'string' ? new Request(new URL(input, 'http://guichet.test'), init) : input;
    const path = new URL(request.url).pathname;
    sent.push({ method: request.method, path });
    let body: unknown = { error: { code: 'not_found', message: 'Not found' } };
    let status = 200;
    if (path === `/api/back-office/articles/${articleId}/publish`) {
      current = published;
      body = current;
    } else if (path === `/api/back-office/articles/${articleId}`) body = current;
    else if (path === `/api/back-office/articles/${articleId}/preview`)
      body = { definition, lint: [], asset: null, assets: [] };
    else status = 404;
    return Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
  });
});
afterEach(() => vi.unstubAllGlobals());

function renderEditor() {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(
    [
      {
        path: '/back-office/catalogues/articles/:id',
        element: <ArticleEditorPage ArticleFields={() => null} />,
      },
    ],
    { initialEntries: [`/back-office/catalogues/articles/${articleId}`] },
  );
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

const publications = () => sent.filter((request) => request.path.endsWith('/publish'));

describe('ArticleEditorPage: publishing', () => {
  it('asks first, naming the contracts and customers that get the version', async () => {
    const user = userEvent.setup();
    renderEditor();
    await user.click(await screen.findByRole('button', { name: 'Publier la version 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Publier la version 2 ?' });
    expect(publications()).toEqual([]);
    expect(dialog.textContent).toContain(
      'la version 2 est proposée aux clients de 13 contrats (2 clients)',
    );
    const listed = within(dialog)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(listed).toEqual([
      'OCB0005121 — ACME',
      'OCB0005122 — ACME',
      'OCB0007001 — Globex',
      'et 10 autres contrats',
    ]);

    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    expect(publications()).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Publier la version 2' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Publier la version 2',
      }),
    );
    expect(await screen.findByText('Version 2 publiée.')).toBeTruthy();
    expect(publications()).toEqual([
      { method: 'POST', path: `/api/back-office/articles/${articleId}/publish` },
    ]);
  });

  it('says when no contract gets the catalog', async () => {
    current = articleOf({ audience: { contractCount: 0, customerCount: 0, contracts: [] } });
    const user = userEvent.setup();
    renderEditor();
    await user.click(await screen.findByRole('button', { name: 'Publier la version 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Publier la version 2 ?' });
    expect(dialog.textContent).toContain('aucun client ne verra la version 2');
  });

  it('after publishing, says there is nothing to publish beside the disabled button', async () => {
    current = published;
    renderEditor();
    const button = await screen.findByRole('button', { name: 'Publier la version 3' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(screen.queryByText('Le formulaire peut être publié.')).toBeNull();
    expect(
      screen.getByText(
        'Rien à publier : les clients ont déjà la version 2. Modifiez l’article pour préparer la suivante.',
      ),
    ).toBeTruthy();
  });

  it('names who published each version, and the seeded one as initial data', async () => {
    current = published;
    renderEditor();
    const versions = await screen.findByRole('region', { name: 'Versions publiées' });
    const rows = within(versions)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(rows[0]).toMatch(/^Version 2.*par Camille Martin$/);
    expect(rows[1]).toMatch(/^Version 1.*· données initiales$/);
    expect(versions.textContent).not.toContain('—');
  });
});
