import { SessionView } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, errorOf, testNow, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { invitationTokenFor, logInWith, uniqueIdentity } from '../../test/rights-builders.ts';

let h: Harness;
let manager: string;
beforeAll(async () => {
  h = await createHarness();
  manager = await h.login('gestionnaire@acme.example');
});
afterAll(() => h.close());

async function invite() {
  const identity = uniqueIdentity('invited');
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { cookie: manager },
    payload: {
      ...identity,
      grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
    },
  });
  expect(response.statusCode).toBe(201);
  return { ...identity, token: await invitationTokenFor(h, identity.email) };
}

const password = 'Premier.Mot2passe';

describe('an invitation link', () => {
  it('says who it is for, sets the first password once, then the user logs in', async () => {
    const invited = await invite();
    const shown = await h.app.inject({ method: 'GET', url: `/api/invitations/${invited.token}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({
      email: invited.email,
      login: invited.login,
      displayName: `${invited.firstName} ${invited.lastName}`,
      expiresAt: new Date(testNow.getTime() + 72 * 3_600_000).toISOString(),
    });
    const accepted = await h.app.inject({
      method: 'POST',
      url: `/api/invitations/${invited.token}/accept`,
      payload: { password, confirmation: password },
    });
    expect(accepted.statusCode).toBe(204);
    const cookie = await logInWith(h, invited.email, password);
    const session = bodyOf(
      await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } }),
      SessionView,
    );
    expect(session.grants).toEqual([
      { contractId: 'OCB0005121', section: 'requests', profile: 'viewer' },
    ]);
    // single use
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/invitations/${invited.token}/accept`,
      payload: { password: 'Autre.Mot2passe', confirmation: 'Autre.Mot2passe' },
    });
    expect(again.statusCode).toBe(404);
    expect(
      (await h.app.inject({ method: 'GET', url: `/api/invitations/${invited.token}` })).statusCode,
    ).toBe(404);
    await logInWith(h, invited.email, password);
  });

  it('is used once even when submitted twice at the same time', async () => {
    const invited = await invite();
    const responses = await Promise.all(
      ['Premier.Mot2passe', 'Second.Mot2passe'].map((candidate) =>
        h.app.inject({
          method: 'POST',
          url: `/api/invitations/${invited.token}/accept`,
          payload: { password: candidate, confirmation: candidate },
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([204, 404]);
  });

  it('refuses a password that breaks the rules, with each rule broken, and stays usable', async () => {
    const invited = await invite();
    const weak = await h.app.inject({
      method: 'POST',
      url: `/api/invitations/${invited.token}/accept`,
      payload: { password: 'short', confirmation: 'shorter' },
    });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak).details?.map((detail) => [detail.path, detail.rule])).toEqual([
      ['password', 'min_length'],
      ['password', 'uppercase'],
      ['password', 'digit'],
      ['password', 'special'],
      ['confirmation', 'confirmation'],
    ]);
    expect(
      (await h.app.inject({ method: 'GET', url: `/api/invitations/${invited.token}` })).statusCode,
    ).toBe(200);
  });

  it('expires after 72 hours', async () => {
    const invited = await invite();
    h.setNow(new Date(testNow.getTime() + 72 * 3_600_000 + 1000));
    try {
      const late = await h.app.inject({
        method: 'POST',
        url: `/api/invitations/${invited.token}/accept`,
        payload: { password, confirmation: password },
      });
      expect(late.statusCode).toBe(404);
      expect(errorOf(late).code).toBe('not_found');
    } finally {
      h.setNow(testNow);
    }
  });

  it('answers 404 to an unknown link and 400 to a malformed one', async () => {
    const unknown = await h.app.inject({
      method: 'GET',
      url: `/api/invitations/${'x'.repeat(43)}`,
    });
    expect(unknown.statusCode).toBe(404);
    const malformed = await h.app.inject({ method: 'GET', url: '/api/invitations/abc' });
    expect(malformed.statusCode).toBe(400);
  });
});
