import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Grant } from '@guichet/domain';
import type { ServiceAccountView, SessionView } from '@guichet/contracts';
import { sessionQueryKey } from '../../lib/session.ts';
import { jsonResponse } from '../../test/render-with-queries.tsx';
import { ServiceAccountsPage } from './service-accounts-page.tsx';
import type { ServiceAccountScope } from './service-accounts-api.ts';

const accountId = '00000000-0000-4000-8000-000000005a01';

/** A Gestionnaire of Utilisateurs on two contracts, of Demandes on the first only. */
const session: SessionView = {
  user: {
    id: '00000000-0000-4000-8000-0000000000a1',
    email: 'gestionnaire@acme.example',
    displayName: 'Camille Martin',
    locale: 'fr',
    kind: 'customer',
    operatorRole: null,
  },
  perimeters: [{ customerId: '00000000-0000-4000-8000-00000000ac01', name: 'ACME' }],
  perimeter: { customerId: '00000000-0000-4000-8000-00000000ac01', name: 'ACME' },
  grants: [
    { contractId: 'OCB0005121', section: 'users', profile: 'manager' },
    { contractId: 'OCB0005122', section: 'users', profile: 'manager' },
    { contractId: 'OCB0005121', section: 'requests', profile: 'manager' },
    { contractId: 'OCB0005122', section: 'requests', profile: 'viewer' },
  ],
};

const operatorSession: SessionView = {
  ...session,
  user: { ...session.user, kind: 'operator', operatorRole: 'admin' },
  perimeters: [],
  perimeter: null,
  grants: [],
};

