import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderWithQueries } from '../../test/render-with-queries.tsx';
import { ImportPage } from './import-page.tsx';

describe('ImportPage: the catalogs file', () => {
  it('is chosen through « Choisir un fichier » in French, and its content fills the YAML text', async () => {
    const user = userEvent.setup();
    renderWithQueries(
      <MemoryRouter>
        <ImportPage />
      </MemoryRouter>,
    );
    // our button in the interface's language, not the browser's bare « Choose File »
    expect(screen.getByText('Choisir un fichier')).toBeTruthy();
    expect(screen.getByText('Aucun fichier choisi')).toBeTruthy();
    const input = screen.getByLabelText('Fichier YAML');
    expect(input.getAttribute('type')).toBe('file');

    const content = 'catalogs:\n  - code: UCB\n';
    await user.upload(input, new File([content], 'catalogues.yaml', { type: 'application/yaml' }));
    expect(screen.getByText('catalogues.yaml')).toBeTruthy();
    await screen.findByDisplayValue(/code: UCB/);
    expect(screen.getByLabelText<HTMLTextAreaElement>('Contenu YAML').value).toBe(content);
  });
});
