import { AccountView, SessionView } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, demo, errorOf, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import {
  addActiveUser,
  createApiToken,
  logInWith,
  newPassword,
} from '../../test/rights-builders.ts';

let h: Harness;
let manager: string;
beforeAll(async () => {
  h = await createHarness();
  manager = await h.login('gestionnaire@acme.example');
});
afterAll(() => h.close());

describe('« Mon compte »', () => {
  it('shows the login, e-mail and contact details, and changes the contact details', async () => {
    const user = await addActiveUser(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const account = await h.app.inject({
      method: 'GET',
      url: '/api/account',
      headers: { cookie: user.cookie },
    });
    expect(account.json()).toMatchObject({
      email: user.email,
      firstName: 'Jeanne',
      kind: 'customer',
    });
    const changed = await h.app.inject({
      method: 'PUT',
      url: '/api/account/contact',
      headers: { cookie: user.cookie },
      payload: { firstName: ' Jeanne-Marie ', lastName: 'Durand', phone: '06 12 34 56 78' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      firstName: 'Jeanne-Marie',
      lastName: 'Durand',
      displayName: 'Jeanne-Marie Durand',
      phone: '06 12 34 56 78',
      email: user.email,
    });
    const cleared = await h.app.inject({
      method: 'PUT',
      url: '/api/account/contact',
      headers: { cookie: user.cookie },
      payload: { firstName: 'Jeanne', lastName: 'Durand', phone: '' },
    });
    expect(bodyOf(cleared, AccountView).phone).toBeNull();
    const refused = await h.app.inject({
      method: 'PUT',
      url: '/api/account/contact',
      headers: { cookie: user.cookie },
      payload: { firstName: '', lastName: 'Durand', phone: 'abc' },
    });
    expect(refused.statusCode).toBe(400);
    expect(
      errorOf(refused)
        .details?.map((detail) => detail.path)
        .sort(),
    ).toEqual(['firstName', 'phone']);
  });
});

describe('changing the password', () => {
  it('needs the current password', async () => {
    const user = await addActiveUser(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const response = await h.app.inject({
      method: 'PUT',
      url: '/api/account/password',
      headers: { cookie: user.cookie },
      payload: {
        currentPassword: 'wrong',
        newPassword: 'Tout.Neuf2026',
        confirmation: 'Tout.Neuf2026',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toEqual([
      {
        path: 'currentPassword',
        rule: 'current_password',
        message: 'The current password is wrong',
      },
    ]);
  });

  it.each([
    ['Court.1a', 'Court.1a', [['newPassword', 'min_length']]],
    ['toutenminuscule.1', 'toutenminuscule.1', [['newPassword', 'uppercase']]],
    ['TOUTENMAJUSCULE.1', 'TOUTENMAJUSCULE.1', [['newPassword', 'lowercase']]],
    ['SansChiffre.ici', 'SansChiffre.ici', [['newPassword', 'digit']]],
    ['SansSpecial2026', 'SansSpecial2026', [['newPassword', 'special']]],
    ['Tout.Neuf2026', 'Tout.Neuf2027', [['confirmation', 'confirmation']]],
  ])(
    'refuses %s (typed again as %s) for each broken rule',
    async (next, confirmation, expected) => {
      const user = await addActiveUser(h, manager, [
        { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
      ]);
      const response = await h.app.inject({
        method: 'PUT',
        url: '/api/account/password',
        headers: { cookie: user.cookie },
        payload: { currentPassword: newPassword, newPassword: next, confirmation },
      });
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).details?.map((detail) => [detail.path, detail.rule])).toEqual(
        expected,
      );
      await logInWith(h, user.email, newPassword);
    },
  );

  it('changes it, ends the other sessions and keeps this one', async () => {
    const user = await addActiveUser(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const other = await logInWith(h, user.email, newPassword);
    const response = await h.app.inject({
      method: 'PUT',
      url: '/api/account/password',
      headers: { cookie: user.cookie },
      payload: {
        currentPassword: newPassword,
        newPassword: 'Tout.Neuf2026',
        confirmation: 'Tout.Neuf2026',
      },
    });
    expect(response.statusCode).toBe(204);
    const get = (cookie: string) =>
      h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect((await get(user.cookie)).statusCode).toBe(200);
    expect((await get(other)).statusCode).toBe(401);
    await logInWith(h, user.email, 'Tout.Neuf2026');
    const old = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: user.email, password: newPassword },
    });
    expect(old.statusCode).toBe(401);
  });

  it('is refused to an API token', async () => {
    const user = await addActiveUser(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const { token } = await createApiToken(h, user.cookie, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const response = await h.app.inject({
      method: 'PUT',
      url: '/api/account/password',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        currentPassword: newPassword,
        newPassword: 'Tout.Neuf2026',
        confirmation: 'Tout.Neuf2026',
      },
    });
    expect(response.statusCode).toBe(403);
    const account = await h.app.inject({
      method: 'GET',
      url: '/api/account',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bodyOf(account, AccountView).email).toBe(user.email);
  });
});

describe('a personal API token (issue 18: it acts only within its grants)', () => {
  it('granted only requests: viewer, cannot change its owner’s contact details, language, perimeter or bell', async () => {
    const user = await addActiveUser(h, manager, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const { token } = await createApiToken(h, user.cookie, [
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    const bearer = { authorization: `Bearer ${token}` };
    const before = bodyOf(
      await h.app.inject({ method: 'GET', url: '/api/account', headers: { cookie: user.cookie } }),
      AccountView,
    );
    const calls = [
      {
        method: 'PUT' as const,
        url: '/api/account/contact',
        payload: { firstName: 'Pirate', lastName: 'Token', phone: '+33 1 23 45 67 89' },
      },
      { method: 'PUT' as const, url: '/api/session/locale', payload: { locale: 'en' } },
      { method: 'PUT' as const, url: '/api/session/perimeter', payload: { customerId: demo.acme } },
      { method: 'GET' as const, url: '/api/notifications' },
      { method: 'POST' as const, url: '/api/notifications/read', payload: {} },
    ];
    for (const call of calls) {
      const response = await h.app.inject({ ...call, headers: bearer });
      expect({ url: call.url, status: response.statusCode }).toEqual({
        url: call.url,
        status: 403,
      });
      expect(errorOf(response).code).toBe('forbidden');
    }
    const after = await h.app.inject({
      method: 'GET',
      url: '/api/account',
      headers: { cookie: user.cookie },
    });
    expect(after.json()).toEqual(before);
    const session = await h.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: user.cookie },
    });
    expect(bodyOf(session, SessionView).user.locale).toBe('fr');
    // the owner's session still may
    const own = await h.app.inject({
      method: 'PUT',
      url: '/api/account/contact',
      headers: { cookie: user.cookie },
      payload: { firstName: 'Vrai', lastName: 'Nom', phone: null },
    });
    expect(own.statusCode).toBe(200);
  });
});
