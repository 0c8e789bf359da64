import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { CustomerSignInSettings, SessionView, SsoLogout, SsoOfferList } from '@guichet/contracts';
import { bodyOf, createHarness, demo, errorOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { startIdentityProvider } from '../../test/oidc-provider.ts';
import type { TestIdentityProvider } from '../../test/oidc-provider.ts';
import { demoPassword } from '../../seed/demo-data.ts';

/**
 * Single sign-on against a real OpenID provider on loopback (issue 21): oidc-provider runs the
 * authorization code flow; the bad ID tokens are the provider's own, changed and signed again
 * (by its key, or by a key it never published) at its token endpoint.
 */
let h: Harness;
let idp: TestIdentityProvider;
let admin: string;
const publicUrl = 'http://guichet.test';
const secretKey = Buffer.alloc(32, 7);

beforeAll(async () => {
  idp = await startIdentityProvider({
    redirectUri: `${publicUrl}/api/sso/callback`,
    postLogoutRedirectUri: `${publicUrl}/connexion`,
  });
  h = await createHarness({
    config: { publicUrl, ssoAllowInsecureIssuers: true, webhooksSecretKey: secretKey },
  });
  admin = await h.login('admin@guichet.example');
  for (const email of [
    'gestionnaire@acme.example',
    'visiteur@acme.example',
    'integrateur@partner.example',
    'gestionnaire@globex.example',
    'nobody@acme.example',
  ])
    idp.accounts.set(email, { email, email_verified: true });
  idp.accounts.set('unverified', { email: 'visiteur@acme.example', email_verified: false });
  idp.accounts.set('no-email', {});
  const put = await configure({});
  expect(put.statusCode).toBe(200);
});

afterAll(async () => {
  await h.close();
  await idp.close();
});

beforeEach(() => {
  idp.tamper = null;
});

function configure(overrides: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return h.app.inject({
    method: 'PUT',
    url: `/api/back-office/customers/${demo.acme}/sso`,
    headers: { cookie: admin },
    payload: {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      displayName: 'ACME Entra ID',
      allowedDomains: ['acme.example'],
      ...overrides,
    },
  });
}

/** The start: where the browser is sent, and the flow's browser cookie. */
async function start(suite = '/demandes'): Promise<{ location: string; browser: string }> {
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/sso/customers/${demo.acme}/start?suite=${encodeURIComponent(suite)}`,
  });
  expect(response.statusCode).toBe(302);
  const cookie = response.cookies.find((c) => c.name === 'guichet_sso');
  if (!cookie) throw new Error('no browser cookie');
  return { location: String(response.headers.location), browser: `guichet_sso=${cookie.value}` };
}

async function callback(url: URL, browser: string | null): Promise<LightMyRequestResponse> {
  return h.app.inject({
    method: 'GET',
    url: `${url.pathname}${url.search}`,
    headers: browser ? { cookie: browser } : {},
  });
}

/** A whole sign-in through the provider as `login`: the callback's answer. */
async function signInAs(login: string): Promise<LightMyRequestResponse> {
  const { location, browser } = await start();
  return callback(await idp.authorize(location, login), browser);
}

async function lastRefusal() {
  return h.database.db
    .selectFrom('audit_events')
    .select(['kind', 'data', 'actor_email', 'target_id'])
    .where('kind', '=', 'sso_sign_in_refused')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}

function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'guichet_session');
  if (!cookie?.value) throw new Error(`no session: ${response.statusCode} ${response.body}`);
  return `guichet_session=${cookie.value}`;
}

describe('single sign-on by OpenID Connect', () => {
  it('stores the client secret encrypted and never shows it back', async () => {
    const row = await h.database.db
      .selectFrom('customer_sso_connections')
      .select('client_secret')
      .where('customer_id', '=', demo.acme)
      .executeTakeFirstOrThrow();
    expect(row.client_secret.startsWith('v1:')).toBe(true);
    expect(row.client_secret).not.toContain(idp.clientSecret);
    const settings = await h.app.inject({
      method: 'GET',
      url: `/api/back-office/customers/${demo.acme}/sign-in`,
      headers: { cookie: admin },
    });
    const view = bodyOf(settings, CustomerSignInSettings);
    expect(view.sso).toMatchObject({
      issuer: idp.issuer,
      hasClientSecret: true,
      allowedDomains: ['acme.example'],
      loginLink: `${publicUrl}/connexion?sso=${demo.acme}`,
      redirectUri: `${publicUrl}/api/sso/callback`,
    });
    expect(settings.body).not.toContain(idp.clientSecret);
  });

  it('offers the connection owning the typed e-mail’s domain, and a customer’s by its link', async () => {
    const offers = async (query: string) =>
      bodyOf(await h.app.inject({ method: 'GET', url: `/api/sso/offers?${query}` }), SsoOfferList)
        .offers;
    expect(await offers('identifier=Camille%40ACME.example')).toEqual([
      {
        connection: demo.acme,
        name: 'ACME Entra ID',
        startUrl: `/api/sso/customers/${demo.acme}/start`,
        isRequired: false,
      },
    ]);
    expect(await offers('identifier=camille%40globex.example')).toEqual([]);
    expect(await offers('identifier=camille.martin')).toEqual([]);
    expect((await offers(`customer=${demo.acme}`)).map((offer) => offer.name)).toEqual([
      'ACME Entra ID',
    ]);
    expect(await offers(`customer=${demo.globex}`)).toEqual([]);
  });

  it('signs an existing user in by the verified e-mail, links the identity, and goes back where asked', async () => {
    const { location, browser } = await start('/demandes?statut=ouverte');
    const authorization = new URL(location);
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    // the flow waits in PostgreSQL, not in the process
    const flows = await h.database.db.selectFrom('sso_flows').select('id').execute();
    expect(flows.length).toBeGreaterThan(0);

    const answer = await callback(
      await idp.authorize(location, 'gestionnaire@acme.example'),
      browser,
    );
    expect(answer.statusCode).toBe(302);
    expect(answer.headers.location).toBe('/demandes?statut=ouverte');
    const session = await h.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: sessionCookieOf(answer) },
    });
    expect(bodyOf(session, SessionView).user.email).toBe('gestionnaire@acme.example');
    const identity = await h.database.db
      .selectFrom('sso_identities')
      .innerJoin('users', 'users.id', 'sso_identities.user_id')
      .select(['users.email', 'sso_identities.issuer', 'sso_identities.subject'])
      .where('sso_identities.subject', '=', 'gestionnaire@acme.example')
      .executeTakeFirstOrThrow();
    expect(identity).toEqual({
      email: 'gestionnaire@acme.example',
      issuer: idp.issuer,
      subject: 'gestionnaire@acme.example',
    });
    const succeeded = await h.database.db
      .selectFrom('audit_events')
      .select('data')
      .where('kind', '=', 'login_succeeded')
      .where('actor_email', '=', 'gestionnaire@acme.example')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(succeeded.data).toMatchObject({ sso: demo.acme });
  });

  it('refuses a replayed state, and an answer coming back to another browser', async () => {
    const { location, browser } = await start();
    const back = await idp.authorize(location, 'visiteur@acme.example');
    expect((await callback(back, browser)).statusCode).toBe(302);
    const replayed = await callback(back, browser);
    expect(replayed.headers.location).toBe('/connexion/refus-sso?motif=state_invalid');
    expect(replayed.cookies.find((c) => c.name === 'guichet_session')).toBeUndefined();
    expect((await lastRefusal()).data).toMatchObject({ reason: 'state_invalid' });

    const other = await start();
    const elsewhere = await callback(
      await idp.authorize(other.location, 'visiteur@acme.example'),
      null,
    );
    expect(elsewhere.headers.location).toBe('/connexion/refus-sso?motif=state_invalid');
    expect((await lastRefusal()).data).toMatchObject({
      reason: 'state_invalid',
      detail: 'another browser',
    });
  });

  it('refuses an expired flow', async () => {
    const { location, browser } = await start();
    const back = await idp.authorize(location, 'visiteur@acme.example');
    h.setNow(new Date(Date.parse('2026-11-20T10:11:00Z')));
    try {
      const late = await callback(back, browser);
      expect(late.headers.location).toBe('/connexion/refus-sso?motif=state_invalid');
      expect((await lastRefusal()).data).toMatchObject({ detail: 'expired' });
    } finally {
      h.setNow(new Date('2026-11-20T10:00:00Z'));
    }
  });

  it.each([
    ['wrong_audience', /aud/],
    ['expired', /exp|timestamp/i],
    ['wrong_nonce', /nonce/],
    ['unknown_key', /key|signature|JWKS|kid/i],
  ] as const)(
    'refuses an ID token with %s, with a clear page and an audit event',
    async (tamper, says) => {
      idp.tamper = tamper;
      const answer = await signInAs('gestionnaire@acme.example');
      expect(answer.statusCode).toBe(302);
      expect(answer.headers.location).toBe('/connexion/refus-sso?motif=token_invalid');
      expect(answer.cookies.find((c) => c.name === 'guichet_session')).toBeUndefined();
      const refusal = await lastRefusal();
      expect(refusal.data).toMatchObject({ reason: 'token_invalid', connection: demo.acme });
      expect(String(refusal.data['detail'])).toMatch(says);
      expect(refusal.target_id).toBe(demo.acme);
    },
  );

  it('refuses an e-mail outside the allowed domains, an unverified one, and an unknown user', async () => {
    const outside = await signInAs('integrateur@partner.example');
    expect(outside.headers.location).toBe('/connexion/refus-sso?motif=domain_not_allowed');
    expect((await lastRefusal()).data).toMatchObject({ email: 'integrateur@partner.example' });

    const unverified = await signInAs('unverified');
    expect(unverified.headers.location).toBe('/connexion/refus-sso?motif=email_not_verified');
    const noEmail = await signInAs('no-email');
    expect(noEmail.headers.location).toBe('/connexion/refus-sso?motif=email_not_verified');

    const unknown = await signInAs('nobody@acme.example');
    expect(unknown.headers.location).toBe('/connexion/refus-sso?motif=unknown_user');
    expect((await lastRefusal()).data).toMatchObject({ email: 'nobody@acme.example' });
    const created = await h.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'nobody@acme.example')
      .execute();
    expect(created).toEqual([]);
  });

  it('refuses a user of another customer whose domain it is not (rights are never made)', async () => {
    await h.database.db
      .updateTable('users')
      .set({ email: 'alex@acme.example' })
      .where('email', '=', 'gestionnaire@globex.example')
      .execute();
    idp.accounts.set('alex@acme.example', { email: 'alex@acme.example', email_verified: true });
    try {
      const answer = await signInAs('alex@acme.example');
      expect(answer.headers.location).toBe('/connexion/refus-sso?motif=unknown_user');
    } finally {
      await h.database.db
        .updateTable('users')
        .set({ email: 'gestionnaire@globex.example' })
        .where('email', '=', 'alex@acme.example')
        .execute();
    }
  });

  it('logs out of Guichet and sends the browser to the provider’s end_session_endpoint', async () => {
    const cookie = sessionCookieOf(await signInAs('visiteur@acme.example'));
    const logout = await h.app.inject({
      method: 'POST',
      url: '/api/sso/logout',
      headers: { cookie },
    });
    const redirectTo = new URL(bodyOf(logout, SsoLogout).redirectTo ?? '');
    expect(redirectTo.origin).toBe(idp.issuer);
    expect(redirectTo.searchParams.get('id_token_hint')).toBeTruthy();
    expect(redirectTo.searchParams.get('post_logout_redirect_uri')).toBe(`${publicUrl}/connexion`);
    const after = await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    // the provider takes the logout it was sent to
    const atProvider = await fetch(redirectTo, { redirect: 'manual' });
    expect(atProvider.status).toBeLessThan(400);

    // a password session has no provider to go to
    const password = await h.login('gestionnaire@globex.example');
    const plain = await h.app.inject({
      method: 'POST',
      url: '/api/sso/logout',
      headers: { cookie: password },
    });
    expect(bodyOf(plain, SsoLogout)).toEqual({ redirectTo: null });
  });

  it('with « SSO required », refuses the customer’s users a password, audited; others keep theirs', async () => {
    expect((await configure({ isRequired: true })).statusCode).toBe(200);
    try {
      const refused = await h.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { identifier: 'gestionnaire@acme.example', password: demoPassword },
      });
      expect(refused.statusCode).toBe(403);
      expect(errorOf(refused).details).toEqual([
        expect.objectContaining({ rule: 'sso_required', params: { name: 'ACME Entra ID' } }),
      ]);
      const audited = await h.database.db
        .selectFrom('audit_events')
        .select('actor_email')
        .where('kind', '=', 'password_login_refused_sso')
        .execute();
      expect(audited.map((row) => row.actor_email)).toContain('gestionnaire@acme.example');
      // a wrong password says nothing about it
      const wrong = await h.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { identifier: 'gestionnaire@acme.example', password: 'not the password' },
      });
      expect(wrong.statusCode).toBe(401);
      // a partner at ACME (another domain) keeps the password
      const partner = await h.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { identifier: 'integrateur@partner.example', password: demoPassword },
      });
      expect(partner.statusCode).toBe(200);
      // and SSO still signs the customer's users in
      expect((await signInAs('gestionnaire@acme.example')).headers.location).toBe('/demandes');
    } finally {
      expect((await configure({ isRequired: false })).statusCode).toBe(200);
    }
  });

  it('keeps each domain to one customer, and requires the secret the first time', async () => {
    const taken = await h.app.inject({
      method: 'PUT',
      url: `/api/back-office/customers/${demo.globex}/sso`,
      headers: { cookie: admin },
      payload: {
        issuer: idp.issuer,
        clientId: 'globex',
        displayName: 'Globex',
        allowedDomains: ['globex.example'],
      },
    });
    expect(taken.statusCode).toBe(400);
    expect(errorOf(taken).details?.[0]?.path).toBe('clientSecret');
    const clash = await h.app.inject({
      method: 'PUT',
      url: `/api/back-office/customers/${demo.globex}/sso`,
      headers: { cookie: admin },
      payload: {
        issuer: idp.issuer,
        clientId: 'globex',
        clientSecret: 's',
        displayName: 'Globex',
        allowedDomains: ['globex.example', 'acme.example'],
      },
    });
    expect(clash.statusCode).toBe(409);
    expect(errorOf(clash).details?.[0]?.path).toBe('allowedDomains.1');
  });

  it('refuses a plain-http issuer unless the deployment allows it', async () => {
    const strict = await h.createApp({ ssoAllowInsecureIssuers: false });
    const response = await strict.inject({
      method: 'PUT',
      url: `/api/back-office/customers/${demo.acme}/sso`,
      headers: { cookie: admin },
      payload: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        displayName: 'ACME Entra ID',
        allowedDomains: ['acme.example'],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.[0]?.path).toBe('issuer');
  });

  it('signs an operator in through the operators’ connection (environment), SSO-only for them', async () => {
    const staff = await h.createApp({
      operatorSso: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        displayName: 'Staff',
        allowedDomains: ['guichet.example'],
        emailClaim: 'email',
        isRequired: true,
      },
    });
    idp.accounts.set('agent@guichet.example', {
      email: 'agent@guichet.example',
      email_verified: true,
    });
    const offers = await staff.inject({
      method: 'GET',
      url: '/api/sso/offers?identifier=agent%40guichet.example',
    });
    expect(bodyOf(offers, SsoOfferList).offers).toEqual([
      {
        connection: 'operators',
        name: 'Staff',
        startUrl: '/api/sso/operators/start',
        isRequired: true,
      },
    ]);
    const started = await staff.inject({ method: 'GET', url: '/api/sso/operators/start' });
    const browser = started.cookies.find((c) => c.name === 'guichet_sso');
    const back = await idp.authorize(String(started.headers.location), 'agent@guichet.example');
    const answer = await staff.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { cookie: `guichet_sso=${browser?.value ?? ''}` },
    });
    expect(answer.headers.location).toBe('/');
    const session = await staff.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: sessionCookieOf(answer) },
    });
    expect(bodyOf(session, SessionView).user.kind).toBe('operator');
    const password = await staff.inject({
      method: 'POST',
      url: '/api/session',
      payload: { identifier: 'agent@guichet.example', password: demoPassword },
    });
    expect(password.statusCode).toBe(403);
    expect(errorOf(password).details?.[0]?.params).toEqual({ name: 'Staff' });
  });
});
