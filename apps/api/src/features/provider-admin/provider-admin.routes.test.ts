import {
  AdminContractPage,
  AdminContractView,
  AdminCustomerPage,
  AdminCustomerView,
  ContractList,
  RequestFollowUp,
} from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../seed/demo-data.ts';
import { stableId } from '../../seed/stable-id.ts';
import { createHarness, demo, errorOf, testNow, bodyOf } from '../../test/harness.ts';
import { createLifecycle } from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';
import { invitationTokenFor, uniqueIdentity } from '../../test/rights-builders.ts';

const h = await createHarness();
let admin = '';
let agent = '';
let catalogManager = '';
let customer = '';
let life: Lifecycle;

beforeAll(async () => {
  [admin, agent, catalogManager, customer] = await Promise.all([
    h.login('admin@guichet.example'),
    h.login('agent@guichet.example'),
    h.login('catalogue@guichet.example'),
    h.login('gestionnaire@acme.example'),
  ]);
  life = await createLifecycle(h);
});
afterAll(() => h.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
const call = (cookie: string | null, method: Method, url: string, payload?: unknown) =>
  h.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

async function auditRows(kind: string, targetId: string) {
  return h.database.db
    .selectFrom('audit_events')
    .select(['kind', 'actor_email', 'target_type', 'data'])
    .where('kind', '=', kind)
    .where('target_id', '=', targetId)
    .execute();
}

const contractBody = (overrides: Record<string, unknown> = {}) => ({
  id: 'OCB0009001',
  customerId: '',
  supportLevel: 'Silver',
  freeChangesPerMonth: 5,
  tokenPriceEur: 50,
  timeZone: 'Europe/Paris',
  startsOn: '2026-11-01',
  ...overrides,
});

describe('the seed', () => {
  it('made the demo customers and contracts through the service, and skips them when present', async () => {
    const read = () =>
      h.database.db
        .selectFrom('contracts')
        .innerJoin('customers', 'customers.id', 'contracts.customer_id')
        .select([
          'contracts.id',
          'customers.name',
          'contracts.support_level',
          'contracts.free_changes_per_month',
          'contracts.token_price_eur',
          'contracts.status',
          'contracts.starts_on',
          'contracts.version',
        ])
        .orderBy('contracts.id')
        .execute();
    const before = await read();
    expect(before).toEqual(
      [
        ['OCB0005121', 'ACME', 'Gold', 5, '50.00'],
        ['OCB0005122', 'ACME', 'Silver', 3, '50.00'],
        ['OCB0007001', 'Globex', 'Standard', 2, '55.00'],
      ].map(([id, name, level, free, price]) => ({
        id,
        name,
        support_level: level,
        free_changes_per_month: free,
        token_price_eur: price,
        status: 'active',
        starts_on: '2026-01-01',
        version: 1,
      })),
    );
    await seedDemoData({ db: h.database.db, clock: () => testNow });
    expect(await read()).toEqual(before);
    const customers = await h.database.db.selectFrom('customers').select('id').execute();
    expect(customers.map((row) => row.id).sort()).toEqual([demo.acme, demo.globex].sort());
  });

  it('made the accounts by invitations accepted at once (no mail, no audit), referents and grants as the README says, and a restart keeps what the provider changed', async () => {
    const db = h.database.db;
    const emails = [
      'gestionnaire@acme.example',
      'visiteur@acme.example',
      'gestionnaire@globex.example',
      'integrateur@partner.example',
      'agent@guichet.example',
      'catalogue@guichet.example',
      'admin@guichet.example',
    ];
    const accounts = await db
      .selectFrom('users')
      .innerJoin('invitations', 'invitations.user_id', 'users.id')
      .select(['users.id', 'users.email', 'users.display_name', 'users.login'])
      .select((eb) => eb('invitations.used_at', 'is not', null).as('accepted'))
      .where('users.email', 'in', emails)
      .orderBy('users.email')
      .execute();
    expect(accounts).toEqual(
      [
        ['admin@guichet.example', 'Administration Guichet', 'admin.guichet'],
        ['agent@guichet.example', 'Agent Guichet', 'agent.guichet'],
        ['catalogue@guichet.example', 'Gestion des catalogues', 'catalogue.guichet'],
        ['gestionnaire@acme.example', 'Camille Martin', 'camille.martin'],
        ['gestionnaire@globex.example', 'Alex Dupont', 'alex.dupont'],
        ['integrateur@partner.example', 'Sacha Bernard', 'sacha.bernard'],
        ['visiteur@acme.example', 'Dominique Petit', 'dominique.petit'],
      ].map(([email, name, login]) => ({
        id: stableId(`user:${email}`),
        email,
        display_name: name,
        login,
        accepted: true,
      })),
    );
    const ids = accounts.map((account) => account.id);
    const mails = await db
      .selectFrom('mail_outbox')
      .select('id')
      .where('to_address', 'in', emails)
      .where('kind', 'in', ['invitation', 'access_granted'])
      .execute();
    expect(mails).toEqual([]);
    const audits = await db
      .selectFrom('audit_events')
      .select('kind')
      .where((eb) =>
        eb.or([
          eb('target_id', 'in', [...ids, 'OCB0005121', 'OCB0005122', 'OCB0007001']),
          eb('kind', 'in', ['user_invited', 'operator_invited', 'contract_created']),
        ]),
      )
      .execute();
    expect(audits).toEqual([]);
    const referents = await db
      .selectFrom('contracts')
      .select(['id', 'referent_user_id'])
      .orderBy('id')
      .execute();
    const camille = stableId('user:gestionnaire@acme.example');
    const alex = stableId('user:gestionnaire@globex.example');
    expect(referents).toEqual([
      { id: 'OCB0005121', referent_user_id: camille },
      { id: 'OCB0005122', referent_user_id: camille },
      { id: 'OCB0007001', referent_user_id: alex },
    ]);
    const grantsOf = (userId: string) =>
      db
        .selectFrom('grants')
        .select(['contract_id', 'section', 'profile'])
        .where('user_id', '=', userId)
        .orderBy('contract_id')
        .orderBy('section')
        .execute();
    expect(await grantsOf(camille)).toEqual(
      ['OCB0005121', 'OCB0005122'].flatMap((contractId) =>
        (
          [
            ['contracts', 'viewer'],
            ['inventory', 'manager'],
            ['requests', 'manager'],
            ['users', 'manager'],
          ] as const
        ).map(([section, profile]) => ({ contract_id: contractId, section, profile })),
      ),
    );
    expect(await grantsOf(stableId('user:integrateur@partner.example'))).toEqual(
      ['OCB0005121', 'OCB0007001'].flatMap((contractId) =>
        (['inventory', 'requests'] as const).map((section) => ({
          contract_id: contractId,
          section,
          profile: 'manager',
        })),
      ),
    );

    // the provider takes Dominique's rights on OCB0005122 away: a restart gives none back
    const dominique = stableId('user:visiteur@acme.example');
    const taken = await db
      .deleteFrom('grants')
      .where('user_id', '=', dominique)
      .where('contract_id', '=', 'OCB0005122')
      .returningAll()
      .execute();
    expect(taken).toHaveLength(2);
    const before = await grantsOf(dominique);
    await seedDemoData({ db, clock: () => testNow });
    expect(await grantsOf(dominique)).toEqual(before);
    expect(before.map((grant) => grant.contract_id)).toEqual(['OCB0005121', 'OCB0005121']);
    await db.insertInto('grants').values(taken).execute();
  });
});

describe('customers', () => {
  let initech = '';
  const referent = { ...uniqueIdentity('initech'), locale: 'en' as const };

  it('creates Initech, audited, and finds it by a part of its name', async () => {
    const created = await call(admin, 'POST', '/api/back-office/customers', {
      name: 'Initech',
      registrationNumber: 'FR40123456789',
      locale: 'en',
    });
    expect(created.statusCode, created.body).toBe(201);
    initech = bodyOf(created, AdminCustomerView).id;
    expect(created.json()).toMatchObject({
      name: 'Initech',
      registrationNumber: 'FR40123456789',
      locale: 'en',
      contractCount: 0,
      contracts: [],
      version: 1,
    });
    const audit = await auditRows('customer_created', initech);
    expect(audit).toEqual([
      {
        kind: 'customer_created',
        actor_email: 'admin@guichet.example',
        target_type: 'customer',
        data: { after: { name: 'Initech', registrationNumber: 'FR40123456789', locale: 'en' } },
      },
    ]);
    const found = await call(admin, 'GET', '/api/back-office/customers?q=nitec');
    expect(
      bodyOf(found, AdminCustomerPage).items.map((item: { name: string }) => item.name),
    ).toEqual(['Initech']);
    expect(bodyOf(found, AdminCustomerPage).total).toBe(1);
  });

  it('refuses a second customer of the same name: 409 on name', async () => {
    const response = await call(admin, 'POST', '/api/back-office/customers', { name: 'initech' });
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).details?.map((detail) => detail.path)).toEqual(['name']);
  });

  it('pages the customers by name with a cursor', async () => {
    const first = await call(admin, 'GET', '/api/back-office/customers?limit=2');
    expect(first.statusCode, first.body).toBe(200);
    const page = bodyOf(first, AdminCustomerPage);
    expect(page.items.map((item: { name: string }) => item.name)).toEqual(['ACME', 'Globex']);
    expect(page.total).toBe(3);
    const next = await call(
      admin,
      'GET',
      `/api/back-office/customers?limit=2&cursor=${page.nextCursor}`,
    );
    expect(
      bodyOf(next, AdminCustomerPage).items.map((item: { name: string }) => item.name),
    ).toEqual(['Initech']);
    expect(bodyOf(next, AdminCustomerPage).nextCursor).toBeNull();
  });

  it('creates contract OCB0009001 with 5 free changes at 50 € a token, its referent invited', async () => {
    const response = await call(
      admin,
      'POST',
      '/api/back-office/contracts',
      contractBody({
        customerId: initech,
        referent: {
          kind: 'new',
          email: referent.email,
          firstName: referent.firstName,
          lastName: referent.lastName,
          locale: 'en',
        },
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const contract = bodyOf(response, AdminContractView);
    expect(contract).toMatchObject({
      id: 'OCB0009001',
      customerId: initech,
      customerName: 'Initech',
      offer: 'Flexible Engine',
      supportLevel: 'Silver',
      freeChangesPerMonth: 5,
      tokenPriceEur: 50,
      timeZone: 'Europe/Paris',
      status: 'active',
      startsOn: '2026-11-01',
      endsOn: null,
      referent: { email: referent.email, status: 'invited' },
      counts: { users: 1, assets: 0, requests: 0, openRequests: 0 },
      version: 1,
    });
    const row = await h.database.db
      .selectFrom('contracts')
      .select(['referent_user_id', 'token_price_eur'])
      .where('id', '=', 'OCB0009001')
      .executeTakeFirstOrThrow();
    expect(row.referent_user_id).toBe(contract.referent!.id);
    expect(row.token_price_eur).toBe('50.00');
    const grants = await h.database.db
      .selectFrom('grants')
      .select(['section', 'profile'])
      .where('user_id', '=', contract.referent!.id)
      .orderBy('section')
      .execute();
    expect(grants).toEqual(
      ['contracts', 'inventory', 'requests', 'users'].map((section) => ({
        section,
        profile: 'manager',
      })),
    );
    const user = await h.database.db
      .selectFrom('users')
      .select(['locale', 'kind', 'display_name'])
      .where('id', '=', contract.referent!.id)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({
      locale: 'en',
      kind: 'customer',
      display_name: `${referent.firstName} ${referent.lastName}`,
    });
    const mail = await h.database.db
      .selectFrom('mail_outbox')
      .select(['kind', 'text_body'])
      .where('to_address', '=', referent.email)
      .execute();
    expect(mail.map((item) => item.kind)).toEqual(['invitation']);
    expect(mail[0]?.text_body).toContain('OCB0009001');
    expect(await invitationTokenFor(h, referent.email)).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const audit = await auditRows('contract_created', 'OCB0009001');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_email).toBe('admin@guichet.example');
    expect(audit[0]?.data).toMatchObject({
      customerId: initech,
      after: { freeChangesPerMonth: 5, tokenPriceEur: 50, status: 'active' },
      referent: { kind: 'new', userId: contract.referent!.id },
    });
    expect(await auditRows('user_invited', contract.referent!.id)).toHaveLength(1);
  });

  it('shows the customer with its contract and its users', async () => {
    const response = await call(admin, 'GET', `/api/back-office/customers/${initech}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(bodyOf(response, AdminCustomerView).contractCount).toBe(1);
    expect(bodyOf(response, AdminCustomerView).contracts).toEqual([
      expect.objectContaining({ id: 'OCB0009001', status: 'active', customerName: 'Initech' }),
    ]);
    expect(
      bodyOf(response, AdminCustomerView).users.map((user: { email: string }) => user.email),
    ).toEqual([referent.email]);
  });

  it('names an existing user of the customer as a new contract’s referent', async () => {
    const existing = bodyOf(
      await call(admin, 'GET', `/api/back-office/customers/${initech}`),
      AdminCustomerView,
    ).users[0]!.id;
    const response = await call(
      admin,
      'POST',
      '/api/back-office/contracts',
      contractBody({
        id: 'OCB0009002',
        customerId: initech,
        referent: { kind: 'existing', userId: existing },
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(bodyOf(response, AdminContractView).referent!.id).toBe(existing);
    expect(bodyOf(response, AdminContractView).counts.users).toBe(1);
  });

  it('refuses a user of another customer as referent (404 on referent.userId)', async () => {
    const response = await call(
      admin,
      'POST',
      '/api/back-office/contracts',
      contractBody({
        id: 'OCB0009003',
        customerId: initech,
        referent: { kind: 'existing', userId: demo.acme },
      }),
    );
    expect(response.statusCode).toBe(404);
    expect(errorOf(response).details?.map((detail) => detail.path)).toEqual(['referent.userId']);
    expect(await contractCount('OCB0009003')).toBe(0);
  });

  it('refuses a new referent whose e-mail has an account (409, nothing written)', async () => {
    const response = await call(
      admin,
      'POST',
      '/api/back-office/contracts',
      contractBody({
        id: 'OCB0009003',
        customerId: initech,
        referent: {
          kind: 'new',
          email: 'gestionnaire@acme.example',
          firstName: 'Camille',
          lastName: 'Martin',
          locale: 'fr',
        },
      }),
    );
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).details?.map((detail) => detail.path)).toEqual(['referent.email']);
    expect(await contractCount('OCB0009003')).toBe(0);
  });

  it('edits the customer from the version read; a stale version is a 409', async () => {
    const edited = await call(admin, 'PATCH', `/api/back-office/customers/${initech}`, {
      version: 1,
      name: 'Initech SA',
      registrationNumber: null,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      name: 'Initech SA',
      registrationNumber: null,
      version: 2,
    });
    const stale = await call(admin, 'PATCH', `/api/back-office/customers/${initech}`, {
      version: 1,
      name: 'Initech Corp',
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('conflict');
    const row = await h.database.db
      .selectFrom('customers')
      .select(['name', 'version'])
      .where('id', '=', initech)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Initech SA', version: 2 });
    expect((await auditRows('customer_updated', initech)).map((item) => item.data)).toEqual([
      {
        before: { name: 'Initech', registrationNumber: 'FR40123456789' },
        after: { name: 'Initech SA', registrationNumber: null },
      },
    ]);
  });

  it('answers 404 for an unknown customer', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await call(admin, 'GET', `/api/back-office/customers/${id}`)).statusCode).toBe(404);
    const contract = await call(
      admin,
      'POST',
      '/api/back-office/contracts',
      contractBody({ id: 'OCB0009004', customerId: id }),
    );
    expect(contract.statusCode).toBe(404);
    expect(errorOf(contract).details?.map((detail) => detail.path)).toEqual(['customerId']);
  });
});

async function contractCount(id: string): Promise<number> {
  const rows = await h.database.db
    .selectFrom('contracts')
    .select('id')
    .where('id', '=', id)
    .execute();
  return rows.length;
}

describe('contract refusals', () => {
  it('answers 409 on id for an id already taken', async () => {
    const response = await call(
      admin,
      'POST',
      '/api/back-office/contracts',
      contractBody({ id: 'OCB0005121', customerId: demo.acme }),
    );
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).details).toEqual([
      expect.objectContaining({ path: 'id', rule: 'id_taken' }),
    ]);
  });

  it('answers 400 validation_failed with each field’s path for a bad id and bad terms', async () => {
    const response = await call(
      admin,
      'POST',
      '/api/back-office/contracts',
      contractBody({
        id: 'OCB12',
        customerId: demo.acme,
        supportLevel: 'Platinum',
        freeChangesPerMonth: 1001,
        tokenPriceEur: 12.345,
        timeZone: 'Europe/Atlantis',
        endsOn: '2026-10-31',
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('validation_failed');
    expect(errorOf(response).details?.map((detail) => `${detail.path}:${detail.rule}`)).toEqual([
      'id:contract_id',
      'supportLevel:support_level',
      'freeChangesPerMonth:free_changes',
      'tokenPriceEur:cents',
      'timeZone:time_zone',
      'endsOn:ends_before_start',
    ]);
    expect(await contractCount('OCB12')).toBe(0);
  });

  it('answers 400 with the path of a field of the wrong type (schema)', async () => {
    const response = await call(
      admin,
      'POST',
      '/api/back-office/contracts',
      contractBody({ customerId: demo.acme, freeChangesPerMonth: 'five' }),
    );
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.map((detail) => detail.path)).toEqual([
      'freeChangesPerMonth',
    ]);
  });

  it.each([
    ['an agent', () => agent],
    ['a catalog manager', () => catalogManager],
    ['a customer', () => customer],
  ])('refuses %s with 403 on every route', async (_who, cookieOf) => {
    const cookie = cookieOf();
    const calls: [Method, string, unknown?][] = [
      ['GET', '/api/back-office/customers'],
      ['GET', `/api/back-office/customers/${demo.acme}`],
      ['POST', '/api/back-office/customers', { name: 'Umbrella' }],
      ['PATCH', `/api/back-office/customers/${demo.acme}`, { version: 1, name: 'X' }],
      ['GET', '/api/back-office/contracts'],
      ['GET', '/api/back-office/contracts/OCB0005121'],
      ['POST', '/api/back-office/contracts', contractBody({ customerId: demo.acme })],
      ['PATCH', '/api/back-office/contracts/OCB0005121', { version: 1, status: 'ended' }],
    ];
    for (const [method, url, payload] of calls) {
      const response = await call(cookie, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await contractCount('OCB0009001')).toBe(1);
    const acme = await h.database.db
      .selectFrom('contracts')
      .select('status')
      .where('id', '=', 'OCB0005121')
      .executeTakeFirstOrThrow();
    expect(acme.status).toBe('active');
  });

  it('answers 401 to anonymous callers', async () => {
    expect((await call(null, 'GET', '/api/back-office/customers')).statusCode).toBe(401);
    expect((await call(null, 'GET', '/api/back-office/contracts/OCB0005121')).statusCode).toBe(401);
  });
});

describe('contracts list and detail', () => {
  it('searches contracts by id or customer name, paged by id', async () => {
    const byCustomer = await call(admin, 'GET', '/api/back-office/contracts?q=acm');
    expect(
      bodyOf(byCustomer, AdminContractPage).items.map((item: { id: string }) => item.id),
    ).toEqual(['OCB0005121', 'OCB0005122']);
    const first = await call(admin, 'GET', '/api/back-office/contracts?q=OCB000&limit=2');
    expect(bodyOf(first, AdminContractPage).items.map((item: { id: string }) => item.id)).toEqual([
      'OCB0005121',
      'OCB0005122',
    ]);
    const next = await call(
      admin,
      'GET',
      `/api/back-office/contracts?q=OCB000&limit=2&cursor=${bodyOf(first, AdminContractPage).nextCursor}`,
    );
    expect(bodyOf(next, AdminContractPage).items.map((item: { id: string }) => item.id)).toEqual([
      'OCB0007001',
      'OCB0009001',
    ]);
  });

  it('shows a demo contract with its customer, referent and counts', async () => {
    const response = await call(admin, 'GET', '/api/back-office/contracts/OCB0005121');
    expect(response.statusCode, response.body).toBe(200);
    const totals = await h.database.db
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('contract_id', '=', 'OCB0005121')
      .where('status', '<>', 'draft')
      .executeTakeFirstOrThrow();
    expect(response.json()).toMatchObject({
      id: 'OCB0005121',
      customerName: 'ACME',
      supportLevel: 'Gold',
      freeChangesPerMonth: 5,
      tokenPriceEur: 50,
      status: 'active',
      startsOn: '2026-01-01',
      referent: { email: 'gestionnaire@acme.example', status: 'active' },
      counts: { assets: 5, requests: Number(totals.n) },
    });
    expect(bodyOf(response, AdminContractView).counts.users).toBeGreaterThanOrEqual(3);
    expect((await call(admin, 'GET', '/api/back-office/contracts/OCB0000000')).statusCode).toBe(
      404,
    );
  });
});

describe('a suspended, then ended contract', () => {
  let draft: { id: string; version: number } = { id: '', version: 0 };
  let quoted: string[] = [];
  const other = {
    contractId: 'OCB0005121',
    assetId: demo.acmeTenant,
    catalogId: demo.standard,
    articleId: demo.other,
    values: { details: 'Merci d’activer les journaux d’audit sur ce projet.' },
  };

  async function requestCount(): Promise<number> {
    const row = await h.database.db
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('contract_id', '=', 'OCB0005121')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function quoteIdOf(id: string): Promise<string> {
    const follow = await life.get(life.manager, `/api/requests/${id}/follow-up`);
    return bodyOf(follow, RequestFollowUp).quotes[0]!.id;
  }

  async function setStatus(status: 'active' | 'suspended' | 'ended') {
    const current = bodyOf(
      await call(admin, 'GET', '/api/back-office/contracts/OCB0005121'),
      AdminContractView,
    );
    const response = await call(admin, 'PATCH', '/api/back-office/contracts/OCB0005121', {
      version: current.version,
      status,
    });
    expect(response.statusCode, response.body).toBe(200);
    return { before: current, after: bodyOf(response, AdminContractView) };
  }

  beforeAll(async () => {
    const created = await life.post(life.manager, '/api/requests', { action: 'draft', ...other });
    expect(created.statusCode, created.body).toBe(201);
    draft = created.json();
    quoted = [
      await life.requestIn('quote_sent'),
      await life.requestIn('quote_sent'),
      await life.requestIn('quote_sent'),
      await life.requestIn('quote_sent'),
    ];
  });

  it('is suspended by an admin: audited as a status change, with before and after', async () => {
    const { before, after } = await setStatus('suspended');
    expect(after.status).toBe('suspended');
    expect(after.version).toBe(before.version + 1);
    expect(
      (await auditRows('contract_status_changed', 'OCB0005121')).map((row) => row.data),
    ).toEqual([{ before: { status: 'active' }, after: { status: 'suspended' } }]);
  });

  it('tells the change form beforehand (GET /api/contracts)', async () => {
    const contracts = bodyOf(await life.get(life.manager, '/api/contracts'), ContractList).items;
    expect(contracts.find((item: { id: string }) => item.id === 'OCB0005121')).toMatchObject({
      status: 'suspended',
      confirmDenied: 'contract_suspended',
      draftDenied: 'contract_suspended',
    });
    expect(contracts.find((item: { id: string }) => item.id === 'OCB0005122')).toMatchObject({
      status: 'active',
      confirmDenied: null,
      draftDenied: null,
    });
  });

  it.each([
    ['a new confirmation', { action: 'confirm', acknowledgeBilling: true }],
    ['a new draft', { action: 'draft' }],
  ])('refuses %s with 409 contract_inactive, nothing written', async (_label, action) => {
    const before = await requestCount();
    const response = await life.post(life.manager, '/api/requests', { ...other, ...action });
    expect(response.statusCode, response.body).toBe(409);
    expect(errorOf(response).code).toBe('contract_inactive');
    expect(errorOf(response).details).toEqual([
      expect.objectContaining({ path: 'contractId', rule: 'contract_suspended' }),
    ]);
    expect(errorOf(response).message).toBe(
      'Ce contrat est suspendu : aucune nouvelle demande ne peut être confirmée ni enregistrée.',
    );
    expect(await requestCount()).toBe(before);
  });

  it('refuses a confirmation with an idempotency key (general path) too', async () => {
    const before = await requestCount();
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie: life.manager, 'idempotency-key': 'suspended-contract-1' },
      payload: { ...other, action: 'confirm', acknowledgeBilling: true },
    });
    expect(response.statusCode, response.body).toBe(409);
    expect(errorOf(response).code).toBe('contract_inactive');
    expect(await requestCount()).toBe(before);
  });

  it('refuses to change or confirm an existing draft, which stays readable', async () => {
    const body = { ...other, version: draft.version, acknowledgeBilling: true };
    const updated = await h.app.inject({
      method: 'PUT',
      url: `/api/requests/${draft.id}`,
      headers: { cookie: life.manager },
      payload: body,
    });
    expect(updated.statusCode, updated.body).toBe(409);
    expect(errorOf(updated).code).toBe('contract_inactive');
    const confirmed = await life.post(life.manager, `/api/requests/${draft.id}/confirm`, body);
    expect(confirmed.statusCode, confirmed.body).toBe(409);
    expect(errorOf(confirmed).code).toBe('contract_inactive');
    const read = await life.get(life.manager, `/api/requests/${draft.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ status: 'draft', version: draft.version });
  });

  it('keeps existing requests readable and lets their quotes be accepted and refused', async () => {
    const [toAccept, toRefuse] = quoted as [string, string];
    expect((await life.get(life.manager, `/api/requests/${toAccept}`)).statusCode).toBe(200);
    const accepted = await life.post(
      life.manager,
      `/api/requests/${toAccept}/quotes/${await quoteIdOf(toAccept)}/accept`,
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await life.statusOf(toAccept)).toBe('in_progress');
    const refused = await life.post(
      life.manager,
      `/api/requests/${toRefuse}/quotes/${await quoteIdOf(toRefuse)}/refuse`,
    );
    expect(refused.statusCode, refused.body).toBe(200);
    expect(await life.statusOf(toRefuse)).toBe('cancelled');
  });

  it('once ended, refuses to accept a quote (409) but lets it be refused', async () => {
    await setStatus('ended');
    const [, , toAccept, toRefuse] = quoted as [string, string, string, string];
    const accepted = await life.post(
      life.manager,
      `/api/requests/${toAccept}/quotes/${await quoteIdOf(toAccept)}/accept`,
    );
    expect(accepted.statusCode, accepted.body).toBe(409);
    expect(errorOf(accepted).details?.[0]?.rule).toBe('contract_ended');
    expect(await life.statusOf(toAccept)).toBe('quote_sent');
    const refused = await life.post(
      life.manager,
      `/api/requests/${toRefuse}/quotes/${await quoteIdOf(toRefuse)}/refuse`,
    );
    expect(refused.statusCode, refused.body).toBe(200);
    const confirm = await life.post(life.manager, '/api/requests', {
      ...other,
      action: 'confirm',
      acknowledgeBilling: true,
    });
    expect(errorOf(confirm).details?.[0]?.rule).toBe('contract_ended');
  });

  it('takes requests again once active, and refuses an edit from a stale version', async () => {
    const { before } = await setStatus('active');
    const stale = await call(admin, 'PATCH', '/api/back-office/contracts/OCB0005121', {
      version: before.version,
      freeChangesPerMonth: 9,
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('conflict');
    const response = await life.post(life.manager, '/api/requests', { action: 'draft', ...other });
    expect(response.statusCode, response.body).toBe(201);
  });

  it('refuses bad terms on edit with their paths, nothing written', async () => {
    const current = bodyOf(
      await call(admin, 'GET', '/api/back-office/contracts/OCB0005121'),
      AdminContractView,
    );
    const response = await call(admin, 'PATCH', '/api/back-office/contracts/OCB0005121', {
      version: current.version,
      tokenPriceEur: 0,
      endsOn: '2025-12-31',
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.map((detail) => detail.path)).toEqual([
      'tokenPriceEur',
      'endsOn',
    ]);
    const after = bodyOf(
      await call(admin, 'GET', '/api/back-office/contracts/OCB0005121'),
      AdminContractView,
    );
    expect(after.version).toBe(current.version);
    expect(after.tokenPriceEur).toBe(50);
  });

  it('audits a change of terms with what changed only', async () => {
    const current = bodyOf(
      await call(admin, 'GET', '/api/back-office/contracts/OCB0005121'),
      AdminContractView,
    );
    const response = await call(admin, 'PATCH', '/api/back-office/contracts/OCB0005121', {
      version: current.version,
      freeChangesPerMonth: 6,
      tokenPriceEur: 52.5,
      supportLevel: 'Gold',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ freeChangesPerMonth: 6, tokenPriceEur: 52.5 });
    expect((await auditRows('contract_updated', 'OCB0005121')).map((row) => row.data)).toEqual([
      {
        before: { freeChangesPerMonth: 5, tokenPriceEur: 50 },
        after: { freeChangesPerMonth: 6, tokenPriceEur: 52.5 },
      },
    ]);
  });
});
