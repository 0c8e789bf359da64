import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubstitutionView } from '@guichet/contracts';
import { SubstitutesCard } from './substitutes-card.tsx';
import { jsonResponse, renderWithQueries } from '../../test/render-with-queries.tsx';

const contractId = 'OCB0005121';
const camille = { id: '00000000-0000-4000-8000-0000000000a1', name: 'Camille Martin' };
const sacha = { id: '00000000-0000-4000-8000-0000000000a2', name: 'Sacha Bernard' };

const substitution = (id: string, startsAt: string, endsAt: string): SubstitutionView => ({
  id,
  contractId,
  approver: camille,
  substitute: sacha,
  startsAt,
  endsAt,
});

/** The API behind `fetch` (the only part not ours): the substitutions and what was sent. */
let items: SubstitutionView[] = [];
let sent: { method: string; path: string; body: unknown }[] = [];
beforeEach(() => {
  sent = [];
  items = [
    substitution(
      '00000000-0000-4000-8000-00000000b001',
      '2020-01-01T00:00:00Z',
      '2020-01-08T00:00:00Z',
    ),
    substitution(
      '00000000-0000-4000-8000-00000000b002',
      '2099-03-01T00:00:00Z',
      '2099-03-08T00:00:00Z',
    ),
  ];
  vi.stubGlobal('fetch', async (input: Request) => {
    const path = new URL(input.url).pathname;
    const body: unknown =
      input.method === 'GET'
        ? null
        : await input.text().then((text) => (text ? (JSON.parse(text) as unknown) : null));
    sent.push({ method: input.method, path, body });
    let status = 200;
    let answer: unknown = null;
    if (path === `/api/contracts/${contractId}/approval-rules`)
      answer = {
        contractId,
        rules: [],
        referent: camille,
        candidates: [camille, sacha],
        canEdit: true,
      };
    else if (path === '/api/approval-substitutes' && input.method === 'GET') answer = { items };
    else if (path === '/api/approval-substitutes' && input.method === 'POST') {
      const posted = body as { startsAt: string; endsAt: string };
      const created = substitution(
        '00000000-0000-4000-8000-00000000b003',
        posted.startsAt,
        posted.endsAt,
      );
      items = [...items, created];
      status = 201;
      answer = created;
    } else if (path.startsWith('/api/approval-substitutes/') && input.method === 'DELETE') {
      items = items.filter((item) => !path.endsWith(item.id));
      return new Response(null, { status: 204 });
    } else status = 404;
    return jsonResponse(answer, status);
  });
});
afterEach(() => vi.unstubAllGlobals());

function renderCard() {
  renderWithQueries(<SubstitutesCard userId={camille.id} contractIds={[contractId]} />);
}

const posts = () => sent.filter((request) => request.method === 'POST');

describe('SubstitutesCard', () => {
  it('asks for the substitute and the dates on their fields before sending anything', async () => {
    const user = userEvent.setup();
    renderCard();
    await user.click(await screen.findByRole('button', { name: 'Nommer le suppléant' }));
    expect(screen.getAllByText('Renseignez ce champ.')).toHaveLength(3);
    expect(screen.getByLabelText(/^Suppléant/).getAttribute('aria-invalid')).toBe('true');
    expect(posts()).toEqual([]);
  });

  it('names a substitute for whole days, lists only current and future ones, removes one', async () => {
    const user = userEvent.setup();
    renderCard();
    const table = await screen.findByRole('table', { name: 'Suppléances en cours et à venir' });
    // The past one is not listed, the future one is.
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByText(/Sacha Bernard/)).toBeTruthy();
    expect(screen.queryByRole('option', { name: 'Camille Martin' })).toBeNull();

    await user.selectOptions(screen.getByLabelText(/^Suppléant/), 'Sacha Bernard');
    await user.type(screen.getByLabelText(/^Du/), '2099-12-24');
    await user.type(screen.getByLabelText(/^Au/), '2099-12-31');
    await user.click(screen.getByRole('button', { name: 'Nommer le suppléant' }));
    expect(await screen.findByText('Suppléant nommé.')).toBeTruthy();
    expect(posts().map((request) => request.body)).toEqual([
      {
        contractId,
        substituteId: sacha.id,
        startsAt: new Date(2099, 11, 24).toISOString(),
        endsAt: new Date(2100, 0, 1).toISOString(),
      },
    ]);
    expect(await within(table).findAllByRole('row')).toHaveLength(3);

    const buttons = within(table).getAllByRole('button', {
      name: 'Supprimer la suppléance de Sacha Bernard',
    });
    await user.click(buttons[0]!);
    expect(await screen.findByText('Suppléance supprimée.')).toBeTruthy();
    expect(sent.filter((request) => request.method === 'DELETE').map((r) => r.path)).toEqual([
      '/api/approval-substitutes/00000000-0000-4000-8000-00000000b002',
    ]);
  });
});
