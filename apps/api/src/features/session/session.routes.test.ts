import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, errorOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('the session', () => {
  it('tells who is logged in, their perimeter and their grants in it', async () => {
    const cookie = await h.login('visiteur@acme.example');
    const session = (
      await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })
    ).json();
    expect(session.user).toMatchObject({
      email: 'visiteur@acme.example',
      locale: 'fr',
      kind: 'customer',
    });
    expect(session.perimeter.name).toBe('ACME');
    expect(session.grants).toContainEqual({
      contractId: 'OCB0005121',
      section: 'requests',
      profile: 'viewer',
    });
  });

  it('switches the language and keeps it', async () => {
    const cookie = await h.login('gestionnaire@globex.example');
    const response = await h.app.inject({
      method: 'PUT',
      url: '/api/session/locale',
      payload: { locale: 'en' },
      headers: { cookie },
    });
    expect(response.json().user.locale).toBe('en');
    const again = await h.login('gestionnaire@globex.example');
    const session = (
      await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: again } })
    ).json();
    expect(session.user.locale).toBe('en');
    const refused = await h.app.inject({
      method: 'PUT',
      url: '/api/session/locale',
      payload: { locale: 'de' },
      headers: { cookie },
    });
    expect(refused.statusCode).toBe(400);
  });

  it('gives an operator no customer perimeter', async () => {
    const cookie = await h.login('agent@guichet.example');
    const session = (
      await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })
    ).json();
    expect(session.user.kind).toBe('operator');
    expect(session.perimeters).toEqual([]);
    expect(session.perimeter).toBeNull();
    const requests = await h.app.inject({
      method: 'GET',
      url: '/api/requests',
      headers: { cookie },
    });
    expect(requests.json().total).toBe(0);
  });

  it('ends a session after its lifetime', async () => {
    const cookie = await h.login('gestionnaire@acme.example');
    h.setNow(new Date('2026-11-21T10:00:00Z'));
    try {
      const response = await h.app.inject({
        method: 'GET',
        url: '/api/session',
        headers: { cookie },
      });
      expect(response.statusCode).toBe(401);
      expect(errorOf(response).code).toBe('unauthenticated');
    } finally {
      h.setNow(new Date('2026-11-20T10:00:00Z'));
    }
  });

  it('refuses a malformed login with the field at fault', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'not an e-mail', password: 'x' },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.[0]?.path).toBe('email');
  });
});

describe('the API description', () => {
  it('serves OpenAPI without a session, every route with its error body', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/requests',
        '/api/requests/{id}/confirm',
        '/api/contracts/{contractId}/assets',
      ]),
    );
    const docs = await h.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers unknown API paths with the one error body', async () => {
    const anonymous = await h.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(anonymous.statusCode).toBe(401);
    const cookie = await h.login('gestionnaire@acme.example');
    const response = await h.app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: { cookie },
    });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe('not_found');
  });
});
