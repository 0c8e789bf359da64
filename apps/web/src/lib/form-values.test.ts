import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '@guichet/domain';
import {
  applyPrefill,
  compactValues,
  displayValue,
  labelAtPath,
  pickKnownValues,
} from './form-values.ts';

const quotaForm: FormDefinition = {
  fields: [
    { key: 'project', kind: 'text', label: { fr: 'Projet', en: 'Project' }, required: true },
    {
      key: 'lines',
      kind: 'rows',
      label: { fr: 'Quotas à modifier', en: 'Quotas to change' },
      minRows: 1,
      fields: [
        {
          key: 'quotaType',
          kind: 'choice',
          label: { fr: 'Type de quota', en: 'Quota type' },
          options: [
            { value: 'vcpus', label: { fr: 'vCPU', en: 'vCPUs' } },
            { value: 'instances', label: { fr: 'Instances', en: 'Instances' } },
          ],
        },
        {
          key: 'current',
          kind: 'integer',
          label: { fr: 'Valeur actuelle', en: 'Current value' },
          prefill: 'quotas.{quotaType}',
          readOnly: true,
        },
        {
          key: 'requested',
          kind: 'integer',
          label: { fr: 'Valeur demandée', en: 'Requested value' },
        },
      ],
    },
    {
      key: 'held',
      kind: 'integer',
      label: { fr: 'Détenues', en: 'Held' },
      prefill: 'licencesHeld',
    },
    { key: 'urgent', kind: 'boolean', label: { fr: 'Urgent', en: 'Urgent' } },
    { key: 'on', kind: 'date', label: { fr: 'Date', en: 'Date' } },
  ],
};
const attributes = { quotas: { vcpus: 20, instances: 10 }, licencesHeld: 4 };

describe('applyPrefill', () => {
  it('fills read-only fields of each row from the item, following the sibling choice', () => {
    const values = applyPrefill(
      quotaForm,
      { lines: [{ quotaType: 'vcpus', requested: 40 }, { quotaType: 'instances' }, {}] },
      attributes,
    );
    expect(values['lines']).toEqual([
      { quotaType: 'vcpus', current: 20, requested: 40 },
      { quotaType: 'instances', current: 10 },
      {},
    ]);
  });

  it('always mirrors the item in a read-only field, even over a stale value', () => {
    const values = applyPrefill(
      quotaForm,
      { lines: [{ quotaType: 'vcpus', current: 999 }] },
      attributes,
    );
    expect(values['lines']).toEqual([{ quotaType: 'vcpus', current: 20 }]);
  });

  it('prefills an editable field once, then keeps what the user typed', () => {
    expect(applyPrefill(quotaForm, {}, attributes)['held']).toBe(4);
    expect(applyPrefill(quotaForm, { held: 7 }, attributes)['held']).toBe(7);
  });

  it('returns the same object when nothing changes', () => {
    const values = { project: 'p', lines: [{}] };
    expect(applyPrefill(quotaForm, values, {})).toBe(values);
  });
});

describe('compactValues', () => {
  it('leaves blank answers out, in rows too, and keeps rows in place', () => {
    expect(
      compactValues({
        project: '',
        note: null,
        lines: [{ quotaType: '', requested: 3 }, {}],
        urgent: false,
      }),
    ).toEqual({
      lines: [{ requested: 3 }, {}],
      urgent: false,
    });
  });
});

describe('pickKnownValues', () => {
  it('drops the answers of another article', () => {
    expect(pickKnownValues(quotaForm, { project: 'p', details: 'from another form' })).toEqual({
      project: 'p',
    });
  });
});

describe('labelAtPath', () => {
  const row = (number: number) => `ligne ${number}`;
  it.each([
    ['values.project', 'Projet'],
    ['values.lines', 'Quotas à modifier'],
    ['values.lines.0', 'Quotas à modifier — ligne 1'],
    ['values.lines.1.requested', 'Quotas à modifier — ligne 2 — Valeur demandée'],
    ['values.lines.x.requested', null],
    ['values.lines.0.unknown', null],
    ['values.unknown', null],
    ['assetId', null],
  ])('%s → %s', (path, label) => {
    expect(labelAtPath(quotaForm, path, 'fr', row)).toBe(label);
  });

  it('speaks the locale', () => {
    expect(
      labelAtPath(quotaForm, 'values.lines.0.requested', 'en', (number) => `line ${number}`),
    ).toBe('Quotas to change — line 1 — Requested value');
  });
});

describe('displayValue', () => {
  const yesNo = { yes: 'Oui', no: 'Non' };
  const field = (key: string) => {
    const found = quotaForm.fields.find((candidate) => candidate.key === key);
    if (!found) throw new Error(key);
    return found;
  };
  const choice = quotaForm.fields[1]?.kind === 'rows' ? quotaForm.fields[1].fields[0] : undefined;

  it('shows choice labels, yes/no, numbers and dates as read', () => {
    if (!choice) throw new Error('fixture');
    expect(displayValue(choice, 'vcpus', 'en', yesNo)).toBe('vCPUs');
    expect(displayValue(choice, 'gone', 'fr', yesNo)).toBe('gone');
    expect(displayValue(field('urgent'), false, 'fr', yesNo)).toBe('Non');
    expect(displayValue(field('held'), 51200, 'en', yesNo)).toBe('51,200');
    expect(displayValue(field('on'), '2026-03-01', 'fr', yesNo)).toBe('1 mars 2026');
    expect(displayValue(field('project'), '', 'fr', yesNo)).toBe('');
  });
});
