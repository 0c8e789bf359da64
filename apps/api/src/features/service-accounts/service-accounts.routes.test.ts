import {
  CreatedServiceAccount,
  CreatedServiceAccountToken,
  OperatorAccountPage,
  RequestPage,
  ServiceAccountList,
  ServiceAccountView,
  UserPage,
} from '@guichet/contracts';
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, demo, errorOf, testNow, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { demoAdminEmail, demoSessionFor } from '../../test/operator-builders.ts';
import { addActiveUser } from '../../test/rights-builders.ts';
import { queueMail } from '../mail/mail.service.ts';

let h: Harness;
let acme: string;
let globex: string;
let admin: string;
beforeAll(async () => {
  h = await createHarness();
  acme = await h.login('gestionnaire@acme.example');
  globex = await h.login('gestionnaire@globex.example');
  admin = await demoSessionFor(h, demoAdminEmail);
});
afterEach(() => h.setNow(testNow));
afterAll(() => h.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const viewerOnAcme = [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }];

async function createAccount(
  cookie: string,
  payload: Record<string, unknown>,
  base = '/api/service-accounts',
) {
  const response = await h.app.inject({
    method: 'POST',
    url: base,
    headers: { cookie },
    payload: { name: 'ERP ACME', ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  return bodyOf(response, CreatedServiceAccount);
}

const call = (
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  headers: Record<string, string>,
  payload?: object,
) => h.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

const draft = {
  action: 'draft',
  contractId: 'OCB0005121',
  assetId: demo.acmeTenant,
  catalogId: demo.standard,
  articleId: demo.other,
  values: { details: 'Ouverture d’un flux depuis notre ERP.' },
};

describe("a customer's service accounts", () => {
  it('are machine users: a token shown once and stored hashed, no password, no mail, not among the users', async () => {
    const { account, token } = await createAccount(acme, {
      description: 'Synchronisation depuis notre ERP',
      grants: viewerOnAcme,
    });
    expect(token.token).toMatch(/^gch_[A-Za-z0-9_-]{43}$/);
    expect(account).toMatchObject({
      name: 'ERP ACME',
      description: 'Synchronisation depuis notre ERP',
      role: null,
      customer: { customerId: demo.acme, name: 'ACME' },
      grants: viewerOnAcme,
      createdBy: { displayName: 'Camille Martin' },
      deactivatedAt: null,
    });
    expect(account.tokens.map((item) => item.id)).toEqual([token.id]);
    const stored = await h.database.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['api_tokens.token_hash', 'users.email', 'users.is_service_account'])
      .where('api_tokens.id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(createHash('sha256').update(token.token).digest('hex'));
    expect(stored.is_service_account).toBe(true);

    const list = await call('GET', '/api/service-accounts', { cookie: acme });
    expect(list.body).not.toContain(token.token);
    expect(bodyOf(list, ServiceAccountList).items.map((item) => item.id)).toContain(account.id);

    // no password opens a session, whatever is tried
    for (const password of ['', '!service-account', 'Demo.Guichet2026']) {
      const login = await h.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: stored.email, password },
      });
      expect([400, 401]).toContain(login.statusCode);
    }
    // no mail is queued for it
    expect(
      await queueMail(
        { db: h.database.db, clock: () => testNow },
        {
          to: stored.email,
          subject: 'x',
          text: 'x',
          kind: 'test',
        },
      ),
    ).toBeNull();
    const mails = await h.database.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('to_address', '=', stored.email)
      .execute();
    expect(mails).toEqual([]);
    // not listed as a person
    const users = await call('GET', '/api/users?limit=100', { cookie: acme });
    expect(bodyOf(users, UserPage).items.map((user) => user.id)).not.toContain(account.id);
  });

  it('act within their grants only, and record who did what', async () => {
    const { account, token } = await createAccount(acme, { grants: viewerOnAcme });
    const list = await call('GET', '/api/requests', bearer(token.token));
    expect(list.statusCode).toBe(200);
    const contracts = new Set(bodyOf(list, RequestPage).items.map((item) => item.contractId));
    expect([...contracts].every((id) => id === 'OCB0005121')).toBe(true);
    expect((await call('POST', '/api/requests', bearer(token.token), draft)).statusCode).toBe(403);
    const elsewhere = await call('GET', '/api/contracts/OCB0005122/assets', bearer(token.token));
    expect(elsewhere.statusCode).toBe(404);
    // a token cannot manage service accounts
    expect((await call('GET', '/api/service-accounts', bearer(token.token))).statusCode).toBe(403);
    // last use shown
    const shown = bodyOf(
      await call('GET', `/api/service-accounts/${account.id}`, { cookie: acme }),
      ServiceAccountView,
    );
    expect(shown.tokens[0]?.lastUsedAt).toBe(testNow.toISOString());
    const audit = await h.database.db
      .selectFrom('audit_events')
      .select(['kind', 'target_id'])
      .where('target_id', 'in', [account.id, token.id])
      .orderBy('id')
      .execute();
    expect(audit.map((row) => row.kind)).toEqual(['service_account_created', 'token_created']);
  });

  it('never go above their creator: at creation, and at each use after the creator lost rights', async () => {
    // a Gestionnaire of Utilisateurs and Demandes on OCB0005121, Visiteur on Demandes of OCB0005122
    const creator = await addActiveUser(h, acme, [
      { contractId: 'OCB0005121', section: 'users', profile: 'manager' },
      { contractId: 'OCB0005121', section: 'requests', profile: 'manager' },
      { contractId: 'OCB0005122', section: 'requests', profile: 'viewer' },
    ]);
    const beyond = await call(
      'POST',
      '/api/service-accounts',
      { cookie: creator.cookie },
      {
        name: 'Trop',
        grants: [{ contractId: 'OCB0005121', section: 'inventory', profile: 'viewer' }],
      },
    );
    expect(beyond.statusCode).toBe(403);
    expect(errorOf(beyond).details).toEqual([
      expect.objectContaining({ path: 'grants.0.profile', rule: 'beyond_own_profile' }),
    ]);
    const unmanaged = await call(
      'POST',
      '/api/service-accounts',
      { cookie: creator.cookie },
      {
        name: 'Ailleurs',
        grants: [{ contractId: 'OCB0005122', section: 'requests', profile: 'viewer' }],
      },
    );
    expect(unmanaged.statusCode).toBe(403);
    expect(errorOf(unmanaged).details).toEqual([
      expect.objectContaining({ path: 'grants.0.contractId', rule: 'not_users_manager' }),
    ]);
    const foreign = await call(
      'POST',
      '/api/service-accounts',
      { cookie: creator.cookie },
      {
        name: 'Globex',
        grants: [{ contractId: 'OCB0007001', section: 'requests', profile: 'viewer' }],
      },
    );
    expect(foreign.statusCode).toBe(404);

    const { token } = await createAccount(creator.cookie, {
      grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'manager' }],
    });
    expect((await call('POST', '/api/requests', bearer(token.token), draft)).statusCode).toBe(201);
    // the creator becomes Visiteur on Demandes: so does the account, at its next call
    const lowered = await h.app.inject({
      method: 'PUT',
      url: `/api/users/${creator.id}/contracts/OCB0005121`,
      headers: { cookie: acme },
      payload: {
        grants: [
          { section: 'users', profile: 'manager' },
          { section: 'requests', profile: 'viewer' },
        ],
      },
    });
    expect(lowered.statusCode, lowered.body).toBe(200);
    expect((await call('POST', '/api/requests', bearer(token.token), draft)).statusCode).toBe(403);
    expect((await call('GET', '/api/requests', bearer(token.token))).statusCode).toBe(200);
    // the creator loses the contract: the account reaches nothing there any more
    const removed = await h.app.inject({
      method: 'DELETE',
      url: `/api/users/${creator.id}/contracts/OCB0005121`,
      headers: { cookie: acme },
    });
    expect(removed.statusCode, removed.body).toBe(204);
    const after = await call('GET', '/api/contracts/OCB0005121/assets', bearer(token.token));
    expect(after.statusCode).toBe(404);
  });

  it('rotate with an overlap: both tokens work until its end, then only the new one', async () => {
    const { account, token: old } = await createAccount(acme, { grants: viewerOnAcme });
    const rotated = await call(
      'POST',
      `/api/service-accounts/${account.id}/tokens/${old.id}/rotate`,
      { cookie: acme },
      { overlapHours: 2 },
    );
    expect(rotated.statusCode, rotated.body).toBe(201);
    const fresh = bodyOf(rotated, CreatedServiceAccountToken);
    expect(fresh.replacesId).toBe(old.id);
    expect(fresh.token).not.toBe(old.token);
    const shown = bodyOf(
      await call('GET', `/api/service-accounts/${account.id}`, { cookie: acme }),
      ServiceAccountView,
    );
    const end = new Date(testNow.getTime() + 2 * 3_600_000);
    expect(shown.tokens.find((item) => item.id === old.id)?.expiresAt).toBe(end.toISOString());

    h.setNow(new Date(end.getTime() - 1_000));
    expect((await call('GET', '/api/requests', bearer(old.token))).statusCode).toBe(200);
    expect((await call('GET', '/api/requests', bearer(fresh.token))).statusCode).toBe(200);
    h.setNow(new Date(end.getTime() + 1_000));
    expect((await call('GET', '/api/requests', bearer(old.token))).statusCode).toBe(401);
    expect((await call('GET', '/api/requests', bearer(fresh.token))).statusCode).toBe(200);
    // the expired one cannot be rotated again
    const again = await call(
      'POST',
      `/api/service-accounts/${account.id}/tokens/${old.id}/rotate`,
      { cookie: acme },
      { overlapHours: 1 },
    );
    expect(again.statusCode).toBe(409);
    const audit = await h.database.db
      .selectFrom('audit_events')
      .select('data')
      .where('kind', '=', 'token_rotated')
      .where('target_id', '=', old.id)
      .executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ newTokenId: fresh.id, previousStopsAt: end.toISOString() });
  });

  it('revoke at once, and a deactivated account stops every token', async () => {
    const { account, token } = await createAccount(acme, { grants: viewerOnAcme });
    const second = bodyOf(
      await call(
        'POST',
        `/api/service-accounts/${account.id}/tokens`,
        { cookie: acme },
        {
          name: 'Second',
        },
      ),
      CreatedServiceAccountToken,
    );
    expect((await call('GET', '/api/requests', bearer(token.token))).statusCode).toBe(200);
    const revoked = await call(
      'POST',
      `/api/service-accounts/${account.id}/tokens/${token.id}/revoke`,
      { cookie: acme },
    );
    expect(revoked.statusCode).toBe(204);
    expect((await call('GET', '/api/requests', bearer(token.token))).statusCode).toBe(401);
    expect((await call('GET', '/api/requests', bearer(second.token))).statusCode).toBe(200);
    const deactivated = await call('POST', `/api/service-accounts/${account.id}/deactivate`, {
      cookie: acme,
    });
    expect(deactivated.statusCode).toBe(200);
    expect(bodyOf(deactivated, ServiceAccountView).deactivatedAt).toBe(testNow.toISOString());
    expect((await call('GET', '/api/requests', bearer(second.token))).statusCode).toBe(401);
    const more = await call(
      'POST',
      `/api/service-accounts/${account.id}/tokens`,
      { cookie: acme },
      {
        name: 'Encore',
      },
    );
    expect(more.statusCode).toBe(409);
  });

  it('change their grants after creation: every token acts with the new ones at its next call, audited', async () => {
    const { account, token } = await createAccount(acme, {
      grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
    });
    const second = bodyOf(
      await call(
        'POST',
        `/api/service-accounts/${account.id}/tokens`,
        { cookie: acme },
        { name: 'Second' },
      ),
      CreatedServiceAccountToken,
    );
    const assets = (contractId: string, secret: string) =>
      call('GET', `/api/contracts/${contractId}/assets`, bearer(secret));
    expect((await assets('OCB0005121', token.token)).statusCode).toBe(200);
    expect((await assets('OCB0005122', token.token)).statusCode).toBe(404);

    const moved = [{ contractId: 'OCB0005122', section: 'requests', profile: 'viewer' }];
    const changed = await call(
      'PUT',
      `/api/service-accounts/${account.id}/grants`,
      { cookie: acme },
      { grants: moved },
    );
    expect(changed.statusCode, changed.body).toBe(200);
    const view = bodyOf(changed, ServiceAccountView);
    expect(view.grants).toEqual(moved);
    expect(view.tokens.map((item) => item.id).sort()).toEqual([token.id, second.id].sort());
    // the tokens stay valid and take the new rights at once: what they could read, they no longer can
    for (const secret of [token.token, second.token]) {
      expect((await assets('OCB0005121', secret)).statusCode).toBe(404);
      expect((await assets('OCB0005122', secret)).statusCode).toBe(200);
    }
    // a token issued after the change carries the new grants too
    const third = bodyOf(
      await call(
        'POST',
        `/api/service-accounts/${account.id}/tokens`,
        { cookie: acme },
        { name: 'Third' },
      ),
      CreatedServiceAccountToken,
    );
    expect((await assets('OCB0005121', third.token)).statusCode).toBe(404);
    expect((await assets('OCB0005122', third.token)).statusCode).toBe(200);

    // the same list again changes nothing and records nothing
    const again = await call(
      'PUT',
      `/api/service-accounts/${account.id}/grants`,
      { cookie: acme },
      { grants: moved },
    );
    expect(again.statusCode).toBe(200);
    const audit = await h.database.db
      .selectFrom('audit_events')
      .select(['actor_email', 'data'])
      .where('kind', '=', 'service_account_grants_changed')
      .where('target_id', '=', account.id)
      .execute();
    expect(audit).toEqual([
      {
        actor_email: 'gestionnaire@acme.example',
        data: {
          before: {
            grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
          },
          after: { grants: moved },
        },
      },
    ]);
  });

  it('change their grants within the editor’s rights: never giving more, never taking away what the editor could not give', async () => {
    const { account } = await createAccount(acme, {
      grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'manager' }],
    });
    // a Gestionnaire of Utilisateurs on OCB0005121, only Visiteur on its Demandes and on OCB0005122's
    const editor = await addActiveUser(h, acme, [
      { contractId: 'OCB0005121', section: 'users', profile: 'manager' },
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
      { contractId: 'OCB0005122', section: 'requests', profile: 'viewer' },
    ]);
    const managerOnRequests = { contractId: 'OCB0005121', section: 'requests', profile: 'manager' };
    const put = (cookie: string, grants: object[]) =>
      call('PUT', `/api/service-accounts/${account.id}/grants`, { cookie }, { grants });
    const refusals: [object[], number, { path: string; rule?: string }[]][] = [
      // giving a section the editor lacks
      [
        [managerOnRequests, { contractId: 'OCB0005121', section: 'inventory', profile: 'viewer' }],
        403,
        [{ path: 'grants.1.profile', rule: 'beyond_own_profile' }],
      ],
      // lowering a profile above the editor's own
      [
        [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
        403,
        [{ path: 'grants.0.profile', rule: 'taken_beyond_own_profile' }],
      ],
      // taking it away altogether
      [
        [{ contractId: 'OCB0005121', section: 'users', profile: 'viewer' }],
        403,
        [{ path: 'grants', rule: 'taken_beyond_own_profile' }],
      ],
      // on a contract whose users the editor does not manage
      [
        [managerOnRequests, { contractId: 'OCB0005122', section: 'requests', profile: 'viewer' }],
        403,
        [{ path: 'grants.1.contractId', rule: 'not_users_manager' }],
      ],
      // on another customer's contract
      [
        [managerOnRequests, { contractId: 'OCB0007001', section: 'requests', profile: 'viewer' }],
        404,
        [{ path: 'grants.1.contractId' }],
      ],
      // one (contract, section) twice
      [
        [managerOnRequests, { ...managerOnRequests, profile: 'viewer' }],
        400,
        [{ path: 'grants.1.section' }],
      ],
    ];
    for (const [grants, status, details] of refusals) {
      const refused = await put(editor.cookie, grants);
      expect(refused.statusCode, refused.body).toBe(status);
      expect(errorOf(refused).details).toEqual(
        details.map((detail): unknown => expect.objectContaining(detail)),
      );
    }
    expect(errorOf(await put(editor.cookie, [])).code).toBe('validation_failed');
    // a grant kept as it was stays, whoever gave it, beside one the editor may give
    const kept = await put(editor.cookie, [
      managerOnRequests,
      { contractId: 'OCB0005121', section: 'users', profile: 'viewer' },
    ]);
    expect(kept.statusCode, kept.body).toBe(200);
    expect(bodyOf(kept, ServiceAccountView).grants).toEqual([
      managerOnRequests,
      { contractId: 'OCB0005121', section: 'users', profile: 'viewer' },
    ]);
    // the account's creator, Gestionnaire there, may take it away
    expect(
      (await put(acme, [{ contractId: 'OCB0005121', section: 'users', profile: 'viewer' }]))
        .statusCode,
    ).toBe(200);

    // nobody else's: Globex's Gestionnaire, a Visiteur, and the provider's surface
    expect((await put(globex, [managerOnRequests])).statusCode).toBe(404);
    const visitor = await h.login('visiteur@acme.example');
    expect((await put(visitor, [managerOnRequests])).statusCode).toBe(403);
    const provider = await call(
      'PUT',
      `/api/back-office/service-accounts/${account.id}/role`,
      { cookie: admin },
      { role: 'admin' },
    );
    expect(provider.statusCode).toBe(404);
    // a deactivated account's grants are not changed any more
    await call('POST', `/api/service-accounts/${account.id}/deactivate`, { cookie: acme });
    expect((await put(acme, [managerOnRequests])).statusCode).toBe(409);
  });

  it("are the customer's own: Globex's Gestionnaire can never see, change or use ACME's", async () => {
    const { account, token } = await createAccount(acme, { grants: viewerOnAcme });
    const theirs = await createAccount(globex, {
      name: 'ERP Globex',
      grants: [{ contractId: 'OCB0007001', section: 'requests', profile: 'viewer' }],
    });
    const list = await call('GET', '/api/service-accounts', { cookie: globex });
    expect(list.statusCode).toBe(200);
    const ids = bodyOf(list, ServiceAccountList).items.map((item) => item.id);
    expect(ids).toContain(theirs.account.id);
    expect(ids).not.toContain(account.id);
    expect(list.body).not.toContain('ACME');
    for (const [method, url] of [
      ['GET', `/api/service-accounts/${account.id}`],
      ['POST', `/api/service-accounts/${account.id}/tokens`],
      ['POST', `/api/service-accounts/${account.id}/tokens/${token.id}/rotate`],
      ['POST', `/api/service-accounts/${account.id}/tokens/${token.id}/revoke`],
      ['POST', `/api/service-accounts/${account.id}/deactivate`],
      ['PUT', `/api/service-accounts/${account.id}/grants`],
    ] as const) {
      const response = await call(
        method,
        url,
        { cookie: globex },
        method === 'POST'
          ? { name: 'x' }
          : method === 'PUT'
            ? { grants: [{ contractId: 'OCB0007001', section: 'requests', profile: 'viewer' }] }
            : undefined,
      );
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    // and ACME's token reaches nothing of Globex's
    const globexAssets = await call('GET', '/api/contracts/OCB0007001/assets', bearer(token.token));
    expect(globexAssets.statusCode).toBe(404);
    // ACME's account still works: nothing was revoked by Globex
    expect((await call('GET', '/api/requests', bearer(token.token))).statusCode).toBe(200);
    // nor does ACME see Globex's
    const acmeList = bodyOf(
      await call('GET', '/api/service-accounts', { cookie: acme }),
      ServiceAccountList,
    );
    expect(acmeList.items.map((item) => item.id)).not.toContain(theirs.account.id);
  });
});

