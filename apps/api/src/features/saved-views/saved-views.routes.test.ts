import { QueueView, QueueViewList, RequestView, RequestViewList } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, createHarness, errorOf } from '../../test/harness.ts';

const h = await createHarness();
const cookies = {
  manager: '',
  visitor: '',
  globex: '',
  integrator: '',
  agent: '',
  admin: '',
  catalogManager: '',
};

beforeAll(async () => {
  const [manager, visitor, globex, integrator, agent, admin, catalogManager] = await Promise.all(
    [
      'gestionnaire@acme.example',
      'visiteur@acme.example',
      'gestionnaire@globex.example',
      'integrateur@partner.example',
      'agent@guichet.example',
      'admin@guichet.example',
      'catalogue@guichet.example',
    ].map((email) => h.login(email)),
  );
  Object.assign(cookies, { manager, visitor, globex, integrator, agent, admin, catalogManager });
});
afterAll(() => h.close());

function call(
  cookie: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  return h.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

const namesSeenBy = async (cookie: string) =>
  bodyOf(await call(cookie, 'GET', '/api/saved-views'), RequestViewList).items.map(
    (view) => view.name,
  );

describe('saved views of the requests list', () => {
  it('are the owner’s, or shared with the readers of one contract (never another customer)', async () => {
    const shared = await call(cookies.manager, 'POST', '/api/saved-views', {
      name: '  En cours — OCB0005121 ',
      params: { group: 'en_cours', contractId: 'OCB0005121', q: 'quota' },
      sharedContractId: 'OCB0005121',
    });
    expect(shared.statusCode, shared.body).toBe(201);
    const view = bodyOf(shared, RequestView);
    // stored as sent: the name keeps its spaces
    expect(view).toMatchObject({
      name: '  En cours — OCB0005121 ',
      params: { group: 'en_cours', contractId: 'OCB0005121', q: 'quota' },
      sharedContractId: 'OCB0005121',
      isMine: true,
      ownerName: 'Camille Martin',
    });
    const mine = await call(cookies.manager, 'POST', '/api/saved-views', {
      name: 'Mes brouillons',
      params: {},
    });
    expect(mine.statusCode).toBe(201);
    expect(await namesSeenBy(cookies.manager)).toEqual(
      expect.arrayContaining(['  En cours — OCB0005121 ', 'Mes brouillons']),
    );
    for (const reader of [cookies.visitor, cookies.integrator]) {
      const seen = bodyOf(await call(reader, 'GET', '/api/saved-views'), RequestViewList).items;
      expect(seen.map((item) => [item.name, item.isMine])).toContainEqual([
        '  En cours — OCB0005121 ',
        false,
      ]);
      expect(seen.map((item) => item.name)).not.toContain('Mes brouillons');
    }
    const foreign = await call(cookies.globex, 'GET', '/api/saved-views');
    expect(foreign.statusCode).toBe(200);
    expect(foreign.body).not.toMatch(/OCB0005121|Camille|Mes brouillons/);
    // the agent has no customer views, and the customers' are not the queue's
    expect(bodyOf(await call(cookies.agent, 'GET', '/api/saved-views'), RequestViewList)).toEqual({
      items: [],
    });
    expect((await call(cookies.agent, 'GET', '/api/back-office/saved-views')).body).not.toContain(
      'Mes brouillons',
    );
  });

  it('refuse unknown parameters, bad values, a blank name and a contract the caller does not read', async () => {
    const refused = async (payload: object, path: string, status = 400) => {
      const response = await call(cookies.manager, 'POST', '/api/saved-views', payload);
      expect(response.statusCode, response.body).toBe(status);
      expect(errorOf(response).details?.[0]?.path ?? '').toContain(path);
    };
    await refused({ name: 'x', params: { statut: 'open' } }, 'params');
    await refused({ name: 'x', params: { group: 'ouverte' } }, 'params.group');
    await refused({ name: '   ', params: {} }, 'name');
    await refused({ name: 'x\ny', params: {} }, 'name');
    await refused({ name: 'x'.repeat(81), params: {} }, 'name');
    const other = await call(cookies.manager, 'POST', '/api/saved-views', {
      name: 'Globex',
      params: {},
      sharedContractId: 'OCB0007001',
    });
    expect(other.statusCode).toBe(404);
    const otherFilter = await call(cookies.manager, 'POST', '/api/saved-views', {
      name: 'Globex filtre',
      params: { contractId: 'OCB0007001' },
    });
    expect(otherFilter.statusCode).toBe(404);
    expect(
      (await call(cookies.agent, 'POST', '/api/saved-views', { name: 'x', params: {} })).statusCode,
    ).toBe(403);
  });

  it('are renamed, re-shared and deleted by their owner only; a name is one per owner', async () => {
    const created = bodyOf(
      await call(cookies.manager, 'POST', '/api/saved-views', {
        name: 'Terminées',
        params: { group: 'terminee' },
        sharedContractId: 'OCB0005121',
      }),
      RequestView,
    );
    const taken = await call(cookies.manager, 'POST', '/api/saved-views', {
      name: 'Terminées',
      params: {},
    });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken)).toMatchObject({ code: 'conflict', details: [{ path: 'name' }] });
    // another user may take the same name
    expect(
      (
        await call(cookies.visitor, 'POST', '/api/saved-views', {
          name: 'Terminées',
          params: { group: 'terminee' },
        })
      ).statusCode,
    ).toBe(201);

    const url = `/api/saved-views/${created.id}`;
    expect((await call(cookies.visitor, 'PATCH', url, { name: 'À moi' })).statusCode).toBe(403);
    expect((await call(cookies.visitor, 'DELETE', url)).statusCode).toBe(403);
    expect((await call(cookies.globex, 'PATCH', url, { name: 'À moi' })).statusCode).toBe(404);
    expect((await call(cookies.globex, 'DELETE', url)).statusCode).toBe(404);

    const renamed = await call(cookies.manager, 'PATCH', url, {
      name: 'Terminées (équipe)',
      sharedContractId: null,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(bodyOf(renamed, RequestView)).toMatchObject({
      name: 'Terminées (équipe)',
      sharedContractId: null,
      params: { group: 'terminee' },
    });
    // no longer shared: the Visiteur sees it no more
    expect(await namesSeenBy(cookies.visitor)).not.toContain('Terminées (équipe)');
    expect((await call(cookies.visitor, 'PATCH', url, { name: 'x' })).statusCode).toBe(404);

    expect((await call(cookies.manager, 'DELETE', url)).statusCode).toBe(204);
    expect(await namesSeenBy(cookies.manager)).not.toContain('Terminées (équipe)');
    expect((await call(cookies.manager, 'DELETE', url)).statusCode).toBe(404);
  });
});

describe('saved views of the back-office queue', () => {
  it('are an operator’s own or shared with every operator who works the queue', async () => {
    const shared = await call(cookies.agent, 'POST', '/api/back-office/saved-views', {
      name: 'Non attribuées, les plus anciennes',
      params: { vue: 'unassigned', statut: 'transmise', tri: 'oldest', anciennete: '3' },
      isShared: true,
    });
    expect(shared.statusCode, shared.body).toBe(201);
    const view = bodyOf(shared, QueueView);
    const own = await call(cookies.agent, 'POST', '/api/back-office/saved-views', {
      name: 'Mes demandes',
      params: { vue: 'mine' },
    });
    expect(own.statusCode).toBe(201);
    const seenByAdmin = bodyOf(
      await call(cookies.admin, 'GET', '/api/back-office/saved-views'),
      QueueViewList,
    ).items;
    expect(seenByAdmin.map((item) => [item.name, item.isMine, item.isShared])).toEqual([
      ['Non attribuées, les plus anciennes', false, true],
    ]);
    expect(
      (await call(cookies.admin, 'PATCH', `/api/back-office/saved-views/${view.id}`, { name: 'x' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call(cookies.agent, 'PATCH', `/api/back-office/saved-views/${view.id}`, {
          isShared: false,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      bodyOf(await call(cookies.admin, 'GET', '/api/back-office/saved-views'), QueueViewList).items,
    ).toEqual([]);
    // catalog managers do not work the queue; customers are refused the back-office
    expect(
      (await call(cookies.catalogManager, 'GET', '/api/back-office/saved-views')).statusCode,
    ).toBe(403);
    expect((await call(cookies.manager, 'GET', '/api/back-office/saved-views')).statusCode).toBe(
      403,
    );
    const bad = await call(cookies.agent, 'POST', '/api/back-office/saved-views', {
      name: 'x',
      params: { tri: 'random' },
    });
    expect(bad.statusCode).toBe(400);
  });
});
