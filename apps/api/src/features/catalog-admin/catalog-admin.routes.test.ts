import {
  ArticleAdminView,
  ArticlePreview,
  ArticleVersionView,
  CatalogAdminList,
  CatalogAdminView,
  CatalogList,
} from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { CatalogView } from '@guichet/contracts';
import type { FormDefinition } from '@guichet/domain';
import { createHarness, demo, errorOf, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { buildContract } from '../../test/builders.ts';
import {
  createCatalog,
  definitionOf,
  licenceForm,
  publishArticle,
  text,
  uniqueCode,
} from '../../test/catalog-builders.ts';

let h: Harness;
let manager: string;
let admin: string;
let agent: string;
let customer: string;

beforeAll(async () => {
  h = await createHarness();
  [manager, admin, agent, customer] = await Promise.all([
    h.login('catalogue@guichet.example'),
    h.login('admin@guichet.example'),
    h.login('agent@guichet.example'),
    h.login('gestionnaire@acme.example'),
  ]);
});
afterAll(() => h.close());

function send(
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  return h.app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function customerCatalogs(contractId: string, cookie = customer): Promise<CatalogView[]> {
  const response = await send(cookie, 'GET', `/api/contracts/${contractId}/catalogs`);
  expect(response.statusCode, response.body).toBe(200);
  return bodyOf(response, CatalogList).items;
}

async function count(table: 'catalogs' | 'categories' | 'articles' | 'article_versions') {
  const row = await h.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const newCatalog = (code = uniqueCode('cat')) => ({
  code,
  name: text('Catalogue de test', 'Test catalog'),
  help: text('Aide', 'Help'),
  assetTypes: ['fe_tenant'],
  offers: ['Flexible Engine'],
  contractIds: [],
});

describe('who may author catalogs', () => {
  it.each([
    ['the catalog manager', () => manager, 200],
    ['an admin', () => admin, 200],
    ['an agent (another operator role)', () => agent, 403],
    ['a customer', () => customer, 403],
  ])('%s: lists them or is refused', async (_who, cookie, status) => {
    const response = await send(cookie(), 'GET', '/api/back-office/catalogs');
    expect(response.statusCode).toBe(status);
    if (status === 200) {
      const codes = bodyOf(response, CatalogAdminList).items.map(
        (catalog: CatalogAdminView) => catalog.code,
      );
      expect(codes).toEqual(
        expect.arrayContaining(['standard', 'licences-rds', 'acces-gin', 'ucb-fe-autres-demandes']),
      );
    } else {
      expect(errorOf(response).code).toBe('forbidden');
    }
  });

  it('refuses an agent’s writes and writes nothing', async () => {
    const before = await count('catalogs');
    const response = await send(agent, 'POST', '/api/back-office/catalogs', newCatalog());
    expect(response.statusCode).toBe(403);
    expect(await count('catalogs')).toBe(before);
  });

  it('answers 401 without a session', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/back-office/catalogs' });
    expect(response.statusCode).toBe(401);
  });
});

describe('catalogs and categories', () => {
  it('creates a catalog, refuses its code twice, and edits it', async () => {
    const body = newCatalog();
    const created = await send(manager, 'POST', '/api/back-office/catalogs', body);
    expect(created.statusCode, created.body).toBe(201);
    const catalog: CatalogAdminView = created.json();
    expect(catalog).toMatchObject({
      code: body.code,
      name: body.name,
      help: body.help,
      assetTypes: ['fe_tenant'],
      categories: [],
      articles: [],
    });

    const again = await send(manager, 'POST', '/api/back-office/catalogs', body);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).details?.[0]?.path).toBe('code');

    const updated = await send(manager, 'PUT', `/api/back-office/catalogs/${catalog.id}`, {
      name: text('Catalogue renommé', 'Renamed catalog'),
      help: null,
      assetTypes: ['fe_tenant', 'gin_access'],
      offers: ['Flexible Engine'],
      contractIds: [],
      position: 9,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({
      code: body.code,
      name: { fr: 'Catalogue renommé' },
      help: null,
      assetTypes: ['fe_tenant', 'gin_access'],
      position: 9,
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a code with capitals', { code: 'Bad Code' }, 'code'],
    ['a name without English', { name: { fr: 'Nom', en: '' } }, 'name'],
    ['no item type', { assetTypes: [] }, 'assetTypes'],
    ['a malformed contract', { contractIds: ['acme'] }, 'contractIds.0'],
    ['an unknown property', { colour: 'blue' }, ''],
  ])('refuses %s with 400 at its path', async (_name, change, path) => {
    const response = await send(manager, 'POST', '/api/back-office/catalogs', {
      ...newCatalog(),
      ...change,
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('validation_failed');
    expect(errorOf(response).details?.map((detail) => detail.path)).toContain(path);
  });

  it('gives a catalog to chosen contracts only, besides whole offers', async () => {
    const catalog = await createCatalog(h, manager, { offers: [], contractIds: ['OCB0005122'] });
    await publishArticle(h, manager, catalog.id, licenceForm);
    expect((await customerCatalogs('OCB0005122')).map((item) => item.id)).toContain(catalog.id);
    expect((await customerCatalogs('OCB0005121')).map((item) => item.id)).not.toContain(catalog.id);
  });

  it('says who sees an article: the contracts (not ended) of its catalog, and their customers', async () => {
    const one = await createCatalog(h, manager, { offers: [], contractIds: ['OCB0005122'] });
    const article = await publishArticle(h, manager, one.id, licenceForm);
    expect(article.audience).toEqual({
      contractCount: 1,
      customerCount: 1,
      contracts: [{ id: 'OCB0005122', customerName: 'ACME' }],
    });

    const two = await createCatalog(h, manager, {
      offers: [],
      contractIds: ['OCB0007001', 'OCB0005122', 'OCB0005121'],
    });
    const shared = await publishArticle(h, manager, two.id, licenceForm);
    expect(shared.audience).toEqual({
      contractCount: 3,
      customerCount: 2,
      contracts: [
        { id: 'OCB0005121', customerName: 'ACME' },
        { id: 'OCB0005122', customerName: 'ACME' },
        { id: 'OCB0007001', customerName: 'Globex' },
      ],
    });

    const nobody = await createCatalog(h, manager, { offers: ['Autre offre'], contractIds: [] });
    const unseen = await publishArticle(h, manager, nobody.id, licenceForm);
    expect(unseen.audience).toEqual({ contractCount: 0, customerCount: 0, contracts: [] });

    const { contractId } = await buildContract(h.database.db, { freeChangesPerMonth: 1 });
    const ended = await createCatalog(h, manager, { offers: [], contractIds: [contractId] });
    const before = await publishArticle(h, manager, ended.id, licenceForm);
    expect(before.audience.contractCount).toBe(1);
    await h.database.db
      .updateTable('contracts')
      .set({ status: 'ended' })
      .where('id', '=', contractId)
      .execute();
    const after = await send(manager, 'GET', `/api/back-office/articles/${before.id}`);
    expect(bodyOf(after, ArticleAdminView).audience.contractCount).toBe(0);
  });

  it('adds and edits categories, once per code', async () => {
    const catalog = await createCatalog(h, manager);
    const url = `/api/back-office/catalogs/${catalog.id}/categories`;
    const category = { code: 'reseau', name: text('Réseau', 'Network'), help: null, position: 1 };
    const created = await send(manager, 'POST', url, category);
    expect(created.statusCode, created.body).toBe(201);
    const [view] = bodyOf(created, CatalogAdminView).categories;
    expect(view).toMatchObject({ code: 'reseau', name: { fr: 'Réseau' }, position: 1 });
    expect((await send(manager, 'POST', url, category)).statusCode).toBe(409);

    const edited = await send(manager, 'PUT', `/api/back-office/categories/${view?.id}`, {
      name: text('Réseaux', 'Networks'),
      help: text('Accès et VPN', 'Access and VPN'),
      position: 0,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(bodyOf(edited, CatalogAdminView).categories[0]).toMatchObject({
      name: { fr: 'Réseaux', en: 'Networks' },
      help: { fr: 'Accès et VPN' },
      position: 0,
    });
  });

  it.each([
    ['GET', '/api/back-office/catalogs/00000000-0000-4000-8000-000000000000'],
    ['POST', '/api/back-office/catalogs/00000000-0000-4000-8000-000000000000/categories'],
    ['PUT', '/api/back-office/categories/00000000-0000-4000-8000-000000000000'],
    ['GET', '/api/back-office/articles/00000000-0000-4000-8000-000000000000'],
    ['GET', '/api/back-office/articles/00000000-0000-4000-8000-000000000000/preview'],
    ['GET', `/api/back-office/articles/${demo.quotas}/versions/99`],
  ] as const)('%s %s answers 404 for an unknown id', async (method, url) => {
    const payload =
      method === 'GET' ? undefined : { code: 'x', name: text('X'), help: null, position: 0 };
    const response = await send(
      manager,
      method,
      url,
      method === 'PUT' ? { name: text('X'), help: null, position: 0 } : payload,
    );
    expect(response.statusCode).toBe(404);
  });
});

describe('articles: drafts, lint, publish, versions', () => {
  let catalog: CatalogAdminView;
  beforeAll(async () => {
    catalog = await createCatalog(h, manager, { assetTypes: ['rds_licence_pool'] });
  });

  async function createDraft(form: FormDefinition): Promise<ArticleAdminView> {
    const response = await send(
      manager,
      'POST',
      `/api/back-office/catalogs/${catalog.id}/articles`,
      {
        code: uniqueCode('article'),
        definition: definitionOf(form, 'Gérer mes licences'),
      },
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it('keeps a new article from customers until it is published, then offers version 1', async () => {
    const draft = await createDraft(licenceForm);
    expect(draft).toMatchObject({ hasDraft: true, publishedVersion: null, versions: [], lint: [] });
    const offered = async () =>
      (await customerCatalogs('OCB0005121'))
        .find((item) => item.id === catalog.id)
        ?.articles.map((article) => article.id) ?? [];
    expect(await offered()).not.toContain(draft.id);

    const published = await send(manager, 'POST', `/api/back-office/articles/${draft.id}/publish`, {
      revision: draft.revision,
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({
      hasDraft: false,
      publishedVersion: 1,
      versions: [{ version: 1, publishedBy: expect.stringMatching(/.+/) as unknown }],
    });
    expect(await offered()).toContain(draft.id);
  });

  it.each<[string, FormDefinition, string, string]>([
    [
      'an unreachable field',
      {
        fields: [
          {
            key: 'a',
            kind: 'choice',
            label: text('A'),
            options: [{ value: 'x', label: text('X') }],
          },
          {
            key: 'b',
            kind: 'text',
            label: text('B'),
            visibleWhen: { op: 'equals', field: 'a', value: 'y' },
          },
        ],
      },
      'definition.form.fields.1.visibleWhen',
      'unreachable_field',
    ],
    [
      'a required field that can be hidden with no default',
      {
        fields: [
          { key: 'a', kind: 'boolean', label: text('A') },
          {
            key: 'b',
            kind: 'text',
            label: text('B'),
            required: true,
            visibleWhen: { op: 'equals', field: 'a', value: true },
          },
        ],
      },
      'definition.form.fields.1.required',
      'hidden_required',
    ],
    [
      'duplicate keys',
      {
        fields: [
          { key: 'a', kind: 'text', label: text('A') },
          { key: 'a', kind: 'date', label: text('B') },
        ],
      },
      'definition.form.fields.1.key',
      'duplicate_key',
    ],
    [
      'an invalid pattern',
      { fields: [{ key: 'a', kind: 'text', label: text('A'), pattern: '([a-z]' }] },
      'definition.form.fields.0.pattern',
      'invalid_pattern',
    ],
    [
      'a rule on a missing field',
      {
        fields: [{ key: 'a', kind: 'integer', label: text('A') }],
        rules: [{ kind: 'compare', field: 'b', op: 'gt', than: { value: 1 }, message: text('M') }],
      },
      'definition.form.rules.0.field',
      'unknown_field',
    ],
  ])('saves a draft with %s but refuses to publish it', async (_name, form, path, rule) => {
    const draft = await createDraft(form);
    expect(draft.lint).toEqual([expect.objectContaining({ path, rule })]);
    const versions = await count('article_versions');
    const response = await send(manager, 'POST', `/api/back-office/articles/${draft.id}/publish`, {
      revision: draft.revision,
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({
      code: 'validation_failed',
      details: [expect.objectContaining({ path, rule })],
    });
    expect(await count('article_versions')).toBe(versions);
  });

  it('speaks the manager’s language in lint messages', async () => {
    const draft = await createDraft({
      fields: [{ key: 'a', kind: 'text', label: text('A'), pattern: '(' }],
    });
    expect(draft.lint[0]?.message).toBe('Expression régulière invalide');
  });

  it('refuses a form of the wrong shape at its path', async () => {
    const response = await send(
      manager,
      'POST',
      `/api/back-office/catalogs/${catalog.id}/articles`,
      {
        code: uniqueCode('article'),
        definition: definitionOf({
          fields: [{ key: 'a', kind: 'slider', label: text('A') }],
        } as unknown as FormDefinition),
      },
    );
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.[0]?.path).toMatch(/^definition\.form\.fields\.0/);
  });

  it('publishes a new version; the old one never changes, even by SQL', async () => {
    const article = await publishArticle(h, manager, catalog.id, licenceForm);
    const smaller: FormDefinition = {
      fields: licenceForm.fields.slice(0, 4),
      rules: licenceForm.rules?.slice(0, 1) ?? [],
    };
    const saved = await send(manager, 'PUT', `/api/back-office/articles/${article.id}/draft`, {
      definition: { ...article.definition, form: smaller, priceTokens: 3, billingMode: 'counted' },
      revision: article.revision,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ hasDraft: true, publishedVersion: 1 });

    // customers still get version 1 while the draft is pending
    const offeredVersion = async () =>
      (await customerCatalogs('OCB0005121'))
        .find((item) => item.id === catalog.id)
        ?.articles.find((item) => item.id === article.id)?.version;
    expect(await offeredVersion()).toBe(1);

    const published = await send(
      manager,
      'POST',
      `/api/back-office/articles/${article.id}/publish`,
      {
        revision: bodyOf(saved, ArticleAdminView).revision,
      },
    );
    expect(published.statusCode, published.body).toBe(200);
    expect(
      bodyOf(published, ArticleAdminView).versions.map(
        (version: { version: number }) => version.version,
      ),
    ).toEqual([2, 1]);
    expect(await offeredVersion()).toBe(2);

    const first = await send(manager, 'GET', `/api/back-office/articles/${article.id}/versions/1`);
    expect(first.statusCode).toBe(200);
    expect(bodyOf(first, ArticleVersionView).definition.form.fields).toHaveLength(
      licenceForm.fields.length,
    );
    expect(bodyOf(first, ArticleVersionView).jsonSchema).toMatchObject({
      type: 'object',
      additionalProperties: false,
    });
    const second = await send(manager, 'GET', `/api/back-office/articles/${article.id}/versions/2`);
    expect(bodyOf(second, ArticleVersionView).definition).toMatchObject({
      priceTokens: 3,
      billingMode: 'counted',
    });

    await expect(
      sql`UPDATE article_versions SET price_tokens = 99 WHERE article_id = ${article.id}`.execute(
        h.database.db,
      ),
    ).rejects.toThrow(/never changes/);
    await expect(
      sql`DELETE FROM article_versions WHERE article_id = ${article.id}`.execute(h.database.db),
    ).rejects.toThrow(/never changes/);
  });

  it('refuses a stale revision (another manager saved since) and nothing to publish', async () => {
    const article = await publishArticle(h, manager, catalog.id, licenceForm);
    const change = {
      definition: { ...article.definition, priceTokens: 5 },
      revision: article.revision,
    };
    expect(
      (await send(manager, 'PUT', `/api/back-office/articles/${article.id}/draft`, change))
        .statusCode,
    ).toBe(200);
    const stale = await send(admin, 'PUT', `/api/back-office/articles/${article.id}/draft`, change);
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('conflict');

    const current: ArticleAdminView = (
      await send(manager, 'GET', `/api/back-office/articles/${article.id}`)
    ).json();
    const discarded = await send(
      manager,
      'POST',
      `/api/back-office/articles/${article.id}/discard`,
      {
        revision: current.revision,
      },
    );
    expect(discarded.statusCode, discarded.body).toBe(200);
    expect(bodyOf(discarded, ArticleAdminView)).toMatchObject({
      hasDraft: false,
      definition: { priceTokens: 0 },
    });
    const nothing = await send(manager, 'POST', `/api/back-office/articles/${article.id}/publish`, {
      revision: bodyOf(discarded, ArticleAdminView).revision,
    });
    expect(nothing.statusCode).toBe(409);
    expect(errorOf(nothing).code).toBe('invalid_transition');
  });

  it('clears a draft saved back to the published definition', async () => {
    const article = await publishArticle(h, manager, catalog.id, licenceForm);
    const saved = await send(manager, 'PUT', `/api/back-office/articles/${article.id}/draft`, {
      definition: article.definition,
      revision: article.revision,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ hasDraft: false, publishedVersion: 1 });
  });

  it('moves an article among the catalog’s categories only', async () => {
    const withCategory = await send(
      manager,
      'POST',
      `/api/back-office/catalogs/${catalog.id}/categories`,
      {
        code: uniqueCode('cat'),
        name: text('Licences'),
        help: null,
        position: 0,
      },
    );
    const categoryId = bodyOf(withCategory, CatalogAdminView).categories[0]!.id;
    const article = await publishArticle(h, manager, catalog.id, licenceForm);
    const moved = await send(manager, 'PUT', `/api/back-office/articles/${article.id}`, {
      categoryId,
      position: 4,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ categoryId, position: 4 });
    const foreign = await send(manager, 'PUT', `/api/back-office/articles/${article.id}`, {
      categoryId: (await customerCatalogs('OCB0005121')).find((item) => item.code === 'standard')
        ?.categories[0]?.id,
      position: 0,
    });
    expect(foreign.statusCode).toBe(404);
    expect(errorOf(foreign).details?.[0]?.path).toBe('categoryId');
  });

  it('previews the form with an item of the catalog’s types, or the one asked for', async () => {
    const article = await publishArticle(h, manager, catalog.id, licenceForm);
    const preview = await send(manager, 'GET', `/api/back-office/articles/${article.id}/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    const body = bodyOf(preview, ArticlePreview);
    expect(body.definition.form.fields.map((field: { key: string }) => field.key)).toEqual(
      licenceForm.fields.map((field) => field.key),
    );
    expect(body.asset!.type).toBe('rds_licence_pool');
    expect(body.asset!.attributes).toHaveProperty('licencesHeld');
    expect(body.assets.every((asset: { type: string }) => asset.type === 'rds_licence_pool')).toBe(
      true,
    );

    const chosen = await send(
      manager,
      'GET',
      `/api/back-office/articles/${article.id}/preview?assetId=${demo.acmeRds}`,
    );
    expect(bodyOf(chosen, ArticlePreview).asset!.id).toBe(demo.acmeRds);
    const wrongType = await send(
      manager,
      'GET',
      `/api/back-office/articles/${article.id}/preview?assetId=${demo.acmeTenant}`,
    );
    expect(wrongType.statusCode).toBe(404);
  });
});