describe("the provider's service accounts", () => {
  it('act in the back-office with their role, are not operators among people, and are made by admins only', async () => {
    const { account, token } = await createAccount(
      admin,
      { name: 'Exécuteur', role: 'agent' },
      '/api/back-office/service-accounts',
    );
    expect(account).toMatchObject({ role: 'agent', customer: null, grants: [] });
    const queue = await call('GET', '/api/back-office/requests', bearer(token.token));
    expect(queue.statusCode, queue.body).toBe(200);
    const customers = await call('GET', '/api/back-office/customers', bearer(token.token));
    expect(customers.statusCode).toBe(403);
    const operators = await call('GET', '/api/back-office/operators?limit=100', { cookie: admin });
    expect(bodyOf(operators, OperatorAccountPage).items.map((item) => item.id)).not.toContain(
      account.id,
    );
    const assignees = await call('GET', '/api/back-office/assignees', { cookie: admin });
    expect(assignees.body).not.toContain(account.id);
    const agent = await demoSessionFor(h, 'agent@guichet.example');
    for (const cookie of [agent, acme]) {
      const refused = await call('GET', '/api/back-office/service-accounts', { cookie });
      expect(refused.statusCode).toBe(403);
    }
    // the customers' surface is not the provider's
    const asCustomer = await call('GET', `/api/service-accounts/${account.id}`, { cookie: acme });
    expect(asCustomer.statusCode).toBe(404);
    const revoked = await call(
      'POST',
      `/api/back-office/service-accounts/${account.id}/tokens/${token.id}/revoke`,
      { cookie: admin },
    );
    expect(revoked.statusCode).toBe(204);
    expect((await call('GET', '/api/back-office/requests', bearer(token.token))).statusCode).toBe(
      401,
    );
  });
  it('change their role (admins only): the tokens act with the new one at their next call, audited', async () => {
    const { account, token } = await createAccount(
      admin,
      { name: 'Automate', role: 'agent' },
      '/api/back-office/service-accounts',
    );
    const customers = () => call('GET', '/api/back-office/customers', bearer(token.token));
    expect((await customers()).statusCode).toBe(403);
    const put = (cookie: string, role: string) =>
      call('PUT', `/api/back-office/service-accounts/${account.id}/role`, { cookie }, { role });
    const agent = await demoSessionFor(h, 'agent@guichet.example');
    expect((await put(agent, 'admin')).statusCode).toBe(403);
    expect((await put(acme, 'admin')).statusCode).toBe(403);
    expect((await put(admin, 'owner')).statusCode).toBe(400);

    const changed = await put(admin, 'admin');
    expect(changed.statusCode, changed.body).toBe(200);
    expect(bodyOf(changed, ServiceAccountView).role).toBe('admin');
    expect((await customers()).statusCode).toBe(200);
    const lowered = await put(admin, 'catalog_manager');
    expect(lowered.statusCode).toBe(200);
    expect((await call('GET', '/api/back-office/requests', bearer(token.token))).statusCode).toBe(
      403,
    );
    const audit = await h.database.db
      .selectFrom('audit_events')
      .select('data')
      .where('kind', '=', 'service_account_role_changed')
      .where('target_id', '=', account.id)
      .orderBy('id')
      .execute();
    expect(audit.map((row) => row.data)).toEqual([
      { before: { role: 'agent' }, after: { role: 'admin' } },
      { before: { role: 'admin' }, after: { role: 'catalog_manager' } },
    ]);
    // the customers' surface is not the provider's
    const asCustomer = await call(
      'PUT',
      `/api/service-accounts/${account.id}/grants`,
      { cookie: acme },
      { grants: viewerOnAcme },
    );
    expect(asCustomer.statusCode).toBe(404);
    await call('POST', `/api/back-office/service-accounts/${account.id}/deactivate`, {
      cookie: admin,
    });
    expect((await put(admin, 'agent')).statusCode).toBe(409);
  });
});
