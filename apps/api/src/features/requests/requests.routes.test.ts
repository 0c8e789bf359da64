import {
  ContractList,
  FormDefinitionInput,
  PreviewView,
  RequestDetail,
  RequestPage,
  SessionView,
} from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { formatRequestNumber } from '@guichet/domain';
import { buildContract } from '../../test/builders.ts';
import { requestTotalsDrift } from '@guichet/db';
import { createHarness, demo, errorOf, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';

let h: Harness;
let manager: string;
let viewer: string;
let globex: string;
let integrator: string;

beforeAll(async () => {
  h = await createHarness();
  [manager, viewer, globex, integrator] = await Promise.all([
    h.login('gestionnaire@acme.example'),
    h.login('visiteur@acme.example'),
    h.login('gestionnaire@globex.example'),
    h.login('integrateur@partner.example'),
  ]);
});
afterAll(() => h.close());

const quotaValues = {
  region: 'eu-west-0',
  project: 'acme-prod',
  lines: [{ quotaType: 'instances', requested: 30 }],
  justification: 'More instances for the winter sales.',
};

function quotaRequest(overrides: Record<string, unknown> = {}) {
  return {
    action: 'confirm',
    contractId: 'OCB0005121',
    assetId: demo.acmeTenant,
    catalogId: demo.standard,
    articleId: demo.quotas,
    values: quotaValues,
    customerReference: 'REF-1',
    ...overrides,
  };
}

async function post(cookie: string, url: string, payload: unknown) {
  return h.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
}
async function get(cookie: string, url: string) {
  return h.app.inject({ method: 'GET', url, headers: { cookie } });
}

/** Rows that any write would touch: a refused call must leave all of them as they were. */
async function footprint() {
  const { db } = h.database;
  const count = async (
    table: 'requests' | 'request_events' | 'free_change_usage' | 'request_counters',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const usage = await db
    .selectFrom('free_change_usage')
    .select(['contract_id', 'month', 'used'])
    .orderBy('contract_id')
    .execute();
  const counters = await db.selectFrom('request_counters').selectAll().execute();
  return {
    requests: await count('requests'),
    events: await count('request_events'),
    usage,
    counters,
  };
}

describe('authentication', () => {
  it('refuses anonymous calls with 401 unauthenticated', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/requests' });
    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe('unauthenticated');
  });

  it.each([
    ['gestionnaire@acme.example', 'wrong password'],
    ['nobody@acme.example', 'Demo.Guichet.2026'],
  ])('refuses %s with a wrong password or unknown e-mail alike', async (email, password) => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email, password },
    });
    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe('invalid_credentials');
    expect(response.cookies).toHaveLength(0);
  });

  it('sets an HttpOnly SameSite cookie and forgets the session at logout', async () => {
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'GESTIONNAIRE@acme.example', password: 'Demo.Guichet.2026' },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'guichet_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const header = `guichet_session=${cookie?.value}`;
    expect((await get(header, '/api/session')).statusCode).toBe(200);
    const logout = await h.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: header },
    });
    expect(logout.statusCode).toBe(204);
    expect((await get(header, '/api/session')).statusCode).toBe(401);
  });

  it('stores only a hash of the session token', async () => {
    const rows = await h.database.db.selectFrom('sessions').select('id').execute();
    const token = manager.split('=')[1] ?? '';
    expect(rows.some((row) => row.id === token)).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.id))).toBe(true);
  });
});

