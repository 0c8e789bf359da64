import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogAdminView } from '@guichet/contracts';
import { Categories } from './catalog-categories.tsx';

const catalog: CatalogAdminView = {
  id: '00000000-0000-4000-8000-0000000ca7a1',
  code: 'standard',
  name: { fr: 'Catalogue de Changement Standard', en: 'Standard change catalog' },
  help: null,
  assetTypes: ['fe_tenant'],
  offers: ['Flexible Engine'],
  contractIds: [],
  position: 0,
  categories: [
    {
      id: '00000000-0000-4000-8000-00000000ca01',
      code: 'quotas',
      name: { fr: 'Quotas', en: 'Quotas' },
      help: null,
      position: 0,
    },
  ],
  articles: [],
};

interface Sent {
  method: string;
  path: string;
  body: unknown;
}

/**
 * The API behind `fetch` (the only part not ours): answers each write with `answer`, and
 * remembers what the page sent.
 */
let sent: Sent[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: catalog };
beforeEach(() => {
  sent = [];
  answer = { status: 200, body: catalog };
  // the API client sends a Request (openapi-fetch); older callers sent (path, init)
  vi.stubGlobal('fetch', async (input: string | Request, init?: RequestInit) => {
    const request =
      typeof input === 'string' ? new Request(new URL(input, 'http://guichet.test'), init) : input;
    const text = await request.text();
    sent.push({
      method: request.method,
      path: new URL(request.url).pathname,
      body: text === '' ? null : (JSON.parse(text) as unknown),
    });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
});
afterEach(() => vi.unstubAllGlobals());

function renderCategories() {
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <Categories catalog={catalog} />
    </QueryClientProvider>,
  );
}

const nameGroup = () => screen.getByRole('group', { name: 'Nom de la catégorie' });

describe('Categories', () => {
  it('adds a category, its code made from the French name', async () => {
    const user = userEvent.setup();
    renderCategories();
    await user.click(screen.getByRole('button', { name: 'Ajouter une catégorie' }));
    await user.type(within(nameGroup()).getByLabelText('Français'), 'Réseau et sécurité');
    await user.type(within(nameGroup()).getByLabelText('Anglais'), 'Network and security');
    expect(
      screen.getByRole<HTMLInputElement>('textbox', { name: 'Code de la catégorie' }).value,
    ).toBe('reseau-et-securite');

    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() =>
      expect(screen.queryByRole('textbox', { name: 'Code de la catégorie' })).toBeNull(),
    );
    expect(sent).toEqual([
      {
        method: 'POST',
        path: `/api/back-office/catalogs/${catalog.id}/categories`,
        body: {
          code: 'reseau-et-securite',
          name: { fr: 'Réseau et sécurité', en: 'Network and security' },
          help: null,
          position: 0,
        },
      },
    ]);
  });

  it('shows what the API refused beside its field, and keeps the form open', async () => {
    const user = userEvent.setup();
    answer = {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'Ce code est déjà pris dans ce catalogue.',
          details: [{ path: 'code', message: 'Ce code est déjà pris.' }],
        },
      },
    };
    renderCategories();
    await user.click(screen.getByRole('button', { name: 'Ajouter une catégorie' }));
    await user.type(within(nameGroup()).getByLabelText('Français'), 'Quotas');
    await user.type(within(nameGroup()).getByLabelText('Anglais'), 'Quotas');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    const code = await screen.findByRole('textbox', {
      name: 'Code de la catégorie',
      description: /Ce code est déjà pris\./,
    });
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Ce code est déjà pris dans ce catalogue.')).toBeTruthy();
  });

  it('renames a category without touching its code, or cancels', async () => {
    const user = userEvent.setup();
    renderCategories();
    await user.click(screen.getByRole('button', { name: 'Modifier « Quotas »' }));
    expect(screen.queryByRole('textbox', { name: 'Code de la catégorie' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(screen.queryByRole('group', { name: 'Nom de la catégorie' })).toBeNull();
    expect(sent).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Modifier « Quotas »' }));
    const english = within(nameGroup()).getByLabelText('Anglais');
    await user.clear(english);
    await user.type(english, 'Quotas and limits');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PUT',
      path: `/api/back-office/categories/${catalog.categories[0]?.id}`,
      body: { name: { fr: 'Quotas', en: 'Quotas and limits' }, help: null, position: 0 },
    });
  });
});
