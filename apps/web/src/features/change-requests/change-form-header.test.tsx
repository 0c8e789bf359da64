import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ContractView } from '@guichet/contracts';
import { ChangeFormHeader } from './change-form-header.tsx';

const contract = { id: 'CT-0001', offer: 'Cloud Privé' } as ContractView;

describe('ChangeFormHeader', () => {
  it('says « Création d’un changement » for a new change', () => {
    render(<ChangeFormHeader contract={contract} isDraft={false} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe("Création d'un changement");
  });

  it('says a saved draft is being modified, not created', () => {
    render(<ChangeFormHeader contract={contract} isDraft />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      "Modification d'un brouillon de changement",
    );
    expect(screen.getByText('Brouillon')).toBeTruthy();
  });
});