describe('the list of requests', () => {
  it('shows the perimeter’s requests, newest first, with their portal group', async () => {
    const response = await get(manager, '/api/requests');
    expect(response.statusCode).toBe(200);
    const page = bodyOf(response, RequestPage);
    expect(page.items.map((item) => item.number)).toEqual(['CHG-2026-000002', 'CHG-2026-000001']);
    expect(page.items[0]!.group).toBe('transmise');
    expect(page.total).toBe(2);
  });

  it.each([
    ['group=transmise', 2],
    ['group=en_cours', 0],
    ['group=terminee', 0],
    ['q=000001', 1],
    ['q=prj-2026', 1],
    ['q=quotas', 1],
    ['q=OCB0005121', 2],
    ['contractId=OCB0005122', 0],
    [`assetId=${demo.acmeTenant}`, 2],
    ['q=100%25', 0],
  ])('filters with %s', async (query, expected) => {
    const response = await get(manager, `/api/requests?${query}`);
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response, RequestPage).total).toBe(expected);
  });

  it('pages with a cursor without repeating or skipping', async () => {
    const first = bodyOf(await get(manager, '/api/requests?limit=1'), RequestPage);
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = bodyOf(
      await get(manager, `/api/requests?limit=1&cursor=${first.nextCursor}`),
      RequestPage,
    );
    expect(second.items[0]!.number).toBe('CHG-2026-000001');
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a forged cursor with 400', async () => {
    const response = await get(manager, '/api/requests?cursor=bm90LWpzb24');
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.[0]?.path).toBe('query.cursor');
  });

  it('shows another customer nothing of ACME, and answers 404 for its ids', async () => {
    const list = bodyOf(await get(globex, '/api/requests'), RequestPage);
    expect(list.total).toBe(0);
    const acmeRequest = bodyOf(await get(manager, '/api/requests'), RequestPage).items[0]!.id;
    const response = await get(globex, `/api/requests/${acmeRequest}`);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('OCB0005121');
  });

  it('limits an integrator to the chosen perimeter', async () => {
    const cookie = await h.login('integrateur@partner.example');
    const session = bodyOf(await get(cookie, '/api/session'), SessionView);
    expect(session.perimeters.map((p: { name: string }) => p.name)).toEqual(['ACME', 'Globex']);
    expect(bodyOf(await get(cookie, '/api/requests'), RequestPage).total).toBe(2);
    const acmeRequest = bodyOf(await get(cookie, '/api/requests'), RequestPage).items[0]!.id;
    const switched = await h.app.inject({
      method: 'PUT',
      url: '/api/session/perimeter',
      payload: { customerId: demo.globex },
      headers: { cookie },
    });
    expect(switched.statusCode).toBe(200);
    expect(bodyOf(switched, SessionView).perimeter!.name).toBe('Globex');
    expect(bodyOf(await get(cookie, '/api/requests'), RequestPage).total).toBe(0);
    expect((await get(cookie, `/api/requests/${acmeRequest}`)).statusCode).toBe(404);
    expect(
      bodyOf(await get(cookie, '/api/contracts'), ContractList).items.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual(['OCB0007001']);
  });

  it('refuses a perimeter the user has no grant in', async () => {
    const response = await h.app.inject({
      method: 'PUT',
      url: '/api/session/perimeter',
      payload: { customerId: demo.globex },
      headers: { cookie: manager },
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('drafts', () => {
  it('saves an incomplete draft without validation, for its author only', async () => {
    const before = await footprint();
    const response = await post(manager, '/api/requests', {
      action: 'draft',
      contractId: 'OCB0005121',
      assetId: demo.acmeTenant,
      catalogId: demo.standard,
      articleId: demo.quotas,
      values: { lines: [{ quotaType: 'vcpus', requested: 'not yet' }] },
    });
    expect(response.statusCode).toBe(201);
    const draft = bodyOf(response, RequestDetail);
    expect(draft).toMatchObject({
      status: 'draft',
      group: 'draft',
      number: null,
      version: 1,
      canEdit: true,
    });
    expect(draft.values).toHaveProperty(['lines', 0, 'requested'], 'not yet');
    const after = await footprint();
    expect(after.requests).toBe(before.requests + 1);
    expect(after.usage).toEqual(before.usage);
    expect(after.counters).toEqual(before.counters);

    const mine = bodyOf(await get(manager, '/api/requests?group=draft'), RequestPage);
    expect(mine.items.map((item: { id: string }) => item.id)).toContain(draft.id);
    const theirs = bodyOf(await get(integrator, '/api/requests?group=draft'), RequestPage);
    expect(theirs.items.map((item: { id: string }) => item.id)).not.toContain(draft.id);
    expect((await get(viewer, `/api/requests/${draft.id}`)).statusCode).toBe(404);
  });

  it('edits a draft with optimistic locking, then confirms it with its final values', async () => {
    const created = bodyOf(
      await post(manager, '/api/requests', {
        action: 'draft',
        contractId: 'OCB0005121',
        values: {},
      }),
      RequestDetail,
    );
    const update = (version: number, reference: string) =>
      h.app.inject({
        method: 'PUT',
        url: `/api/requests/${created.id}`,
        headers: { cookie: manager },
        payload: { ...quotaRequest({ customerReference: reference }), action: undefined, version },
      });
    const saved = await update(1, 'first');
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      version: 2,
      customerReference: 'first',
      assetId: demo.acmeTenant,
    });
    const stale = await update(1, 'lost update');
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('conflict');
    expect(
      bodyOf(await get(manager, `/api/requests/${created.id}`), RequestDetail).customerReference,
    ).toBe('first');

    const confirmed = await post(manager, `/api/requests/${created.id}/confirm`, {
      ...quotaRequest({ customerReference: 'final' }),
      action: undefined,
      version: 2,
    });
    expect(confirmed.statusCode).toBe(200);
    const body = bodyOf(confirmed, RequestDetail);
    expect(body.status).toBe('submitted');
    expect(body.number).toMatch(/^CHG-2026-\d{6}$/);
    expect(body.customerReference).toBe('final');
    expect(body.billing!.kind).toBe('free');
    expect(body.canEdit).toBe(false);
    expect(body.events.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'updated',
      'confirmed',
    ]);
    expect(
      bodyOf(await get(manager, '/api/requests?group=transmise'), RequestPage).items[0]!.id,
    ).toBe(created.id);

    const again = await post(manager, `/api/requests/${created.id}/confirm`, {
      ...quotaRequest(),
      version: 3,
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('invalid_transition');
  });

  it('deletes a draft; a confirmed request cannot be deleted', async () => {
    const created = bodyOf(
      await post(manager, '/api/requests', { action: 'draft', contractId: 'OCB0005122' }),
      RequestDetail,
    );
    const del = await h.app.inject({
      method: 'DELETE',
      url: `/api/requests/${created.id}`,
      headers: { cookie: manager },
    });
    expect(del.statusCode).toBe(204);
    expect((await get(manager, `/api/requests/${created.id}`)).statusCode).toBe(404);
    const submitted = bodyOf(await get(manager, '/api/requests?group=transmise'), RequestPage)
      .items[0]!.id;
    const refused = await h.app.inject({
      method: 'DELETE',
      url: `/api/requests/${submitted}`,
      headers: { cookie: manager },
    });
    expect(refused.statusCode).toBe(409);
    expect((await get(manager, `/api/requests/${submitted}`)).statusCode).toBe(200);
  });

  it('keeps another user from editing or deleting someone’s draft', async () => {
    const created = bodyOf(
      await post(manager, '/api/requests', { action: 'draft', contractId: 'OCB0005121' }),
      RequestDetail,
    );
    const put = await h.app.inject({
      method: 'PUT',
      url: `/api/requests/${created.id}`,
      headers: { cookie: integrator },
      payload: { contractId: 'OCB0005121', version: 1 },
    });
    expect(put.statusCode).toBe(404);
    const del = await h.app.inject({
      method: 'DELETE',
      url: `/api/requests/${created.id}`,
      headers: { cookie: integrator },
    });
    expect(del.statusCode).toBe(404);
  });
});

describe('confirming a change request', () => {
  it('numbers it, records the event and decides a free change', async () => {
    const contracts = bodyOf(await get(manager, '/api/contracts'), ContractList).items;
    const left = contracts.find((c: { id: string }) => c.id === 'OCB0005121')!.freeChangesLeft;
    const response = await post(manager, '/api/requests', quotaRequest());
    expect(response.statusCode).toBe(201);
    const body = bodyOf(response, RequestDetail);
    expect(body.billing).toEqual({ kind: 'free', freeChangesLeft: left - 1 });
    expect(body.events.map((e) => e.toStatus)).toEqual(['draft', 'submitted']);
    expect(body.articleName!.fr).toBe('Modifier mes quotas');
    expect(body.categoryName!.fr).toBe('Quotas');
    expect(FormDefinitionInput.parse(body.form).fields.map((f) => f.key)).toEqual([
      'region',
      'project',
      'lines',
      'justification',
    ]);
  });

  it('stores the item’s current quota, not a tampered one', async () => {
    const response = await post(
      manager,
      '/api/requests',
      quotaRequest({
        values: { ...quotaValues, lines: [{ quotaType: 'vcpus', current: 1, requested: 21 }] },
      }),
    );
    expect(response.statusCode).toBe(201);
    expect(bodyOf(response, RequestDetail).values).toHaveProperty(['lines', 0], {
      quotaType: 'vcpus',
      current: 20,
      requested: 21,
    });
  });

  it.each([
    [
      'a missing required field and a bad pattern',
      { ...quotaValues, project: 'bad project!', justification: '' },
      ['values.justification', 'values.project'],
    ],
    [
      'a requested quota not above the current one',
      { ...quotaValues, lines: [{ quotaType: 'vcpus', requested: 20 }] },
      ['values.lines.0.requested'],
    ],
    [
      'a wrong type inside a row',
      { ...quotaValues, lines: [{ quotaType: 'vcpus', requested: 'many' }] },
      ['values.lines.0.requested'],
    ],
    [
      'an unknown choice and an unknown field',
      { ...quotaValues, region: 'mars-1', colour: 'red' },
      ['values.colour', 'values.region'],
    ],
    ['no rows', { ...quotaValues, lines: [] }, ['values.lines']],
  ])('refuses %s field by field and writes nothing', async (_, values, paths) => {
    const before = await footprint();
    const response = await post(manager, '/api/requests', quotaRequest({ values }));
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('form_values_invalid');
    expect(error.details?.map((d) => d.path).sort()).toEqual(paths);
    expect(await footprint()).toEqual(before);
  });

  it('says in French which field is wrong, for a French user', async () => {
    const response = await post(
      manager,
      '/api/requests',
      quotaRequest({ values: { ...quotaValues, lines: [{ quotaType: 'vcpus', requested: 5 }] } }),
    );
    expect(errorOf(response).details?.[0]?.message).toBe(
      'La valeur demandée doit être supérieure à la valeur actuelle',
    );
  });

  it('refuses the same quota type asked on two lines, on the second line', async () => {
    const before = await footprint();
    const twice = [
      { quotaType: 'instances', requested: 30 },
      { quotaType: 'instances', requested: 40 },
    ];
    const response = await post(
      manager,
      '/api/requests',
      quotaRequest({ values: { ...quotaValues, lines: twice } }),
    );
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('form_values_invalid');
    expect(error.details).toEqual([
      expect.objectContaining({
        path: 'values.lines.1.quotaType',
        rule: 'distinctRow',
        message: 'Déjà demandé à la ligne 1 : une ligne par valeur',
      }),
    ]);
    expect(await footprint()).toEqual(before);
  });

  it('refuses an incomplete request with each missing choice', async () => {
    const before = await footprint();
    const response = await post(manager, '/api/requests', {
      action: 'confirm',
      contractId: 'OCB0005121',
      values: {},
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.map((d) => d.path)).toEqual([
      'assetId',
      'catalogId',
      'articleId',
    ]);
    expect(await footprint()).toEqual(before);
  });

  it.each([
    ['another customer’s item', { assetId: demo.globexTenant }, 'assetId'],
    ['an item of another contract of the same customer', { assetId: demo.acme2Tenant }, 'assetId'],
    ['an unknown item', { assetId: '00000000-0000-4000-8000-000000000000' }, 'assetId'],
    [
      'a catalog that does not apply to the item',
      { assetId: demo.acmeGin, catalogId: demo.standard },
      'catalogId',
    ],
    ['an article of another catalog', { catalogId: demo.rds }, 'articleId'],
  ])('answers 404 for %s and writes nothing', async (_, overrides, path) => {
    const before = await footprint();
    const response = await post(manager, '/api/requests', quotaRequest(overrides));
    expect(response.statusCode).toBe(404);
    expect(errorOf(response).details?.[0]?.path).toBe(path);
    expect(response.body).not.toContain('Globex');
    expect(await footprint()).toEqual(before);
  });

  it('answers 404 for another customer’s contract and 403 with the reason for a Visiteur', async () => {
    const foreign = await post(
      manager,
      '/api/requests',
      quotaRequest({ contractId: 'OCB0007001' }),
    );
    expect(foreign.statusCode).toBe(404);
    const asViewer = await post(viewer, '/api/requests', quotaRequest());
    expect(asViewer.statusCode).toBe(403);
    expect(errorOf(asViewer).message).toBe('Profil Visiteur sur Demandes : lecture seule');
    const contracts = bodyOf(await get(viewer, '/api/contracts'), ContractList).items;
    expect(contracts[0]).toMatchObject({
      requestsProfile: 'viewer',
      createDenied: 'viewer_read_only',
    });
  });

  it('refuses the removal of more RDS licences than held', async () => {
    const response = await post(manager, '/api/requests', {
      action: 'confirm',
      contractId: 'OCB0005121',
      assetId: demo.acmeRds,
      catalogId: demo.rds,
      articleId: demo.rdsRemove,
      values: { quantity: 26 },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toEqual([
      {
        path: 'values.quantity',
        rule: 'rule',
        // The author's words in both languages, so that a screen renders its own (decision 0024).
        params: {
          fr: 'Vous ne pouvez pas supprimer plus de licences que vous n’en détenez',
          en: 'You cannot remove more licences than you hold',
        },
        message: 'Vous ne pouvez pas supprimer plus de licences que vous n’en détenez',
      },
    ]);
    const ok = await post(manager, '/api/requests', {
      action: 'confirm',
      contractId: 'OCB0005121',
      assetId: demo.acmeRds,
      catalogId: demo.rds,
      articleId: demo.rdsRemove,
      values: { quantity: 25 },
    });
    expect(ok.statusCode).toBe(201);
    expect(bodyOf(ok, RequestDetail).billing).toEqual({ kind: 'included' });
    expect(bodyOf(ok, RequestDetail).values).toEqual({ quantity: 25, licencesHeld: 25 });
  });

  it('sends an off-catalog request to quote', async () => {
    const response = await post(manager, '/api/requests', {
      action: 'confirm',
      contractId: 'OCB0005121',
      assetId: demo.acmeGin,
      catalogId: demo.ucb,
      articleId: demo.offCatalog,
      values: {
        subject: 'Dedicated link',
        description: 'A second dedicated link to our Lyon datacenter.',
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'quote_pending',
      group: 'en_cours',
      billing: { kind: 'quote' },
    });
  });

  it('keeps numbers gapless across refused confirmations', async () => {
    const ok = quotaRequest({ acknowledgeBilling: true });
    const first = bodyOf(await post(manager, '/api/requests', ok), RequestDetail).number as string;
    expect((await post(manager, '/api/requests', { ...ok, values: {} })).statusCode).toBe(400);
    expect(
      (await post(manager, '/api/requests', { ...ok, assetId: demo.globexTenant })).statusCode,
    ).toBe(404);
    const second = bodyOf(await post(manager, '/api/requests', ok), RequestDetail).number as string;
    expect(Number(second.slice(-6))).toBe(Number(first.slice(-6)) + 1);
  });
});

describe('the confirmation statement', () => {
  it('answers exactly what reading the request back gives (free, billable, on quote)', async () => {
    const { contractId, tenantId } = await buildContract(h.database.db, {
      freeChangesPerMonth: 0,
      managers: ['gestionnaire@acme.example'],
      tokenPriceEur: 40,
    });
    const withFree = await buildContract(h.database.db, {
      freeChangesPerMonth: 2,
      managers: ['gestionnaire@acme.example'],
    });
    const cookie = await h.login('gestionnaire@acme.example');
    const confirmations = [
      [
        cookie,
        quotaRequest({
          contractId: withFree.contractId,
          assetId: withFree.tenantId,
          values: { ...quotaValues, project: 'test' },
        }),
      ],
      [
        cookie,
        quotaRequest({
          contractId,
          assetId: tenantId,
          values: { ...quotaValues, project: 'test' },
          acknowledgeBilling: true,
          outsideBusinessHours: true,
          comment: 'Tonight please',
        }),
      ],
      [
        manager,
        {
          action: 'confirm',
          contractId: 'OCB0005121',
          assetId: demo.acmeGin,
          articleId: demo.offCatalog,
          values: { subject: 'Dedicated link', description: 'A second link to Lyon.' },
        },
      ],
    ] as const;
    const kinds: string[] = [];
    for (const [who, payload] of confirmations) {
      const created = await post(who, '/api/requests', payload);
      expect(created.statusCode).toBe(201);
      const read = await get(who, `/api/requests/${bodyOf(created, RequestDetail).id}`);
      expect(bodyOf(created, RequestDetail)).toEqual(bodyOf(read, RequestDetail));
      kinds.push(bodyOf(created, RequestDetail).billing!.kind);
    }
    expect(kinds).toEqual(['free', 'billable', 'quote']);
  });

  it('writes the receipt with the number the request got', async () => {
    const created = bodyOf(
      await post(manager, '/api/requests', quotaRequest({ acknowledgeBilling: true })),
      RequestDetail,
    );
    const mail = await h.database.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject', 'text_body', 'html_body', 'kind'])
      .where('request_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(mail).toMatchObject({
      to_address: 'gestionnaire@acme.example',
      kind: 'request_confirmed',
    });
    for (const part of [mail.subject, mail.text_body, mail.html_body ?? '']) {
      expect(part).toContain(created.number as string);
      expect(part).not.toMatch(/GUICHET[0-9a-f]{32}/);
    }
  });

  it('numbers past 999999 with more digits, as the domain formats them', async () => {
    const { db } = h.database;
    const year = 2026;
    const before = await db
      .selectFrom('request_counters')
      .select('last')
      .where('year', '=', year)
      .executeTakeFirst();
    await sql`INSERT INTO request_counters (year, last) VALUES (${year}, 999998)
              ON CONFLICT (year) DO UPDATE SET last = 999998`.execute(db);
    try {
      const numbers: string[] = [];
      for (let i = 0; i < 2; i += 1) {
        const response = await post(
          manager,
          '/api/requests',
          quotaRequest({ acknowledgeBilling: true }),
        );
        numbers.push(bodyOf(response, RequestDetail).number as string);
      }
      expect(numbers).toEqual([
        formatRequestNumber(year, 999999),
        formatRequestNumber(year, 1000000),
      ]);
      expect(numbers).toEqual(['CHG-2026-999999', 'CHG-2026-1000000']);
    } finally {
      await sql`UPDATE request_counters SET last = ${before?.last ?? 0} WHERE year = ${year}`.execute(
        db,
      );
    }
  });

  it('leaves an idempotency key unused when a billable change was not acknowledged', async () => {
    const { contractId, tenantId } = await buildContract(h.database.db, {
      freeChangesPerMonth: 0,
      managers: ['gestionnaire@acme.example'],
    });
    const cookie = await h.login('gestionnaire@acme.example');
    const request = quotaRequest({
      contractId,
      assetId: tenantId,
      values: { ...quotaValues, project: 'test' },
    });
    const send = (payload: unknown) =>
      h.app.inject({
        method: 'POST',
        url: '/api/requests',
        payload: payload as object,
        headers: { cookie, 'idempotency-key': 'ack-later' },
      });
    const before = await footprint();
    const refused = await send(request);
    expect(errorOf(refused).code).toBe('billing_not_acknowledged');
    expect(await footprint()).toEqual(before);
    const accepted = await send({ ...request, acknowledgeBilling: true });
    expect(accepted.statusCode).toBe(201);
    expect(
      (await send({ ...request, acknowledgeBilling: true })).headers['idempotent-replayed'],
    ).toBe('true');
  });
});

describe('confirming a draft in one statement', () => {
  const author = 'gestionnaire@acme.example';

  async function draftOn(cookie: string, contractId: string, tenantId: string) {
    const created = await post(cookie, '/api/requests', {
      ...quotaRequest({
        contractId,
        assetId: tenantId,
        values: { ...quotaValues, project: 'test' },
      }),
      action: 'draft',
    });
    expect(created.statusCode).toBe(201);
    return bodyOf(created, RequestDetail).id;
  }

  function confirmBody(contractId: string, tenantId: string, version: number, more = {}) {
    return {
      ...quotaRequest({
        contractId,
        assetId: tenantId,
        values: { ...quotaValues, project: 'test' },
      }),
      action: undefined,
      version,
      ...more,
    };
  }

  /** What a confirmed request holds, without what differs between two of them by nature. */
  async function written(cookie: string, id: string) {
    const detail = bodyOf(await get(cookie, `/api/requests/${id}`), RequestDetail);
    const { db } = h.database;
    const mail = await db
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject', 'text_body', 'html_body', 'kind'])
      .where('request_id', '=', id)
      .execute();
    const totals = await db
      .selectFrom('request_totals')
      .select(['status', 'n'])
      .where('contract_id', '=', detail.contractId)
      .execute();
    const usage = await db
      .selectFrom('free_change_usage')
      .select('used')
      .where('contract_id', '=', detail.contractId)
      .execute();
    const anonymous = (text: string | null) =>
      (text ?? '').replaceAll(detail.number ?? 'NUMBER', 'NUMBER').replaceAll(id, 'ID');
    return {
      detail: {
        ...detail,
        id: 'ID',
        number: 'NUMBER',
        contractId: 'CONTRACT',
        assetId: 'ASSET',
        assetReference: 'ASSET',
        reference: undefined,
        version: undefined,
        events: detail.events
          .filter((event) => event.kind !== 'updated')
          .map(({ kind, fromStatus, toStatus }) => ({ kind, fromStatus, toStatus })),
      },
      mail: mail.map((m) => ({
        ...m,
        subject: anonymous(m.subject),
        text_body: anonymous(m.text_body),
        html_body: anonymous(m.html_body),
      })),
      totals,
      usage,
    };
  }

  it('writes what confirming the same request at once writes: row, events, receipt, totals (free, then billable)', async () => {
    const direct = await buildContract(h.database.db, {
      freeChangesPerMonth: 1,
      managers: [author],
    });
    const drafted = await buildContract(h.database.db, {
      freeChangesPerMonth: 1,
      managers: [author],
    });
    const cookie = await h.login(author);
    for (const kind of ['free', 'billable']) {
      const atOnce = await post(
        cookie,
        '/api/requests',
        quotaRequest({
          contractId: direct.contractId,
          assetId: direct.tenantId,
          values: { ...quotaValues, project: 'test' },
          acknowledgeBilling: true,
        }),
      );
      expect(atOnce.statusCode).toBe(201);
      const id = await draftOn(cookie, drafted.contractId, drafted.tenantId);
      const confirmed = await post(
        cookie,
        `/api/requests/${id}/confirm`,
        confirmBody(drafted.contractId, drafted.tenantId, 1, { acknowledgeBilling: true }),
      );
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json()).toMatchObject({ version: 2, status: 'submitted', canEdit: false });
      expect(bodyOf(confirmed, RequestDetail).billing?.kind).toBe(kind);
      expect(bodyOf(confirmed, RequestDetail).number).toMatch(/^CHG-2026-\d{6}$/);
      const fromDraft = await written(cookie, id);
      expect(fromDraft).toEqual(await written(cookie, bodyOf(atOnce, RequestDetail).id));
      expect(fromDraft.mail).toHaveLength(1);
      expect(fromDraft.mail[0]?.subject).toContain('NUMBER');
    }
    expect(await requestTotalsDrift(h.database.db)).toEqual([]);
  });

  it('refuses a billable draft without the acknowledgement and leaves it a draft', async () => {
    const { contractId, tenantId } = await buildContract(h.database.db, {
      freeChangesPerMonth: 0,
      managers: [author],
    });
    const cookie = await h.login(author);
    const id = await draftOn(cookie, contractId, tenantId);
    const before = await footprint();
    const refused = await post(
      cookie,
      `/api/requests/${id}/confirm`,
      confirmBody(contractId, tenantId, 1),
    );
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).code).toBe('billing_not_acknowledged');
    expect(await footprint()).toEqual(before);
    expect((await get(cookie, `/api/requests/${id}`)).json()).toMatchObject({
      status: 'draft',
      version: 1,
      number: null,
    });
  });

  /** Until the returned function is called, the draft's row is locked by another transaction. */
  async function holdDraft(id: string) {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = h.database.db.transaction().execute(async (trx) => {
      await sql`SELECT id FROM requests WHERE id = ${id} FOR UPDATE`.execute(trx);
      locked();
      await released;
    });
    await isLocked;
    return async () => {
      release();
      await holder;
    };
  }

  async function waitForLockWaiters(count: number) {
    for (let attempt = 0; attempt < 500; attempt += 1) {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(h.database.db);
      if ((rows[0]?.n ?? 0) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${count} statements never waited on the draft`);
  }

  async function confirmedEvents(id: string) {
    return h.database.db
      .selectFrom('request_events')
      .select('kind')
      .where('request_id', '=', id)
      .where('kind', '=', 'confirmed')
      .execute();
  }

  it('lets exactly one of two confirmations of one draft at the same instant win; the other gets 409', async () => {
    const { contractId, tenantId } = await buildContract(h.database.db, {
      freeChangesPerMonth: 1,
      managers: [author],
    });
    const cookie = await h.login(author);
    const id = await draftOn(cookie, contractId, tenantId);
    const before = await footprint();
    const release = await holdDraft(id);
    const confirming = [1, 2].map(() =>
      post(cookie, `/api/requests/${id}/confirm`, confirmBody(contractId, tenantId, 1)),
    );
    // both read the draft at version 1 and wait on its row in the statement
    await waitForLockWaiters(2);
    await release();
    const responses = await Promise.all(confirming);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const lost = responses.find((r) => r.statusCode === 409);
    expect(lost && errorOf(lost).code).toBe('invalid_transition');
    expect(await confirmedEvents(id)).toHaveLength(1);
    const after = await footprint();
    expect(after.requests).toBe(before.requests);
    expect(after.events).toBe(before.events + 1);
    const year = (rows: typeof before.counters) => rows.find((row) => row.year === 2026)?.last;
    expect(year(after.counters)).toBe((year(before.counters) ?? 0) + 1);
    const usage = after.usage.filter((row) => row.contract_id === contractId);
    expect(usage.map((row) => row.used)).toEqual([1]);
    const mails = await h.database.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('request_id', '=', id)
      .execute();
    expect(mails).toHaveLength(1);
  });

  it.each([
    ['the edit', 'second', 'conflict'],
    ['the confirmation', 'first', 'invalid_transition'],
  ] as const)(
    'settles a draft confirmed while being edited: %s first wins, the other gets 409',
    async (_winner, confirmationTurn, code) => {
      const { contractId, tenantId } = await buildContract(h.database.db, {
        freeChangesPerMonth: 1,
        managers: [author],
      });
      const cookie = await h.login(author);
      const id = await draftOn(cookie, contractId, tenantId);
      const edit = () =>
        h.app.inject({
          method: 'PUT',
          url: `/api/requests/${id}`,
          headers: { cookie },
          payload: { ...confirmBody(contractId, tenantId, 1), customerReference: 'edited' },
        });
      const confirm = () =>
        post(cookie, `/api/requests/${id}/confirm`, {
          ...confirmBody(contractId, tenantId, 1),
          customerReference: 'confirmed',
        });
      const release = await holdDraft(id);
      // the one sent first queues first on the draft's row
      const first = confirmationTurn === 'first' ? confirm() : edit();
      await waitForLockWaiters(1);
      const second = confirmationTurn === 'first' ? edit() : confirm();
      await waitForLockWaiters(2);
      await release();
      const [confirmed, edited] =
        confirmationTurn === 'first'
          ? await Promise.all([first, second])
          : (await Promise.all([first, second])).reverse();
      if (!confirmed || !edited) throw new Error('two answers expected');
      const detail = bodyOf(await get(cookie, `/api/requests/${id}`), RequestDetail);
      if (code === 'conflict') {
        // the edit won: the draft holds it, the confirmation saw another version
        expect(edited.statusCode).toBe(200);
        expect(confirmed.statusCode).toBe(409);
        expect(errorOf(confirmed).code).toBe('conflict');
        expect(detail).toMatchObject({ status: 'draft', version: 2, customerReference: 'edited' });
        expect(await confirmedEvents(id)).toHaveLength(0);
      } else {
        expect(confirmed.statusCode).toBe(200);
        expect(edited.statusCode).toBe(409);
        expect(errorOf(edited).code).toBe('invalid_transition');
        expect(detail).toMatchObject({
          status: 'submitted',
          version: 2,
          customerReference: 'confirmed',
        });
        expect(await confirmedEvents(id)).toHaveLength(1);
      }
    },
  );
});

describe('billing', () => {
  it('asks to acknowledge a billable change, then stores its price (× 2 outside business hours)', async () => {
    const { contractId, tenantId } = await buildContract(h.database.db, {
      freeChangesPerMonth: 0,
      managers: ['gestionnaire@acme.example'],
      tokenPriceEur: 40,
    });
    const cookie = await h.login('gestionnaire@acme.example');
    const request = quotaRequest({
      contractId,
      assetId: tenantId,
      values: { ...quotaValues, project: 'test' },
    });
    const preview = await post(cookie, '/api/requests/preview', {
      contractId,
      assetId: tenantId,
      articleId: demo.quotas,
    });
    expect(bodyOf(preview, PreviewView).billing).toEqual({
      kind: 'billable',
      priceTokens: 2,
      priceEur: 80,
    });

    const before = await footprint();
    const refused = await post(cookie, '/api/requests', request);
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).code).toBe('billing_not_acknowledged');
    expect(errorOf(refused).details?.[0]?.path).toBe('acknowledgeBilling');
    expect(await footprint()).toEqual(before);

    const accepted = await post(cookie, '/api/requests', { ...request, acknowledgeBilling: true });
    expect(accepted.statusCode).toBe(201);
    expect(bodyOf(accepted, RequestDetail).billing).toEqual({
      kind: 'billable',
      priceTokens: 2,
      priceEur: 80,
    });
    const night = await post(cookie, '/api/requests', {
      ...request,
      acknowledgeBilling: true,
      outsideBusinessHours: true,
    });
    expect(bodyOf(night, RequestDetail).billing).toEqual({
      kind: 'billable',
      priceTokens: 4,
      priceEur: 160,
    });
  });

  it('gives the last free change to exactly one of two racing confirmations', async () => {
    const { contractId, tenantId } = await buildContract(h.database.db, {
      freeChangesPerMonth: 1,
      managers: ['gestionnaire@acme.example', 'integrateur@partner.example'],
    });
    const [a, b] = await Promise.all([
      h.login('gestionnaire@acme.example'),
      h.login('integrateur@partner.example'),
    ]);
    const request = quotaRequest({
      contractId,
      assetId: tenantId,
      values: { ...quotaValues, project: 'test' },
      acknowledgeBilling: true,
    });
    const responses = await Promise.all([
      post(a, '/api/requests', request),
      post(b, '/api/requests', request),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201]);
    const kinds = responses.map((r) => bodyOf(r, RequestDetail).billing!.kind).sort();
    expect(kinds).toEqual(['billable', 'free']);
    const usage = await h.database.db
      .selectFrom('free_change_usage')
      .select('used')
      .where('contract_id', '=', contractId)
      .execute();
    expect(usage).toEqual([{ used: 1 }]);
  });

  it('counts free changes per calendar month in the contract’s time zone', async () => {
    const { contractId, tenantId } = await buildContract(h.database.db, {
      freeChangesPerMonth: 1,
      managers: ['gestionnaire@acme.example'],
    });
    const request = quotaRequest({
      contractId,
      assetId: tenantId,
      values: { ...quotaValues, project: 'test' },
      acknowledgeBilling: true,
    });
    h.setNow(new Date('2026-11-30T23:30:00Z')); // 00:30 on 1 December in Paris
    try {
      const cookie = await h.login('gestionnaire@acme.example');
      expect(
        bodyOf(await post(cookie, '/api/requests', request), RequestDetail).billing!.kind,
      ).toBe('free');
      expect(
        bodyOf(await post(cookie, '/api/requests', request), RequestDetail).billing!.kind,
      ).toBe('billable');
      const months = await h.database.db
        .selectFrom('free_change_usage')
        .select('month')
        .where('contract_id', '=', contractId)
        .execute();
      expect(months).toEqual([{ month: '2026-12-01' }]);
    } finally {
      h.setNow(new Date('2026-11-20T10:00:00Z'));
    }
  });
});

describe('preview', () => {
  it('warns about open changes on the same item and shows the cost', async () => {
    const response = await post(manager, '/api/requests/preview', {
      contractId: 'OCB0005121',
      assetId: demo.acmeTenant,
      articleId: demo.other,
    });
    expect(response.statusCode).toBe(200);
    const body = bodyOf(response, PreviewView);
    expect(body.openRequests.length).toBeGreaterThanOrEqual(2);
    expect(body.billing!.kind).toMatch(/free|billable/);
    const quiet = bodyOf(
      await post(manager, '/api/requests/preview', {
        contractId: 'OCB0005122',
        assetId: demo.acme2Tenant,
      }),
      PreviewView,
    );
    expect(quiet.openRequests).toEqual([]);
    expect(quiet.billing).toBeNull();
  });

  it('answers 404 for another customer’s contract or item', async () => {
    expect(
      (await post(globex, '/api/requests/preview', { contractId: 'OCB0005121' })).statusCode,
    ).toBe(404);
    expect(
      (
        await post(globex, '/api/requests/preview', {
          contractId: 'OCB0007001',
          assetId: demo.acmeTenant,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('bad input', () => {
  it.each([
    ['malformed JSON', '{"action":', 'application/json'],
    ['a body that is not an object', '42', 'application/json'],
  ])('answers 400 to %s', async (_, payload, contentType) => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      payload,
      headers: { cookie: manager, 'content-type': contentType },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('validation_failed');
  });

  it('answers 400 with the field for a malformed id or contract', async () => {
    const badId = await get(manager, '/api/requests/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    const badContract = await post(manager, '/api/requests', { action: 'draft', contractId: 'x' });
    expect(badContract.statusCode).toBe(400);
    expect(errorOf(badContract).details?.[0]?.path).toBe('contractId');
  });

  it('never leaks SQL or a stack trace', async () => {
    const response = await get(manager, "/api/requests?q=' OR 1=1 --");
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response, RequestPage).total).toBe(0);
  });
});

describe('the database', () => {
  it('keeps every confirmed request whole: number, item, version, billing and events', async () => {
    const broken = await sql<{ n: string }>`
      SELECT count(*) AS n FROM requests r
      WHERE r.status <> 'draft' AND (r.number IS NULL OR r.billing IS NULL OR r.article_version_id IS NULL
        OR NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.kind = 'confirmed'))`.execute(
      h.database.db,
    );
    expect(broken.rows[0]?.n).toBe('0');
  });

  it('keeps the list’s totals equal to a count of the requests, after every test above', async () => {
    expect(await requestTotalsDrift(h.database.db)).toEqual([]);
    const total = await sql<{ n: string }>`SELECT sum(n)::text AS n FROM request_totals`.execute(
      h.database.db,
    );
    expect(Number(total.rows[0]?.n)).toBeGreaterThan(10);
  });
});

describe('blank answers', () => {
  it('treats an optional field sent blank as no answer', async () => {
    const response = await post(manager, '/api/requests', {
      action: 'confirm',
      contractId: 'OCB0005121',
      assetId: demo.acmeGin,
      catalogId: demo.gin,
      articleId: demo.ginChange,
      acknowledgeBilling: true,
      values: {
        changeType: 'bandwidth',
        networkDetails: 'From 100 to 200 Mbit/s please.',
        wantedDate: '',
      },
    });
    expect(response.statusCode).toBe(201);
    expect(bodyOf(response, RequestDetail).values).toEqual({
      changeType: 'bandwidth',
      networkDetails: 'From 100 to 200 Mbit/s please.',
    });
  });
});
