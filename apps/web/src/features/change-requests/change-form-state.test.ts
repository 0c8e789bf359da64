import { describe, expect, it } from 'vitest';
import type { ArticleView, AssetView, CatalogView } from '@guichet/contracts';
import {
  changeFormReducer,
  emptyChangeForm,
  requestFieldsOf,
  selectionOf,
  snapshotOf,
} from './change-form-state.ts';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function article(n: number, form: ArticleView['form']): ArticleView {
  return {
    id: uuid(n),
    code: `a${n}`,
    name: { fr: `Article ${n}`, en: `Article ${n}` },
    help: null,
    billingMode: 'counted',
    priceTokens: 2,
    versionId: uuid(100 + n),
    version: 1,
    form,
  };
}

const quotas = article(1, {
  fields: [
    {
      key: 'region',
      kind: 'choice',
      label: { fr: 'Région', en: 'Region' },
      default: 'eu-west-0',
      options: [{ value: 'eu-west-0', label: { fr: 'Paris', en: 'Paris' } }],
    },
    {
      key: 'lines',
      kind: 'rows',
      label: { fr: 'Lignes', en: 'Lines' },
      minRows: 1,
      fields: [
        {
          key: 'quotaType',
          kind: 'choice',
          label: { fr: 'Type', en: 'Type' },
          options: [{ value: 'vcpus', label: { fr: 'vCPU', en: 'vCPUs' } }],
        },
        {
          key: 'current',
          kind: 'integer',
          label: { fr: 'Actuel', en: 'Current' },
          prefill: 'quotas.{quotaType}',
          readOnly: true,
        },
      ],
    },
  ],
});
const other = article(2, {
  fields: [{ key: 'details', kind: 'text', label: { fr: 'Détail', en: 'Details' } }],
});
const rdsAdd = article(3, {
  fields: [{ key: 'quantity', kind: 'integer', label: { fr: 'Nombre', en: 'Quantity' } }],
});

const standard: CatalogView = {
  id: uuid(10),
  code: 'standard',
  name: { fr: 'Catalogue de Changement Standard', en: 'Standard' },
  help: null,
  articles: [],
  categories: [
    {
      id: uuid(11),
      code: 'quotas',
      name: { fr: 'Quotas', en: 'Quotas' },
      help: null,
      articles: [quotas],
    },
    {
      id: uuid(12),
      code: 'autres',
      name: { fr: 'Autres Demandes', en: 'Other' },
      help: null,
      articles: [other],
    },
  ],
};
const rds: CatalogView = {
  id: uuid(20),
  code: 'rds',
  name: { fr: 'Gérer mes licences RDS', en: 'RDS' },
  help: null,
  articles: [rdsAdd],
  categories: [],
};

const tenant: AssetView = {
  id: uuid(30),
  contractId: 'OCB0005121',
  reference: 'FE-TENANT-001',
  label: 'Service Flexible Engine',
  type: 'fe_tenant',
  site: 'Paris',
  solution: 'Flexible Engine',
  attributes: { quotas: { vcpus: 20 } },
  retiredAt: null,
};

