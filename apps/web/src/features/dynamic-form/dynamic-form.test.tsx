import { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FormDefinition, FormValues } from '@guichet/domain';
import { DynamicForm } from './dynamic-form.tsx';

const form: FormDefinition = {
  fields: [
    {
      key: 'motif',
      kind: 'choice',
      label: { fr: 'Motif', en: 'Reason' },
      required: true,
      options: [
        { value: 'quota', label: { fr: 'Quota', en: 'Quota' } },
        { value: 'autre', label: { fr: 'Autre', en: 'Other' } },
      ],
    },
    {
      key: 'detail',
      kind: 'text',
      multiline: true,
      label: { fr: 'Précisions', en: 'Details' },
      visibleWhen: { op: 'equals', field: 'motif', value: 'autre' },
      requiredWhen: { op: 'equals', field: 'motif', value: 'autre' },
    },
    {
      key: 'quantite',
      kind: 'integer',
      label: { fr: 'Quantité', en: 'Quantity' },
      min: 1,
      max: 10,
    },
    { key: 'montant', kind: 'decimal', label: { fr: 'Montant', en: 'Amount' } },
    { key: 'urgent', kind: 'boolean', label: { fr: 'Urgent', en: 'Urgent' } },
    {
      key: 'zones',
      kind: 'multichoice',
      label: { fr: 'Zones', en: 'Zones' },
      options: [
        { value: 'nord', label: { fr: 'Nord', en: 'North' } },
        { value: 'sud', label: { fr: 'Sud', en: 'South' } },
      ],
    },
    {
      key: 'lignes',
      kind: 'rows',
      label: { fr: 'Lignes', en: 'Lines' },
      fields: [{ key: 'nom', kind: 'text', label: { fr: 'Nom', en: 'Name' }, required: true }],
    },
  ],
};

/** The change form's part: holds the answers, and tells what the form sent out. */
function renderForm(errors: Record<string, string> = {}) {
  const out = {
    values: {} as FormValues,
    changedPaths: [] as string[],
    touched: [] as string[],
  };
  function Harness() {
    const [values, setValues] = useState<FormValues>({});
    return (
      <DynamicForm
        form={form}
        values={values}
        locale="fr"
        errorFor={(path) => errors[path] ?? null}
        onChange={(next, changedPath) => {
          out.values = next;
          out.changedPaths.push(changedPath);
          setValues(next);
        }}
        onTouch={(path) => out.touched.push(path)}
      />
    );
  }
  render(<Harness />);
  return out;
}