function accountOf(scope: ServiceAccountScope): ServiceAccountView {
  return {
    id: accountId,
    name: 'ERP',
    description: '',
    role: scope === 'provider' ? 'agent' : null,
    customer: scope === 'provider' ? null : session.perimeter,
    grants:
      scope === 'provider'
        ? []
        : [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
    createdAt: '2026-03-02T09:00:00.000Z',
    createdBy: { id: session.user.id, displayName: 'Camille Martin' },
    deactivatedAt: null,
    tokens: [],
  };
}

/** The API behind `fetch` (the only part not ours): the list, and the PUTs it was sent. */
let account: ServiceAccountView;
let puts: { path: string; body: unknown }[] = [];
let putAnswer: { status: number; body: unknown } | null = null;
beforeEach(() => {
  puts = [];
  putAnswer = null;
  vi.stubGlobal('fetch', async (input: Request) => {
    const path = new URL(input.url).pathname;
    if (input.method === 'GET' && /^\/api(\/back-office)?\/service-accounts$/.test(path)) {
      return jsonResponse({ items: [account] });
    }
    if (input.method === 'PUT' && path.endsWith(`/service-accounts/${accountId}/grants`)) {
      const body = (await input.json()) as { grants: Grant[] };
      puts.push({ path, body });
      if (putAnswer) return jsonResponse(putAnswer.body, putAnswer.status);
      account = { ...account, grants: body.grants };
      return jsonResponse(account);
    }
    if (input.method === 'PUT' && path.endsWith(`/service-accounts/${accountId}/role`)) {
      const body = (await input.json()) as { role: ServiceAccountView['role'] };
      puts.push({ path, body });
      account = { ...account, role: body.role };
      return jsonResponse(account);
    }
    return jsonResponse({ error: { code: 'not_found', message: 'Not found' } }, 404);
  });
});
afterEach(() => vi.unstubAllGlobals());

function renderPage(scope: ServiceAccountScope) {
  account = accountOf(scope);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  queryClient.setQueryData(sessionQueryKey, scope === 'provider' ? operatorSession : session);
  render(
    <QueryClientProvider client={queryClient}>
      <ServiceAccountsPage scope={scope} />
    </QueryClientProvider>,
  );
}

async function openEditor(user: ReturnType<typeof userEvent.setup>) {
  renderPage('customer');
  const card = await screen.findByRole('region', { name: 'ERP' });
  await user.click(within(card).getByRole('button', { name: 'Modifier les droits de « ERP »' }));
  return within(card).getByRole('form', { name: 'Modifier les droits de « ERP »' });
}

describe('ServiceAccountsPage, « Modifier les droits »', () => {
  it('opens the creation’s grid with the account’s grants, saves the whole list and shows it', async () => {
    const user = userEvent.setup();
    const editor = await openEditor(user);
    const current = within(editor).getByRole('combobox', {
      name: 'Profil sur Demandes — OCB0005121',
    });
    expect((current as HTMLSelectElement).value).toBe('viewer');
    // the editor's own ceiling holds: Gestionnaire on OCB0005122's Demandes is not offered
    const other = within(editor).getByRole('combobox', {
      name: 'Profil sur Demandes — OCB0005122',
    });
    expect(within(other).getByRole('option', { name: 'Gestionnaire' })).toHaveProperty(
      'disabled',
      true,
    );
    await user.selectOptions(current, 'Aucun');
    await user.selectOptions(other, 'Visiteur');
    await user.click(within(editor).getByRole('button', { name: 'Enregistrer' }));

    expect(await screen.findByText('Droits de « ERP » enregistrés.')).toBeTruthy();
    expect(puts).toEqual([
      {
        path: `/api/service-accounts/${accountId}/grants`,
        body: { grants: [{ contractId: 'OCB0005122', section: 'requests', profile: 'viewer' }] },
      },
    ]);
    const card = screen.getByRole('region', { name: 'ERP' });
    expect(within(card).queryByRole('form')).toBeNull();
    expect(await within(card).findByText(/OCB0005122 · Demandes :/)).toBeTruthy();
    expect(within(card).queryByText(/OCB0005121 · Demandes :/)).toBeNull();
  });

  it('refuses an empty list before sending it', async () => {
    const user = userEvent.setup();
    const editor = await openEditor(user);
    await user.selectOptions(
      within(editor).getByRole('combobox', { name: 'Profil sur Demandes — OCB0005121' }),
      'Aucun',
    );
    await user.click(within(editor).getByRole('button', { name: 'Enregistrer' }));
    expect(within(editor).getByText('Choisissez au moins un droit.')).toBeTruthy();
    expect(puts).toEqual([]);
  });

  it('shows the API’s refusal in the interface’s words, on the cell it names and for the form', async () => {
    const user = userEvent.setup();
    putAnswer = {
      status: 403,
      body: {
        error: {
          code: 'forbidden',
          message: 'A service account cannot exceed your own profile',
          details: [
            {
              path: 'grants.1.profile',
              rule: 'beyond_own_profile',
              message: 'Your profile there: none',
            },
          ],
        },
      },
    };
    const editor = await openEditor(user);
    await user.selectOptions(
      within(editor).getByRole('combobox', { name: 'Profil sur Utilisateurs — OCB0005122' }),
      'Visiteur',
    );
    await user.click(within(editor).getByRole('button', { name: 'Enregistrer' }));
    const cell = within(editor).getByRole('combobox', {
      name: 'Profil sur Utilisateurs — OCB0005122',
    });
    expect(await within(editor).findByText('Au-delà de votre propre profil')).toBeTruthy();
    expect(cell.getAttribute('aria-invalid')).toBe('true');
    expect(within(editor).getByText('Votre profil ne permet pas cette action.')).toBeTruthy();
    expect(screen.queryByText(/cannot exceed/)).toBeNull();

    // a right taken away names no cell: the form says it
    putAnswer = {
      status: 403,
      body: {
        error: {
          code: 'forbidden',
          message: 'You cannot take away from a service account more than your own profile',
          details: [{ path: 'grants', rule: 'taken_beyond_own_profile', message: 'manager' }],
        },
      },
    };
    await user.click(within(editor).getByRole('button', { name: 'Enregistrer' }));
    expect(
      await within(editor).findByText(
        'Vous ne pouvez pas retirer ni changer un droit supérieur à votre propre profil.',
      ),
    ).toBeTruthy();
    expect(account.grants).toEqual(accountOf('customer').grants);
  });
});

describe('ServiceAccountsPage, « Modifier le rôle »', () => {
  it('changes a provider’s account’s role with the creation’s field', async () => {
    const user = userEvent.setup();
    renderPage('provider');
    const card = await screen.findByRole('region', { name: 'ERP' });
    expect(within(card).getByText('Agent')).toBeTruthy();
    await user.click(within(card).getByRole('button', { name: 'Modifier le rôle de « ERP »' }));
    const editor = within(card).getByRole('form', { name: 'Modifier le rôle de « ERP »' });
    await user.selectOptions(within(editor).getByRole('combobox', { name: /Rôle/ }), 'admin');
    await user.click(within(editor).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Rôle de « ERP » enregistré.')).toBeTruthy();
    expect(puts).toEqual([
      { path: `/api/back-office/service-accounts/${accountId}/role`, body: { role: 'admin' } },
    ]);
    expect(await within(card).findByText('Administration')).toBeTruthy();
  });
});
