import { AssetDetail, AssetPage, CatalogList, ContractList } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, demo, errorOf, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';

let h: Harness;
let manager: string;
let globex: string;

beforeAll(async () => {
  h = await createHarness();
  [manager, globex] = await Promise.all([
    h.login('gestionnaire@acme.example'),
    h.login('gestionnaire@globex.example'),
  ]);
});
afterAll(() => h.close());

const search = (cookie: string, query: string, contract = 'OCB0005121') =>
  h.app.inject({
    method: 'GET',
    url: `/api/contracts/${contract}/assets?${query}`,
    headers: { cookie },
  });

describe('the item picker', () => {
  it.each([
    ['', 5],
    ['q=FE-OCB', 3],
    ['q=acme-prod', 3],
    ['q=prod-dev', 1],
    ['q=licences', 1],
    ['q=rds', 1],
    ['q=%25', 0],
    [`catalogId=${demo.standard}`, 3],
    [`catalogId=${demo.rds}`, 4],
    [`catalogId=${demo.gin}&q=GIN-`, 1],
    [`catalogId=${demo.gin}`, 4],
    [`catalogId=${demo.ucb}`, 5],
  ])('finds the contract’s items with %s', async (query, expected) => {
    const response = await search(manager, query);
    expect(response.statusCode).toBe(200);
    const page = bodyOf(response, AssetPage);
    expect(page.total).toBe(expected);
    expect(page.items.every((item) => item.contractId === 'OCB0005121')).toBe(true);
  });

  it('returns one page at a time, in reference order', async () => {
    const first = bodyOf(await search(manager, 'limit=2'), AssetPage);
    expect(first.items.map((item) => item.reference)).toEqual([
      'FE-OCB0005121-1',
      'FE-OCB0005121-2',
    ]);
    const second = bodyOf(await search(manager, `limit=2&cursor=${first.nextCursor}`), AssetPage);
    expect(second.items.map((item) => item.reference)).toEqual([
      'FE-OCB0005121-3',
      'GIN-OCB0005121-1',
    ]);
    const third = bodyOf(await search(manager, `limit=2&cursor=${second.nextCursor}`), AssetPage);
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeNull();
  });

  it('refuses more than 50 items a page', async () => {
    const response = await search(manager, 'limit=500');
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.[0]?.path).toBe('querystring.limit');
  });

  it('answers 404 for another customer’s contract or item, and for an unknown catalog', async () => {
    expect((await search(globex, '')).statusCode).toBe(404);
    expect((await search(manager, '', 'OCB0007001')).statusCode).toBe(404);
    expect(
      (await search(manager, `catalogId=00000000-0000-4000-8000-000000000000`)).statusCode,
    ).toBe(404);
    const item = await h.app.inject({
      method: 'GET',
      url: `/api/assets/${demo.acmeTenant}`,
      headers: { cookie: globex },
    });
    expect(item.statusCode).toBe(404);
  });

  it('shows an item with its site, solution, attributes and open requests', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/assets/${demo.acmeTenant}`,
      headers: { cookie: manager },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      reference: 'FE-OCB0005121-1',
      site: 'Paris - Val de Reuil',
      solution: 'Flexible Engine',
      attributes: { quotas: { vcpus: 20 } },
    });
    expect(bodyOf(response, AssetDetail).openRequests).toHaveLength(2);
  });
});

describe('the catalogs', () => {
  const catalogs = (cookie: string, query = '', contract = 'OCB0005121') =>
    h.app.inject({
      method: 'GET',
      url: `/api/contracts/${contract}/catalogs${query}`,
      headers: { cookie },
    });

  it('offers the four catalogs of the guide for a Flexible Engine service, in order', async () => {
    const response = await catalogs(manager, `?assetId=${demo.acmeTenant}`);
    expect(response.statusCode).toBe(200);
    const items = bodyOf(response, CatalogList).items;
    expect(items.map((c) => c.name.fr)).toEqual([
      'Catalogue de Changement Standard',
      'Gérer mes licences RDS',
      'Gérer mon accès GIN',
      'UCB - F.E: Autres Demandes',
    ]);
    expect(items[0]!.categories.map((c) => c.name.fr)).toEqual(['Quotas', 'Autres Demandes']);
    expect(items[1]!.articles.map((a) => a.name.fr)).toEqual([
      'Ajouter des licences RDS',
      'Supprimer des licences RDS',
    ]);
    expect(items[3]!.articles[0]!.billingMode).toBe('quote');
  });

  it('offers only the catalogs that apply to the item’s type', async () => {
    const items = bodyOf(await catalogs(manager, `?assetId=${demo.acmeGin}`), CatalogList).items;
    expect(items.map((c) => c.code)).toEqual(['acces-gin', 'ucb-fe-autres-demandes']);
  });

  it('answers 404 for another customer’s contract or item', async () => {
    expect((await catalogs(globex)).statusCode).toBe(404);
    expect((await catalogs(manager, `?assetId=${demo.globexTenant}`)).statusCode).toBe(404);
  });
});

describe('the contracts', () => {
  it('lists the perimeter’s contracts with free changes left and the right to create', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: '/api/contracts',
      headers: { cookie: manager },
    });
    expect(bodyOf(response, ContractList).items).toEqual([
      expect.objectContaining({
        id: 'OCB0005121',
        freeChangesPerMonth: 5,
        freeChangesLeft: 3,
        createDenied: null,
      }),
      expect.objectContaining({
        id: 'OCB0005122',
        freeChangesPerMonth: 3,
        freeChangesLeft: 3,
        createDenied: null,
      }),
    ]);
  });
});