describe('DynamicForm', () => {
  it('renders each visible field of the definition by its label, hidden ones not at all', () => {
    renderForm();
    expect(screen.getByRole('combobox', { name: 'Motif' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Quantité' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Montant' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Urgent' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Zones' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Lignes' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Précisions' })).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Motif' }).getAttribute('aria-required')).toBe(
      'true',
    );
    // The number's bounds as a hint under it.
    expect(
      screen.getByRole('textbox', { name: 'Quantité', description: 'min. 1 · max. 10' }),
    ).toBeTruthy();
  });

  it('shows a field when its condition holds and hides it again when it no longer does', async () => {
    const user = userEvent.setup();
    const out = renderForm();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Motif' }), 'Autre');

    const detail = screen.getByRole('textbox', { name: 'Précisions' });
    expect(detail.getAttribute('aria-required')).toBe('true');
    await user.type(detail, 'Un besoin ponctuel');
    expect(out.values).toMatchObject({ motif: 'autre', detail: 'Un besoin ponctuel' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Motif' }), 'Quota');
    expect(screen.queryByRole('textbox', { name: 'Précisions' })).toBeNull();
    expect(out.values['motif']).toBe('quota');
  });

  it('gives out numbers as numbers, a French decimal comma included', async () => {
    const user = userEvent.setup();
    const out = renderForm();
    await user.type(screen.getByRole('textbox', { name: 'Quantité' }), '3');
    await user.type(screen.getByRole('textbox', { name: 'Montant' }), '2,5');
    await user.click(screen.getByRole('checkbox', { name: 'Urgent' }));

    expect(out.values).toEqual({ quantite: 3, montant: 2.5, urgent: true });
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Montant' }).value).toBe('2,5');
    expect(out.changedPaths).toContain('values.montant');
  });

  it('keeps a multiple choice in the options’ order, whatever the order of the clicks', async () => {
    const user = userEvent.setup();
    const out = renderForm();
    const zones = screen.getByRole('group', { name: 'Zones' });
    await user.click(within(zones).getByRole('checkbox', { name: 'Sud' }));
    await user.click(within(zones).getByRole('checkbox', { name: 'Nord' }));
    expect(out.values['zones']).toEqual(['nord', 'sud']);

    await user.click(within(zones).getByRole('checkbox', { name: 'Sud' }));
    await user.click(within(zones).getByRole('checkbox', { name: 'Nord' }));
    expect(out.values['zones']).toBeUndefined();
  });

  it('adds, fills and removes rows', async () => {
    const user = userEvent.setup();
    const out = renderForm();
    const lines = screen.getByRole('group', { name: 'Lignes' });
    expect(within(lines).getByText('Aucune ligne.')).toBeTruthy();

    await user.click(within(lines).getByRole('button', { name: 'Ajouter une ligne' }));
    await user.click(within(lines).getByRole('button', { name: 'Ajouter une ligne' }));
    const second = within(lines).getByRole('group', { name: 'Ligne 2' });
    await user.type(within(second).getByRole('textbox', { name: 'Nom' }), 'B');
    expect(out.values['lignes']).toEqual([{}, { nom: 'B' }]);
    expect(out.changedPaths.at(-1)).toBe('values.lignes.1.nom');

    await user.click(within(lines).getByRole('button', { name: 'Supprimer la ligne 1' }));
    expect(out.values['lignes']).toEqual([{ nom: 'B' }]);
    expect(within(lines).queryByRole('group', { name: 'Ligne 2' })).toBeNull();
    expect(
      within(within(lines).getByRole('group', { name: 'Ligne 1' })).getByRole<HTMLInputElement>(
        'textbox',
        { name: 'Nom' },
      ).value,
    ).toBe('B');
  });

  it('shows each error beside its field, tied to it for screen readers', () => {
    renderForm({
      'values.quantite': 'Au plus 10.',
      'values.motif': 'Choisissez un motif.',
    });
    const quantity = screen.getByRole('textbox', { name: 'Quantité' });
    expect(quantity.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('textbox', { name: 'Quantité', description: /Au plus 10\./ })).toBe(
      quantity,
    );
    expect(
      screen.getByRole('combobox', { name: 'Motif', description: /Choisissez un motif\./ }),
    ).toBeTruthy();
    expect(
      screen.getByRole('textbox', { name: 'Montant' }).getAttribute('aria-invalid'),
    ).toBeNull();
  });

  it('tells which field the user left, so its errors may show', async () => {
    const user = userEvent.setup();
    const out = renderForm();
    await user.click(screen.getByRole('textbox', { name: 'Quantité' }));
    await user.tab();
    expect(out.touched).toContain('values.quantite');
  });
});

describe('DynamicForm: read-only « Valeur actuelle »', () => {
  const quotaForm: FormDefinition = {
    fields: [
      {
        key: 'lines',
        kind: 'rows',
        label: { fr: 'Quotas à modifier', en: 'Quotas to change' },
        fields: [
          { key: 'quotaType', kind: 'text', label: { fr: 'Type de quota', en: 'Quota type' } },
          {
            key: 'current',
            kind: 'integer',
            label: { fr: 'Valeur actuelle', en: 'Current value' },
            prefill: 'quotas.{quotaType}',
            readOnly: true,
          },
          { key: 'requested', kind: 'integer', label: { fr: 'Valeur demandée', en: 'Requested' } },
        ],
      },
    ],
  };

  it('is shown but is no tab stop: Tab goes from the type to the value asked', async () => {
    const user = userEvent.setup();
    render(
      <DynamicForm
        form={quotaForm}
        values={{ lines: [{ quotaType: 'ram', current: 51200 }] }}
        locale="fr"
        errorFor={() => null}
        onChange={() => undefined}
        onTouch={() => undefined}
      />,
    );
    const current = screen.getByLabelText('Valeur actuelle');
    expect((current as HTMLInputElement).value).toBe('51200');
    expect((current as HTMLInputElement).readOnly).toBe(true);
    await user.click(screen.getByLabelText('Type de quota'));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Valeur demandée'));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByLabelText('Type de quota'));
  });
});

describe('DynamicForm: number bounds', () => {
  it('writes a field’s bounds as numbers of the language (« max. 1 000 000 »)', () => {
    render(
      <DynamicForm
        form={{
          fields: [
            {
              key: 'n',
              kind: 'integer',
              label: { fr: 'Valeur demandée', en: 'Requested' },
              min: 1,
              max: 1_000_000,
            },
          ],
        }}
        values={{}}
        locale="fr"
        errorFor={() => null}
        onChange={() => undefined}
        onTouch={() => undefined}
      />,
    );
    expect(screen.getByText(/max\. 1\s000\s000/)).toBeTruthy();
    expect(screen.queryByText(/1000000/)).toBeNull();
  });
});
