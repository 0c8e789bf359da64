import { useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssetPage, AssetView } from '@guichet/contracts';
import { AssetPicker } from './asset-picker.tsx';

const contractId = 'OCB0005121';

function item(reference: string, label: string, site: string | null = null): AssetView {
  return {
    id: `00000000-0000-4000-8000-${reference.replace(/\D/g, '').padStart(12, '0')}`,
    contractId,
    reference,
    label,
    type: 'fe_tenant',
    site,
    solution: null,
    attributes: {},
    retiredAt: null,
  };
}

const inventory = [
  item('FE-OCB0005121-1', 'acme-prod', 'Paris - Val de Reuil'),
  item('FE-OCB0005121-2', 'acme-preprod'),
  item('FE-OCB0005121-3', 'acme-recette'),
];

/**
 * The API's item search, answered at the network boundary (the only part not ours): filters
 * the inventory by the text, as the server's search does, and remembers what was asked.
 */
let searches: URLSearchParams[] = [];
beforeEach(() => {
  searches = [];
  vi.stubGlobal('fetch', (input: string | Request) => {
    const url = new URL(typeof input === 'string' ? input : input.url, 'http://guichet.test');
    expect(url.pathname).toBe(`/api/contracts/${contractId}/assets`);
    searches.push(url.searchParams);
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    const items = inventory.filter(
      (candidate) =>
        candidate.reference.toLowerCase().includes(q) || candidate.label.toLowerCase().includes(q),
    );
    const body: AssetPage = { items, nextCursor: null, total: items.length };
    return Promise.resolve(
      new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
  });
});
afterEach(() => vi.unstubAllGlobals());

function renderPicker({
  initial = null,
  restriction = null,
}: {
  initial?: AssetView | null;
  restriction?: { catalogId: string; name: string } | null;
} = {}) {
  const chosen: AssetView[] = [];
  const events = { resets: 0 };
  function Harness() {
    const [asset, setAsset] = useState<AssetView | null>(initial);
    return (
      <>
        <AssetPicker
          contractId={contractId}
          asset={asset}
          restriction={restriction}
          error={null}
          onChoose={(next) => {
            chosen.push(next);
            setAsset(next);
          }}
          onResetSearch={() => {
            events.resets += 1;
          }}
          onTouch={() => undefined}
        />
        <label>
          Catalogue de changements
          <select />
        </label>
      </>
    );
  }
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <Harness />
    </QueryClientProvider>,
  );
  return { chosen, events };
}

const searchBox = () =>
  screen.getByRole('combobox', {
    name: "Référence de l'élément de parc concerné par ce changement",
  });

describe('AssetPicker', () => {
  it('searches the contract’s items as the user types, and says how many it found', async () => {
    const user = userEvent.setup();
    renderPicker();
    await user.type(searchBox(), 'prod');

    const list = await screen.findByRole('listbox', { name: 'Éléments de parc trouvés' });
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('option')
          .map((option) => option.textContent),
      ).toEqual(['FE-OCB0005121-1acme-prodParis - Val de Reuil', 'FE-OCB0005121-2acme-preprod']),
    );
    expect(searchBox().getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe(
      '2 éléments trouvés. Flèches haut et bas pour parcourir, Entrée pour choisir.',
    );
    expect(searches.at(-1)?.get('q')).toBe('prod');
  });

  it('walks the options with the arrow keys and chooses with Enter', async () => {
    const user = userEvent.setup();
    const { chosen } = renderPicker();
    await user.type(searchBox(), 'acme');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));

    await user.keyboard('{ArrowDown}{ArrowDown}');
    const second = screen.getByRole('option', { name: /FE-OCB0005121-2/ });
    expect(second.getAttribute('aria-selected')).toBe('true');
    expect(searchBox().getAttribute('aria-activedescendant')).toBe(second.id);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(
      screen.getByRole('option', { name: /FE-OCB0005121-3/ }).getAttribute('aria-selected'),
    ).toBe('true');

    await user.keyboard('{Enter}');
    expect(chosen.map((asset) => asset.reference)).toEqual(['FE-OCB0005121-3']);
    const picked = screen.getByRole('group', {
      name: "Référence de l'élément de parc concerné par ce changement",
    });
    expect(within(picked).getByText('acme-recette')).toBeTruthy();
    expect(within(picked).getByText('FE-OCB0005121-3')).toBeTruthy();
  });

  it('keeps the focus on the picker after choosing with Enter (issue 19), not on the page body', async () => {
    const user = userEvent.setup();
    renderPicker();
    await user.type(searchBox(), 'recette');
    await screen.findByRole('option', { name: /FE-OCB0005121-3/ });
    await user.keyboard('{ArrowDown}{Enter}');

    const change = screen.getByRole('button', { name: "Changer d'élément" });
    expect(document.activeElement).toBe(change);
    // The keyboard goes on from there, to the next field.
    await user.tab();
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Réinitialiser la recherche' }),
    );
  });

  it('chooses with a click too, and keeps the focus on the picker', async () => {
    const user = userEvent.setup();
    const { chosen } = renderPicker();
    await user.type(searchBox(), 'preprod');
    await user.click(await screen.findByRole('option', { name: /FE-OCB0005121-2/ }));
    expect(chosen.map((asset) => asset.label)).toEqual(['acme-preprod']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: "Changer d'élément" }));
  });

  it('closes the list with Escape without choosing', async () => {
    const user = userEvent.setup();
    const { chosen } = renderPicker();
    await user.type(searchBox(), 'acme');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    await user.keyboard('{ArrowDown}{Escape}');

    expect(searchBox().getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.keyboard('{Enter}');
    expect(chosen).toEqual([]);
  });

  it('says so when nothing matches', async () => {
    const user = userEvent.setup();
    renderPicker();
    await user.type(searchBox(), 'globex');
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Aucun élément ne correspond.'),
    );
    expect(screen.queryByRole('option')).toBeNull();
  });

  it('changes a chosen item, or keeps it', async () => {
    const user = userEvent.setup();
    const { chosen } = renderPicker({ initial: inventory[0] ?? null });
    await user.click(screen.getByRole('button', { name: "Changer d'élément" }));
    expect(document.activeElement).toBe(searchBox());

    await user.click(screen.getByRole('button', { name: "Garder l'élément actuel" }));
    expect(screen.queryByRole('combobox', { name: /Référence de l'élément/ })).toBeNull();
    expect(screen.getByText('acme-prod')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: "Changer d'élément" }));
    await user.type(searchBox(), 'recette');
    await user.click(await screen.findByRole('option', { name: /FE-OCB0005121-3/ }));
    expect(chosen.map((asset) => asset.reference)).toEqual(['FE-OCB0005121-3']);
  });

  it('limits the search to the chosen catalog until the user resets it', async () => {
    const user = userEvent.setup();
    const catalogId = '00000000-0000-4000-8000-00000000c001';
    const { events } = renderPicker({
      restriction: { catalogId, name: 'Catalogue de Changement Standard' },
    });
    expect(
      screen.getByText('Recherche limitée au catalogue « Catalogue de Changement Standard ».'),
    ).toBeTruthy();
    await user.type(searchBox(), 'acme');
    await waitFor(() => expect(searches.at(-1)?.get('q')).toBe('acme'));
    expect(searches.at(-1)?.get('catalogId')).toBe(catalogId);

    await user.click(screen.getByRole('button', { name: 'Réinitialiser la recherche' }));
    expect(events.resets).toBe(1);
    expect(searchBox()).toHaveProperty('value', '');
    expect(document.activeElement).toBe(searchBox());
  });
});
