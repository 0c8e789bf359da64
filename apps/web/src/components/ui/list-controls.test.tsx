import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
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
