import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DataTable } from './data-table.tsx';
import type { Column } from './data-table.tsx';
import { FilterSelect } from './filter-select.tsx';

interface Line {
  label: string;
  amount: number;
}

const lineColumns: Column<Line>[] = [
  { key: 'label', header: 'Libellé', cell: (line) => line.label },
  { key: 'amount', header: 'Montant', isNumeric: true, cell: (line) => line.amount },
];

describe('DataTable', () => {
  it('keys rows by their id, and gives each cell its column title', () => {
    render(
      <DataTable
        caption="Demandes"
        columns={[{ key: 'number', header: 'Numéro', cell: (row: { id: string }) => row.id }]}
        rows={[{ id: 'DEM-1' }, { id: 'DEM-2' }]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Demandes' });
    const cells = within(table).getAllByRole('cell');
    expect(cells.map((cell) => cell.textContent)).toEqual(['DEM-1', 'DEM-2']);
    expect(cells[0]?.getAttribute('data-label')).toBe('Numéro');
  });

  it('takes the key from rowKey for rows without an id', () => {
    render(
      <DataTable
        caption="Lignes"
        columns={lineColumns}
        rows={[
          { label: 'Stockage', amount: 12 },
          { label: 'Réseau', amount: 3 },
        ]}
        rowKey={(line) => line.label}
      />,
    );
    const rows = within(screen.getByRole('table', { name: 'Lignes' })).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual(['LibelléMontant', 'Stockage12', 'Réseau3']);
  });

  it('requires rowKey where rows have no id', () => {
    // @ts-expect-error -- a Line has no id: the table must be told its key
    const table = <DataTable caption="Lignes" columns={lineColumns} rows={[]} />;
    expect(table).toBeTruthy();
  });
});

describe('FilterSelect', () => {
  it('offers « any » first, then its choices, and reports the one picked', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(
      <FilterSelect
        id="requests-contract"
        label="Contrat"
        value=""
        onChange={onChange}
        anyLabel="Tous les contrats"
        options={[
          { value: 'CT-1', label: 'CT-1' },
          { value: 'CT-2', label: 'CT-2' },
        ]}
      />,
    );
    const select = screen.getByLabelText('Contrat');
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Tous les contrats', 'CT-1', 'CT-2']);
    await user.selectOptions(select, 'CT-2');
    expect(onChange).toHaveBeenCalledWith('CT-2');
  });
});
