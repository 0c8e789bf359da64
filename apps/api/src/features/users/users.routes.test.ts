import { AddUserResult, RequestPage, SessionView, UserPage, UserView } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, errorOf, stableId, testNow, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { addActiveUser, invitationTokenFor, uniqueIdentity } from '../../test/rights-builders.ts';

let h: Harness;
let manager: string;
beforeAll(async () => {
  h = await createHarness();
  manager = await h.login('gestionnaire@acme.example');
});
afterAll(() => h.close());

const visitorId = stableId('user:visiteur@acme.example');
const managerId = stableId('user:gestionnaire@acme.example');
const integratorId = stableId('user:integrateur@partner.example');

async function countRows(table: 'users' | 'grants' | 'invitations' | 'mail_outbox') {
  const row = await h.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('the users of a contract', () => {
  it('lists the users of the perimeter by name, with their grants there only', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie: manager },
    });
    expect(response.statusCode).toBe(200);
    const page = bodyOf(response, UserPage);
    const emails = page.items.map((user: { email: string }) => user.email);
    expect(emails).toEqual(
      expect.arrayContaining([
        'gestionnaire@acme.example',
        'visiteur@acme.example',
        'integrateur@partner.example',
      ]),
    );
    expect(emails).not.toContain('gestionnaire@globex.example');
    expect(page.total).toBe(page.items.length);
    const integrator = page.items.find((user: { id: string }) => user.id === integratorId)!;
    // the integrator's grants at Globex are none of ACME's business
    expect(integrator.grants.map((grant: { contractId: string }) => grant.contractId)).toEqual([
      'OCB0005121',
      'OCB0005121',
    ]);
    expect(JSON.stringify(page)).not.toContain('OCB0007001');
    const me = page.items.find((user: { id: string }) => user.id === managerId);
    expect(me).toMatchObject({
      login: 'camille.martin',
      status: 'active',
      referentOf: ['OCB0005121', 'OCB0005122'],
    });
  });

  it('searches by name, e-mail or login, and filters by contract', async () => {
    const search = async (query: string) =>
      bodyOf(
        await h.app.inject({
          method: 'GET',
          url: `/api/users?${query}`,
          headers: { cookie: manager },
        }),
        UserPage,
      );
    const dominique = await search('q=dominique');
    expect(dominique.items.map((user: { email: string }) => user.email)).toEqual([
      'visiteur@acme.example',
    ]);
    expect((await search('q=sacha.bern')).total).toBe(1);
    expect((await search('q=visiteur%40acme')).total).toBe(1);
    expect((await search('q=globex')).total).toBe(0);
    const onSecond = await search('contractId=OCB0005122');
    expect(onSecond.items.map((u: { email: string }) => u.email).sort()).toEqual([
      'gestionnaire@acme.example',
      'visiteur@acme.example',
    ]);
  });

  it('pages with a cursor', async () => {
    const first = bodyOf(
      await h.app.inject({
        method: 'GET',
        url: '/api/users?limit=2',
        headers: { cookie: manager },
      }),
      UserPage,
    );
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = bodyOf(
      await h.app.inject({
        method: 'GET',
        url: `/api/users?limit=2&cursor=${first.nextCursor}`,
        headers: { cookie: manager },
      }),
      UserPage,
    );
    const ids = [...first.items, ...second.items].map((user: { id: string }) => user.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says which right is missing to a user without Utilisateurs, and hides other customers', async () => {
    const visitor = await h.login('visiteur@acme.example');
    const refused = await h.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie: visitor },
    });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).message).toContain('Utilisateurs');
    const globex = await h.login('gestionnaire@globex.example');
    const foreign = await h.app.inject({
      method: 'GET',
      url: '/api/users?contractId=OCB0005121',
      headers: { cookie: globex },
    });
    expect(foreign.statusCode).toBe(404);
    const foreignUser = await h.app.inject({
      method: 'GET',
      url: `/api/users/${visitorId}`,
      headers: { cookie: globex },
    });
    expect(foreignUser.statusCode).toBe(404);
    expect(foreignUser.body).not.toContain('visiteur');
  });
});

