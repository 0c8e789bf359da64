import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, Link, RouterProvider, useNavigate } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useUnsavedChangesGuard } from './unsaved-changes-guard.tsx';

/** A page with one answer: dirty once it differs from the empty start. */
function EditPage() {
  const [name, setName] = useState('');
  const navigate = useNavigate();
  const guard = useUnsavedChangesGuard(name !== '');
  return (
    <main>
      <h1>Édition</h1>
      <Link to="/ailleurs">Ailleurs</Link>
      <Link to="#bas">Bas de page</Link>
      <label>
        Nom
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <button
        type="button"
        onClick={() => {
          guard.allowNavigation();
          void navigate('/ailleurs');
        }}
      >
        Enregistrer
      </button>
      {guard.dialog}
    </main>
  );
}

function renderPage() {
  const router = createMemoryRouter(
    [
      { path: '/edition', element: <EditPage /> },
      { path: '/ailleurs', element: <h1>Ailleurs</h1> },
    ],
    { initialEntries: ['/edition'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

function beforeUnloadIsStopped(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('useUnsavedChangesGuard', () => {
  it('lets a page without changes go without a word', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getByRole('link', { name: 'Ailleurs' }));
    expect(await screen.findByRole('heading', { name: 'Ailleurs' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks before a link leaves changes behind; « Rester » keeps them', async () => {
    const user = userEvent.setup();
    const router = renderPage();
    await user.type(screen.getByLabelText('Nom'), 'Alice');
    await user.click(screen.getByRole('link', { name: 'Ailleurs' }));

    const dialog = await screen.findByRole('dialog', { name: 'Quitter sans enregistrer ?' });
    expect(dialog.textContent).toContain("Vos modifications n'ont pas été enregistrées");
    await user.click(screen.getByRole('button', { name: 'Rester sur la page' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(router.state.location.pathname).toBe('/edition');
    expect(screen.getByLabelText<HTMLInputElement>('Nom').value).toBe('Alice');
  });

  it('leaves when the user confirms', async () => {
    const user = userEvent.setup();
    const router = renderPage();
    await user.type(screen.getByLabelText('Nom'), 'Alice');
    await user.click(screen.getByRole('link', { name: 'Ailleurs' }));
    await user.click(await screen.findByRole('button', { name: 'Quitter sans enregistrer' }));

    expect(await screen.findByRole('heading', { name: 'Ailleurs' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/ailleurs');
  });

  it('asks on the back button too', async () => {
    const user = userEvent.setup();
    const router = createMemoryRouter(
      [
        { path: '/liste', element: <h1>Liste</h1> },
        { path: '/edition', element: <EditPage /> },
      ],
      { initialEntries: ['/liste', '/edition'], initialIndex: 1 },
    );
    render(<RouterProvider router={router} />);
    await user.type(screen.getByLabelText('Nom'), 'Alice');
    await router.navigate(-1);

    expect(await screen.findByRole('dialog', { name: 'Quitter sans enregistrer ?' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/edition');
  });

  it('does not ask for a move within the page', async () => {
    const user = userEvent.setup();
    const router = renderPage();
    await user.type(screen.getByLabelText('Nom'), 'Alice');
    await user.click(screen.getByRole('link', { name: 'Bas de page' }));

    expect(router.state.location.hash).toBe('#bas');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('lets a navigation through once the changes are saved', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByLabelText('Nom'), 'Alice');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    expect(await screen.findByRole('heading', { name: 'Ailleurs' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('has the browser ask before a reload only while there are changes', async () => {
    const user = userEvent.setup();
    renderPage();
    expect(beforeUnloadIsStopped()).toBe(false);
    await user.type(screen.getByLabelText('Nom'), 'Alice');
    expect(beforeUnloadIsStopped()).toBe(true);
    await user.clear(screen.getByLabelText('Nom'));
    expect(beforeUnloadIsStopped()).toBe(false);
  });
});
