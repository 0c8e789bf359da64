import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ListControls } from './list-controls.tsx';
import { SearchBox } from './search-box.tsx';
import { UrlTabs } from './url-tabs.tsx';

function Search() {
  return <p data-testid="search">{useLocation().search}</p>;
}

describe('SearchBox', () => {
  it('takes its label and placeholder from its dictionary branch', () => {
    render(<SearchBox id="requests-search" texts="requests" value="" onSearch={vi.fn()} />);
    const box = screen.getByLabelText('Rechercher');
    expect(box.getAttribute('placeholder')).toBe('N°, votre référence, contrat, article');
  });

  it('searches at once on Enter, with the text trimmed', async () => {
    const user = userEvent.setup();
    const onSearch = vi.fn();
    render(<SearchBox id="s" label="Chercher" value="" onSearch={onSearch} />);
    await user.type(screen.getByLabelText('Chercher'), '  DEM-12 {Enter}');
    expect(onSearch).toHaveBeenCalledWith('DEM-12');
  });
});

describe('SearchBox: a form with a submit button (pa11y H32.2)', () => {
  it('has a submit button that searches at once', async () => {
    const user = userEvent.setup();
    const onSearch = vi.fn();
    render(<SearchBox id="s" texts="requests" value="" onSearch={onSearch} />);
    const submit = screen.getByRole('button', { name: 'Rechercher' });
    expect(submit.getAttribute('type')).toBe('submit');
    expect(submit.closest('form')).toBe(screen.getByRole('search'));
    await user.type(screen.getByLabelText('Rechercher'), 'DEM-7');
    await user.click(submit);
    expect(onSearch).toHaveBeenCalledWith('DEM-7');
  });
});

describe('UrlTabs', () => {
  it('links each tab to the URL with its value, keeping the other criteria and dropping the cleared', async () => {
    const user = userEvent.setup();
    render(
      <MemoryRouter initialEntries={['/?q=disque&attribuee=op-1']}>
        <Routes>
          <Route
            path="/"
            element={
              <>
                <UrlTabs
                  label="Vues"
                  param="vue"
                  current={null}
                  clears={['attribuee']}
                  tabs={[
                    { value: null, label: 'Toutes' },
                    { value: 'mine', label: 'Mes demandes' },
                  ]}
                />
                <Search />
              </>
            }
          />
        </Routes>
      </MemoryRouter>,
    );
    const nav = screen.getByRole('navigation', { name: 'Vues' });
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('Toutes');
    await user.click(screen.getByRole('link', { name: 'Mes demandes' }));
    expect(screen.getByTestId('search').textContent).toBe('?q=disque&vue=mine');
  });
});

describe('ListControls: « Filtres » on phones', () => {
  it('is a disclosure of the filters, saying how many criteria are set', async () => {
    const user = userEvent.setup();
    render(
      <ListControls activeCount={2}>
        <label>
          Contrat <select />
        </label>
      </ListControls>,
    );
    const button = screen.getByRole('button', { name: 'Filtres (2 critères)' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    const panel = document.getElementById(button.getAttribute('aria-controls') ?? '');
    expect(panel?.contains(screen.getByLabelText('Contrat'))).toBe(true);
    expect(panel?.className).toBe('list-controls__panel');
    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(panel?.className).toContain('list-controls__panel--open');
  });

  it('reads « Filtres » alone when no criterion is set, and one in the singular', () => {
    const { rerender } = render(<ListControls activeCount={0}>{null}</ListControls>);
    expect(screen.getByRole('button', { name: 'Filtres' })).toBeTruthy();
    rerender(<ListControls activeCount={1}>{null}</ListControls>);
    expect(screen.getByRole('button', { name: 'Filtres (1 critère)' })).toBeTruthy();
  });
});