describe('adding a user', () => {
  it('creates the account, gives the grants and mails a single-use invitation', async () => {
    const identity = uniqueIdentity('new');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: manager },
      payload: {
        ...identity,
        phone: '+33 1 23 45 67 89',
        grants: [
          { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
          { contractId: 'OCB0005122', section: 'inventory', profile: 'manager' },
        ],
      },
    });
    expect(response.statusCode).toBe(201);
    const result = bodyOf(response, AddUserResult);
    expect(result).toMatchObject({
      reusedExistingAccount: false,
      invitationSent: true,
      user: {
        login: identity.login,
        email: identity.email,
        displayName: `${identity.firstName} ${identity.lastName}`,
        phone: '+33 1 23 45 67 89',
        status: 'invited',
        grants: [
          { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
          { contractId: 'OCB0005122', section: 'inventory', profile: 'manager' },
        ],
      },
    });
    const mail = await h.database.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', identity.email)
      .executeTakeFirstOrThrow();
    expect(mail.kind).toBe('invitation');
    expect(mail.text_body).toContain(identity.login);
    expect(mail.text_body).toMatch(/http:\/\/localhost:3000\/invitation\/[A-Za-z0-9_-]{43}/);
    const token = await invitationTokenFor(h, identity.email);
    const stored = await h.database.db
      .selectFrom('invitations')
      .select('token_hash')
      .where('user_id', '=', result.user.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    // no password yet: the account cannot log in
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: identity.email, password: '!invited' },
    });
    expect(login.statusCode).toBe(401);
  });

  it.each([
    ['a short login', { login: 'short' }, 'login'],
    ['a login with an accent', { login: 'hélène.dupont' }, 'login'],
    ['a login with a space', { login: 'jean dupont' }, 'login'],
    ['a missing first name', { firstName: ' ' }, 'firstName'],
    ['a missing last name', { lastName: '' }, 'lastName'],
    ['a wrong e-mail', { email: 'not-an-email' }, 'email'],
    ['a wrong phone', { phone: 'call me' }, 'phone'],
  ])('refuses %s with the field at fault, writing nothing', async (_label, change, path) => {
    const before = await countRows('users');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: manager },
      payload: {
        ...uniqueIdentity(),
        ...change,
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.map((detail) => detail.path)).toContain(path);
    expect(await countRows('users')).toBe(before);
  });

  it('accepts logins of exactly 8 and 64 characters', async () => {
    for (const login of ['a1234567', `${'b'.repeat(60)}.x_-`]) {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: manager },
        payload: {
          ...uniqueIdentity(),
          login,
          grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
        },
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  });

  it('refuses a login already taken, whatever its case', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: manager },
      payload: {
        ...uniqueIdentity(),
        login: 'Camille.Martin',
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    });
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).details?.[0]).toMatchObject({ path: 'login', rule: 'login_taken' });
  });

  it('reuses the account of a known e-mail, keeps its identity, and tells its owner', async () => {
    const globexUser = stableId('user:gestionnaire@globex.example');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: manager },
      payload: {
        ...uniqueIdentity(),
        email: 'Gestionnaire@Globex.example',
        firstName: 'Someone',
        lastName: 'Else',
        grants: [{ contractId: 'OCB0005122', section: 'requests', profile: 'viewer' }],
      },
    });
    expect(response.statusCode).toBe(201);
    const result = bodyOf(response, AddUserResult);
    expect(result).toMatchObject({ reusedExistingAccount: true, invitationSent: false });
    expect(result.user.id).toBe(globexUser);
    expect(result.user.displayName).toBe('Alex Dupont');
    expect(result.user.login).toBe('alex.dupont');
    // only the grants on ACME's contracts show to ACME
    expect(result.user.grants).toEqual([
      { contractId: 'OCB0005122', section: 'requests', profile: 'viewer' },
    ]);
    expect(result.user.referentOf).toEqual([]);
    const mail = await h.database.db
      .selectFrom('mail_outbox')
      .select('kind')
      .where('to_address', '=', 'gestionnaire@globex.example')
      .execute();
    expect(mail.map((row) => row.kind)).toContain('access_granted');
    // the account now has two perimeters
    const globex = await h.login('gestionnaire@globex.example');
    const session = bodyOf(
      await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: globex } }),
      SessionView,
    );
    expect(session.perimeters.map((p: { name: string }) => p.name)).toEqual(['ACME', 'Globex']);
  });

  it('refuses an operator’s e-mail', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: manager },
      payload: {
        ...uniqueIdentity(),
        email: 'agent@guichet.example',
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    });
    expect(response.statusCode).toBe(409);
  });

  it('never gives more than the giver holds, and says what they hold', async () => {
    const before = await countRows('users');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: manager },
      payload: {
        ...uniqueIdentity(),
        grants: [
          { contractId: 'OCB0005121', section: 'requests', profile: 'manager' },
          { contractId: 'OCB0005121', section: 'contracts', profile: 'manager' },
        ],
      },
    });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).details).toEqual([
      {
        path: 'grants.1.profile',
        rule: 'beyond_own_profile',
        message: 'Votre profil sur Contrats (OCB0005121) : Visiteur',
      },
    ]);
    expect(await countRows('users')).toBe(before);
  });

  it('answers 404 for a contract of another customer, and 403 to a Visiteur, writing nothing', async () => {
    const before = await Promise.all([countRows('users'), countRows('mail_outbox')]);
    const foreign = await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: manager },
      payload: {
        ...uniqueIdentity(),
        grants: [{ contractId: 'OCB0007001', section: 'requests', profile: 'viewer' }],
      },
    });
    expect(foreign.statusCode).toBe(404);
    expect(errorOf(foreign).details?.[0]?.path).toBe('grants.0.contractId');
    await h.database.db
      .insertInto('grants')
      .values({
        user_id: visitorId,
        contract_id: 'OCB0005122',
        section: 'users',
        profile: 'viewer',
      })
      .execute();
    const visitor = await h.login('visiteur@acme.example');
    const readOnly = await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: visitor },
      payload: {
        ...uniqueIdentity(),
        grants: [{ contractId: 'OCB0005122', section: 'requests', profile: 'viewer' }],
      },
    });
    expect(readOnly.statusCode).toBe(403);
    expect(errorOf(readOnly).message).toBe('Profil Visiteur sur Utilisateurs : lecture seule');
    // and the Visiteur does read the users of that contract
    const list = await h.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie: visitor },
    });
    expect(list.statusCode).toBe(200);
    expect(
      bodyOf(list, UserPage).items.every((user: { grants: { contractId: string }[] }) =>
        user.grants.every((grant) => grant.contractId === 'OCB0005122'),
      ),
    ).toBe(true);
    expect(await Promise.all([countRows('users'), countRows('mail_outbox')])).toEqual(before);
  });

  it('refuses the same contract and section twice', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: manager },
      payload: {
        ...uniqueIdentity(),
        grants: [
          { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
          { contractId: 'OCB0005121', section: 'requests', profile: 'manager' },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.[0]?.path).toBe('grants.1.section');
  });
});

