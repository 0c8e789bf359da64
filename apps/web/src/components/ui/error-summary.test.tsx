import { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fieldId } from '../../lib/field-errors.ts';
import { ErrorSummary } from './error-summary.tsx';
import type { SummaryItem } from './error-summary.tsx';

const items: SummaryItem[] = [
  { path: 'assetId', message: "Choisissez l'élément de parc concerné.", label: 'Élément de parc' },
  { path: 'values.lines.0.requested', message: 'Au moins 1.', label: 'Ligne 1 › Valeur demandée' },
  { path: 'version', message: 'La demande a changé entre-temps.', hasField: false },
];

/** A form with its summary on top, as the change form lays them out. */
function FormWithSummary({ shown }: { shown: readonly SummaryItem[] }) {
  const [attempts, setAttempts] = useState(0);
  return (
    <>
      <ErrorSummary
        title="La demande ne peut pas être confirmée :"
        items={shown}
        focusKey={attempts}
      />
      <label htmlFor={fieldId('assetId')}>Élément de parc</label>
      <input id={fieldId('assetId')} />
      <label htmlFor={fieldId('values.lines.0.requested')}>Valeur demandée</label>
      <input id={fieldId('values.lines.0.requested')} />
      <button type="button" onClick={() => setAttempts((count) => count + 1)}>
        Confirmer la demande
      </button>
    </>
  );
}

describe('ErrorSummary', () => {
  it('shows nothing while there is no error', () => {
    render(<FormWithSummary shown={[]} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('lists every error under its title, with the field it is about', () => {
    render(<FormWithSummary shown={items} />);
    const summary = screen.getByRole('alert', { name: 'La demande ne peut pas être confirmée :' });
    const entries = within(summary)
      .getAllByRole('listitem')
      .map((entry) => entry.textContent);
    expect(entries).toEqual([
      "Élément de parc : Choisissez l'élément de parc concerné.",
      'Ligne 1 › Valeur demandée : Au moins 1.',
      'La demande a changé entre-temps.',
    ]);
  });

  it('lists the errors in the order of the form, whatever order they were found in', () => {
    const found: SummaryItem[] = [
      { path: 'values.lines.0.requested', message: 'Au moins 1.', label: 'Ligne 1' },
      { path: 'values.lines.2.requested', message: 'Au moins 1.', label: 'Ligne 3' },
      { path: 'values.reason', message: 'Obligatoire.', label: 'Justification' },
      { path: 'version', message: 'La demande a changé entre-temps.', hasField: false },
      { path: 'values.lines.1.requested', message: 'Au moins 1.', label: 'Ligne 2' },
      { path: 'login', message: 'Obligatoire.', label: 'Identifiant' },
    ];
    const fields = ['login', 'values.lines.0.requested', 'values.lines.1.requested'].concat([
      'values.lines.2.requested',
      'values.reason',
    ]);
    const Form = ({ shown }: { shown: SummaryItem[] }) => (
      <>
        <ErrorSummary title="Erreurs" focusKey={0} items={shown} />
        {fields.map((path) => (
          <input key={path} id={fieldId(path)} aria-label={path} />
        ))}
      </>
    );
    // As in a form: the fields are there, then a submit finds the errors.
    const { rerender } = render(<Form shown={[]} />);
    rerender(<Form shown={found} />);
    const entries = within(screen.getByRole('alert'))
      .getAllByRole('listitem')
      .map((entry) => entry.textContent);
    expect(entries).toEqual([
      'Identifiant : Obligatoire.',
      'Ligne 1 : Au moins 1.',
      'Ligne 2 : Au moins 1.',
      'Ligne 3 : Au moins 1.',
      'Justification : Obligatoire.',
      'La demande a changé entre-temps.',
    ]);
  });

  it('links to each field, and following a link puts the focus in the field', async () => {
    const user = userEvent.setup();
    render(<FormWithSummary shown={items} />);
    await user.click(screen.getByRole('link', { name: 'Ligne 1 › Valeur demandée : Au moins 1.' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Valeur demandée'));

    await user.click(screen.getByRole('link', { name: /Élément de parc/ }));
    expect(document.activeElement).toBe(screen.getByLabelText('Élément de parc'));
    // The page's address stays as it was (no bare #anchor jump).
    expect(window.location.hash).toBe('');
  });

  it('gives no link to an error that no field of the page carries', () => {
    render(<FormWithSummary shown={items} />);
    const summary = screen.getByRole('alert');
    expect(within(summary).getAllByRole('link')).toHaveLength(2);
    expect(within(summary).queryByRole('link', { name: /La demande a changé/ })).toBeNull();
    expect(within(summary).getByText('La demande a changé entre-temps.')).toBeTruthy();
  });

  it('takes the focus on each attempt to submit, so it is read first', async () => {
    const user = userEvent.setup();
    render(<FormWithSummary shown={items} />);
    expect(document.activeElement).not.toBe(screen.getByRole('alert'));

    await user.click(screen.getByRole('button', { name: 'Confirmer la demande' }));
    expect(document.activeElement).toBe(screen.getByRole('alert'));

    await user.click(screen.getByRole('link', { name: /Élément de parc/ }));
    await user.click(screen.getByRole('button', { name: 'Confirmer la demande' }));
    expect(document.activeElement).toBe(screen.getByRole('alert'));
  });
});