describe('change form state', () => {
  it('resets the answers to the new article’s initial values when the article changes', () => {
    let state = changeFormReducer(emptyChangeForm(), {
      type: 'chooseCatalog',
      catalogId: standard.id,
      onlyArticle: null,
    });
    state = changeFormReducer(state, {
      type: 'chooseCategory',
      categoryId: uuid(11),
      onlyArticle: quotas,
    });
    expect(state.articleId).toBe(quotas.id);
    expect(state.values).toEqual({ region: 'eu-west-0', lines: [{}] });
    state = changeFormReducer(state, {
      type: 'setValues',
      values: { region: 'eu-west-0', lines: [{ quotaType: 'vcpus' }] },
    });
    state = changeFormReducer(state, { type: 'chooseArticle', article: other });
    expect(state.values).toEqual({});
  });

  it('keeps the catalog and article when the item changes, and drops the billing acknowledgement', () => {
    let state = changeFormReducer(emptyChangeForm(), {
      type: 'chooseCatalog',
      catalogId: rds.id,
      onlyArticle: rdsAdd,
    });
    state = changeFormReducer(state, { type: 'setAcknowledgeBilling', value: true });
    state = changeFormReducer(state, { type: 'chooseAsset', asset: tenant });
    expect(state.catalogId).toBe(rds.id);
    expect(state.articleId).toBe(rdsAdd.id);
    expect(state.acknowledgeBilling).toBe(false);
  });

  it('limits the item search to a newly chosen catalog until the search is reset', () => {
    let state = changeFormReducer(emptyChangeForm(), { type: 'resetSearch' });
    expect(state.isCatalogRestricted).toBe(false);
    state = changeFormReducer(state, {
      type: 'chooseCatalog',
      catalogId: rds.id,
      onlyArticle: null,
    });
    expect(state.isCatalogRestricted).toBe(true);
  });

  it('finds the category of a saved draft from its article', () => {
    const state = { ...emptyChangeForm(), catalogId: standard.id, articleId: other.id };
    const selection = selectionOf(state, [standard, rds]);
    expect(selection.category?.code).toBe('autres');
    expect(selection.article?.id).toBe(other.id);
  });

  it('selects nothing the item is not offered', () => {
    const state = { ...emptyChangeForm(), catalogId: rds.id, articleId: rdsAdd.id };
    expect(selectionOf(state, [standard])).toMatchObject({
      catalog: null,
      article: null,
      form: null,
    });
  });

  it('builds the request body with prefilled values and without blanks', () => {
    const state = {
      ...emptyChangeForm(),
      asset: tenant,
      catalogId: standard.id,
      articleId: quotas.id,
      values: { region: 'eu-west-0', lines: [{ quotaType: 'vcpus' }], leftover: 'x' },
      customerReference: '  PO-42 ',
      comment: '   ',
    };
    expect(requestFieldsOf('OCB0005121', state, selectionOf(state, [standard]))).toEqual({
      contractId: 'OCB0005121',
      assetId: tenant.id,
      catalogId: standard.id,
      articleId: quotas.id,
      values: { region: 'eu-west-0', lines: [{ quotaType: 'vcpus', current: 20 }] },
      customerReference: 'PO-42',
      comment: null,
      outsideBusinessHours: false,
      executionWindow: null,
    });
  });

  it.each([
    ['no window', { startsAt: '', endsAt: '' }, null],
    [
      'a window',
      { startsAt: '2026-12-20T22:00', endsAt: '2026-12-21T02:00' },
      { startsAt: '2026-12-20T22:00', endsAt: '2026-12-21T02:00' },
    ],
    // one end alone is sent, so that the server names the missing one
    [
      'a start alone',
      { startsAt: '2026-12-20T22:00', endsAt: '' },
      { startsAt: '2026-12-20T22:00', endsAt: '' },
    ],
  ])('sends %s as the execution window asked', (_case, window, expected) => {
    const state = changeFormReducer(emptyChangeForm(), { type: 'setWindow', window });
    expect(requestFieldsOf('OCB0005121', state, selectionOf(state, [])).executionWindow).toEqual(
      expected,
    );
  });

  it('counts a window typed as an unsaved change', () => {
    const saved = emptyChangeForm();
    const typed = changeFormReducer(saved, {
      type: 'setWindow',
      window: { startsAt: '2026-12-20T22:00', endsAt: '' },
    });
    expect(snapshotOf(typed)).not.toBe(snapshotOf(saved));
  });

  it('tells unsaved changes apart from what was saved', () => {
    const saved = { ...emptyChangeForm(), comment: 'hello' };
    expect(snapshotOf({ ...saved, comment: 'hello ' })).toBe(snapshotOf(saved));
    expect(snapshotOf({ ...saved, comment: 'hello world' })).not.toBe(snapshotOf(saved));
    expect(snapshotOf({ ...saved, acknowledgeBilling: true })).toBe(snapshotOf(saved));
  });
});
