import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '@guichet/domain';
import { draftDifferences } from './draft-conflict.ts';
import type { DiffTexts, DraftSide } from './draft-conflict.ts';

const form: FormDefinition = {
  fields: [
    {
      key: 'region',
      kind: 'choice',
      label: { fr: 'Région', en: 'Region' },
      options: [
        { value: 'eu-west-0', label: { fr: 'Paris', en: 'Paris' } },
        { value: 'eu-west-2', label: { fr: 'Strasbourg', en: 'Strasbourg' } },
      ],
    },
    {
      key: 'lines',
      kind: 'rows',
      label: { fr: 'Lignes de quota', en: 'Quota lines' },
      fields: [
        { key: 'resource', kind: 'text', label: { fr: 'Ressource', en: 'Resource' } },
        { key: 'requested', kind: 'integer', label: { fr: 'Quantité', en: 'Quantity' } },
      ],
    },
  ],
};

const texts: DiffTexts = {
  locale: 'fr',
  asset: 'Élément',
  catalog: 'Catalogue',
  article: 'Article',
  customerReference: 'Votre référence',
  comment: 'Commentaire',
  outsideBusinessHours: 'Exécution en dehors des heures ouvrées',
  executionWindow: "Fenêtre d'exécution souhaitée",
  yes: 'Oui',
  no: 'Non',
  rowNumber: (number) => `Ligne ${number}`,
};

const base: DraftSide = {
  fields: {
    assetId: 'a1',
    catalogId: 'c1',
    articleId: 'r1',
    values: { region: 'eu-west-0', lines: [{ resource: 'vCPU', requested: 8 }] },
    customerReference: 'PO-1',
    comment: null,
    outsideBusinessHours: false,
  },
  assetName: 'vm-1 (A-1)',
  catalogName: 'Quotas',
  articleName: 'Augmenter un quota',
};

const withFields = (fields: Partial<DraftSide['fields']>, names: Partial<DraftSide> = {}) => ({
  ...base,
  ...names,
  fields: { ...base.fields, ...fields },
});

describe('draftDifferences', () => {
  it('finds nothing between equal versions (blank answers count as none)', () => {
    const mine = withFields({ values: { ...base.fields.values, extra: '' }, comment: '' });
    expect(draftDifferences(base, mine, form, texts)).toEqual([]);
  });

  it.each([
    [
      'the item',
      withFields({ assetId: 'a2' }, { assetName: 'vm-2 (A-2)' }),
      { path: 'assetId', label: 'Élément', theirs: 'vm-1 (A-1)', mine: 'vm-2 (A-2)' },
    ],
    [
      'the catalog',
      withFields({ catalogId: 'c2' }, { catalogName: 'Réseau' }),
      { path: 'catalogId', label: 'Catalogue', theirs: 'Quotas', mine: 'Réseau' },
    ],
    [
      'the article',
      withFields({ articleId: null }, { articleName: null }),
      { path: 'articleId', label: 'Article', theirs: 'Augmenter un quota', mine: '—' },
    ],
    [
      'a choice, by its label and option labels',
      withFields({ values: { ...base.fields.values, region: 'eu-west-2' } }),
      { path: 'region', label: 'Région', theirs: 'Paris', mine: 'Strasbourg' },
    ],
    [
      'a cell of a quota line',
      withFields({
        values: { ...base.fields.values, lines: [{ resource: 'vCPU', requested: 16 }] },
      }),
      {
        path: 'lines.0.requested',
        label: 'Lignes de quota › Ligne 1 › Quantité',
        theirs: '8',
        mine: '16',
      },
    ],
    [
      'the reference',
      withFields({ customerReference: 'PO-2' }),
      { path: 'customerReference', label: 'Votre référence', theirs: 'PO-1', mine: 'PO-2' },
    ],
    [
      'the comment',
      withFields({ comment: 'Urgent' }),
      { path: 'comment', label: 'Commentaire', theirs: '—', mine: 'Urgent' },
    ],
    [
      'the out-of-hours choice',
      withFields({ outsideBusinessHours: true }),
      {
        path: 'outsideBusinessHours',
        label: 'Exécution en dehors des heures ouvrées',
        theirs: 'Non',
        mine: 'Oui',
      },
    ],
    [
      'the execution window asked',
      withFields({ executionWindow: { startsAt: '2026-12-20T22:00', endsAt: '2026-12-21T02:00' } }),
      {
        path: 'executionWindow',
        label: "Fenêtre d'exécution souhaitée",
        theirs: '—',
        mine: '2026-12-20 22:00 → 2026-12-21 02:00',
      },
    ],
  ])('shows a difference of %s', (_name, mine, expected) => {
    expect(draftDifferences(base, mine, form, texts)).toEqual([expected]);
  });

  it('lists an added quota line cell by cell, in the form order, in English', () => {
    const mine = withFields({
      values: {
        region: 'eu-west-0',
        lines: [
          { resource: 'vCPU', requested: 8 },
          { resource: 'RAM', requested: 64 },
        ],
      },
      comment: 'Now',
    });
    expect(
      draftDifferences(base, mine, form, {
        ...texts,
        locale: 'en',
        rowNumber: (n) => `Row ${n}`,
      }).map(({ label, theirs, mine: value }) => [label, theirs, value]),
    ).toEqual([
      ['Quota lines › Row 2 › Resource', '—', 'RAM'],
      ['Quota lines › Row 2 › Quantity', '—', '64'],
      ['Commentaire', '—', 'Now'],
    ]);
  });

  it('compares no answers without a form', () => {
    const mine = withFields({ values: { region: 'eu-west-2' } });
    expect(draftDifferences(base, mine, null, texts)).toEqual([]);
  });
});