describe('changing and removing accesses', () => {
  it('raises a Visiteur to Gestionnaire, who then can create requests at once', async () => {
    const user = await addActiveUser(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const draft = {
      action: 'draft',
      contractId: 'OCB0005121',
      values: {},
    };
    const before = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie: user.cookie },
      payload: draft,
    });
    expect(before.statusCode).toBe(403);
    const raised = await h.app.inject({
      method: 'PUT',
      url: `/api/users/${user.id}/contracts/OCB0005121`,
      headers: { cookie: manager },
      payload: {
        grants: [
          { section: 'requests', profile: 'manager' },
          { section: 'inventory', profile: 'viewer' },
        ],
      },
    });
    expect(raised.statusCode).toBe(200);
    expect(bodyOf(raised, UserView).grants).toEqual([
      { contractId: 'OCB0005121', section: 'inventory', profile: 'viewer' },
      { contractId: 'OCB0005121', section: 'requests', profile: 'manager' },
    ]);
    const after = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie: user.cookie },
      payload: draft,
    });
    expect(after.statusCode).toBe(201);
    // sections left out lose their profile
    const lowered = await h.app.inject({
      method: 'PUT',
      url: `/api/users/${user.id}/contracts/OCB0005121`,
      headers: { cookie: manager },
      payload: { grants: [{ section: 'inventory', profile: 'viewer' }] },
    });
    expect(bodyOf(lowered, UserView).grants).toEqual([
      { contractId: 'OCB0005121', section: 'inventory', profile: 'viewer' },
    ]);
  });

  it('gives a visible user access to another contract of the perimeter', async () => {
    const user = await addActiveUser(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const response = await h.app.inject({
      method: 'PUT',
      url: `/api/users/${user.id}/contracts/OCB0005122`,
      headers: { cookie: manager },
      payload: { grants: [{ section: 'requests', profile: 'viewer' }] },
    });
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response, UserView).grants).toHaveLength(2);
  });

  it('refuses changing one’s own rights, an invisible user, and all-none', async () => {
    const own = await h.app.inject({
      method: 'PUT',
      url: `/api/users/${managerId}/contracts/OCB0005121`,
      headers: { cookie: manager },
      payload: { grants: [{ section: 'requests', profile: 'viewer' }] },
    });
    expect(own.statusCode).toBe(403);
    const globexOnly = await h.app.inject({
      method: 'PUT',
      url: `/api/users/${stableId('user:agent@guichet.example')}/contracts/OCB0005121`,
      headers: { cookie: manager },
      payload: { grants: [{ section: 'requests', profile: 'viewer' }] },
    });
    expect(globexOnly.statusCode).toBe(404);
    const none = await h.app.inject({
      method: 'PUT',
      url: `/api/users/${visitorId}/contracts/OCB0005121`,
      headers: { cookie: manager },
      payload: { grants: [] },
    });
    expect(none.statusCode).toBe(400);
  });

  it('removes a user’s access to a contract, but not the referent’s nor one’s own', async () => {
    const user = await addActiveUser(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
      { contractId: 'OCB0005122', section: 'requests', profile: 'viewer' },
    ]);
    const removed = await h.app.inject({
      method: 'DELETE',
      url: `/api/users/${user.id}/contracts/OCB0005121`,
      headers: { cookie: manager },
    });
    expect(removed.statusCode).toBe(204);
    const list = await h.app.inject({
      method: 'GET',
      url: '/api/requests?contractId=OCB0005121',
      headers: { cookie: user.cookie },
    });
    expect(bodyOf(list, RequestPage).total).toBe(0);
    const again = await h.app.inject({
      method: 'DELETE',
      url: `/api/users/${user.id}/contracts/OCB0005121`,
      headers: { cookie: manager },
    });
    expect(again.statusCode).toBe(404);

    const own = await h.app.inject({
      method: 'DELETE',
      url: `/api/users/${managerId}/contracts/OCB0005121`,
      headers: { cookie: manager },
    });
    expect(own.statusCode).toBe(403);
    // a second Gestionnaire on Utilisateurs may not remove the referent either
    const colleague = await addActiveUser(h, manager, [
      { contractId: 'OCB0005121', section: 'users', profile: 'manager' },
    ]);
    const referent = await h.app.inject({
      method: 'DELETE',
      url: `/api/users/${managerId}/contracts/OCB0005121`,
      headers: { cookie: colleague.cookie },
    });
    expect(referent.statusCode).toBe(409);
    expect(errorOf(referent).message).toContain('référent');
  });

  it('sends a new invitation that replaces the previous link', async () => {
    const identity = uniqueIdentity('again');
    const added = await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: manager },
      payload: {
        ...identity,
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
      },
    });
    const id = bodyOf(added, AddUserResult).user.id;
    const first = await invitationTokenFor(h, identity.email);
    h.setNow(new Date(testNow.getTime() + 60_000));
    const resent = await h.app.inject({
      method: 'POST',
      url: `/api/users/${id}/invitation`,
      headers: { cookie: manager },
    });
    h.setNow(testNow);
    expect(resent.statusCode).toBe(204);
    const second = await invitationTokenFor(h, identity.email);
    expect(second).not.toBe(first);
    expect(
      (await h.app.inject({ method: 'GET', url: `/api/invitations/${first}` })).statusCode,
    ).toBe(404);
    expect(
      (await h.app.inject({ method: 'GET', url: `/api/invitations/${second}` })).statusCode,
    ).toBe(200);
    const active = await h.app.inject({
      method: 'POST',
      url: `/api/users/${visitorId}/invitation`,
      headers: { cookie: manager },
    });
    expect(active.statusCode).toBe(409);
  });
});
