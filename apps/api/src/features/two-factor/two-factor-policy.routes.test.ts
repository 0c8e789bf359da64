import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CustomerSignInSettings,
  SessionView,
  SignInPending,
  SignInSetupDone,
  TwoFactorSetup,
} from '@guichet/contracts';
import { bodyOf, createHarness, demo, errorOf, stableId, testNow } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { demoPassword } from '../../seed/demo-data.ts';
import { sessionCookieFor } from '../../test/operator-builders.ts';

/**
 * The second factor's policies (issue 21, decision 0030): a customer requires it of its users,
 * operators with the admin role always; a user without one sets it up at sign-in before
 * anything else. An admin resets a user's second factor.
 */
let h: Harness;
let adminCookie: string;
beforeAll(async () => {
  h = await createHarness({ config: { adminsRequireTwoFactor: true } });
  // the admin's own sign-in is under the policy: its session is made as a login would make it
  adminCookie = await sessionCookieFor(h, stableId('user:admin@guichet.example'));
});
afterAll(() => h.close());

const at = (ms: number) => new Date(testNow.getTime() + ms);
const codeAt = (secret: string, date: Date) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: date.getTime() });

function cookieOf(response: { cookies: { name: string; value: string }[] }, name: string) {
  const cookie = response.cookies.find((c) => c.name === name);
  return cookie ? `${name}=${cookie.value}` : '';
}

async function password(identifier: string) {
  return h.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { identifier, password: demoPassword },
  });
}

async function setUpAtSignIn(identifier: string, now: Date) {
  const pending = await password(identifier);
  expect(pending.statusCode).toBe(202);
  expect(bodyOf(pending, SignInPending)).toEqual({ secondFactor: 'setup' });
  expect(cookieOf(pending, 'guichet_session')).toBe('');
  const cookie = cookieOf(pending, 'guichet_sign_in');
  const setup = await h.app.inject({
    method: 'POST',
    url: '/api/session/second-factor/setup',
    headers: { cookie },
  });
  const { secret } = bodyOf(setup, TwoFactorSetup);
  const done = await h.app.inject({
    method: 'POST',
    url: '/api/session/second-factor/setup/confirm',
    headers: { cookie },
    payload: { code: codeAt(secret, now) },
  });
  return { done, secret, pendingCookie: cookie };
}

describe('second factor required by policy (issue 21)', () => {
  it('a customer’s flag leads its users to the setup at sign-in, before anything else', async () => {
    h.setNow(testNow);
    const set = await h.app.inject({
      method: 'PUT',
      url: `/api/back-office/customers/${demo.globex}/two-factor-policy`,
      headers: { cookie: adminCookie },
      payload: { requiresTwoFactor: true },
    });
    expect(bodyOf(set, CustomerSignInSettings).requiresTwoFactor).toBe(true);
    const audited = await h.database.db
      .selectFrom('audit_events')
      .select(['data', 'target_id'])
      .where('kind', '=', 'two_factor_policy_changed')
      .executeTakeFirstOrThrow();
    expect(audited).toEqual({ data: { requiresTwoFactor: true }, target_id: demo.globex });

    const pending = await password('gestionnaire@globex.example');
    expect(bodyOf(pending, SignInPending)).toEqual({ secondFactor: 'setup' });
    // the pending sign-in opens nothing: no session, and the code step is not for it
    const cookie = cookieOf(pending, 'guichet_sign_in');
    const reach = await h.app.inject({ method: 'GET', url: '/api/requests', headers: { cookie } });
    expect(reach.statusCode).toBe(401);
    const asCode = await h.app.inject({
      method: 'POST',
      url: '/api/session/second-factor',
      headers: { cookie },
      payload: { code: '123456' },
    });
    expect(asCode.statusCode).toBe(401);

    const { done, secret } = await setUpAtSignIn('gestionnaire@globex.example', testNow);
    expect(done.statusCode).toBe(200);
    const result = bodyOf(done, SignInSetupDone);
    expect(result.recoveryCodes).toHaveLength(10);
    expect(result.session.user.email).toBe('gestionnaire@globex.example');
    const session = await h.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: cookieOf(done, 'guichet_session') },
    });
    expect(bodyOf(session, SessionView).user.email).toBe('gestionnaire@globex.example');

    // from now on the code is asked, as for anyone with two-factor sign-in on
    h.setNow(at(60_000));
    const next = await password('gestionnaire@globex.example');
    expect(bodyOf(next, SignInPending)).toEqual({ secondFactor: 'code' });
    const second = await h.app.inject({
      method: 'POST',
      url: '/api/session/second-factor',
      headers: { cookie: cookieOf(next, 'guichet_sign_in') },
      payload: { code: codeAt(secret, at(60_000)) },
    });
    expect(second.statusCode).toBe(200);
    // users of customers without the flag are not asked
    expect((await password('gestionnaire@acme.example')).statusCode).toBe(200);
  });

  it('refuses a wrong first code at the setup, and a setup without a pending sign-in', async () => {
    h.setNow(at(2 * 60_000));
    const pending = await password('admin@guichet.example');
    expect(bodyOf(pending, SignInPending)).toEqual({ secondFactor: 'setup' });
    const cookie = cookieOf(pending, 'guichet_sign_in');
    await h.app.inject({
      method: 'POST',
      url: '/api/session/second-factor/setup',
      headers: { cookie },
    });
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/session/second-factor/setup/confirm',
      headers: { cookie },
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details?.[0]?.rule).toBe('two_factor_code');
    expect(cookieOf(wrong, 'guichet_session')).toBe('');
    const none = await h.app.inject({ method: 'POST', url: '/api/session/second-factor/setup' });
    expect(none.statusCode).toBe(401);
  });

  it('always asks it of operators with the admin role, not of the other operators', async () => {
    h.setNow(at(3 * 60_000));
    const { done } = await setUpAtSignIn('admin@guichet.example', at(3 * 60_000));
    expect(bodyOf(done, SignInSetupDone).session.user.operatorRole).toBe('admin');
    expect((await password('agent@guichet.example')).statusCode).toBe(200);
  });

  it('an admin resets a user’s second factor: audited, the user mailed, the setup asked again', async () => {
    h.setNow(at(4 * 60_000));
    const userId = stableId('user:gestionnaire@globex.example');
    const reset = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/users/${userId}/reset-two-factor`,
      headers: { cookie: adminCookie },
    });
    expect(reset.statusCode).toBe(204);
    const secrets = await h.database.db
      .selectFrom('two_factor_secrets')
      .select('user_id')
      .where('user_id', '=', userId)
      .execute();
    expect(secrets).toEqual([]);
    const codes = await h.database.db
      .selectFrom('recovery_codes')
      .select('id')
      .where('user_id', '=', userId)
      .execute();
    expect(codes).toEqual([]);
    const audited = await h.database.db
      .selectFrom('audit_events')
      .select(['actor_email', 'target_id', 'data'])
      .where('kind', '=', 'two_factor_reset')
      .executeTakeFirstOrThrow();
    expect(audited).toEqual({
      actor_email: 'admin@guichet.example',
      target_id: userId,
      data: { hadOne: true },
    });
    const mail = await h.database.db
      .selectFrom('mail_outbox')
      .select(['subject'])
      .where('to_address', '=', 'gestionnaire@globex.example')
      .where('kind', '=', 'two_factor_reset')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain('deux étapes');
    // the customer still requires it: the next sign-in sets up a new one
    expect(bodyOf(await password('gestionnaire@globex.example'), SignInPending)).toEqual({
      secondFactor: 'setup',
    });
  });

  it('is the admins’ only: an agent may neither set the policy nor reset a second factor', async () => {
    const agent = await h.login('agent@guichet.example');
    const policy = await h.app.inject({
      method: 'PUT',
      url: `/api/back-office/customers/${demo.acme}/two-factor-policy`,
      headers: { cookie: agent },
      payload: { requiresTwoFactor: true },
    });
    expect(policy.statusCode).toBe(403);
    const reset = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/users/${stableId('user:visiteur@acme.example')}/reset-two-factor`,
      headers: { cookie: agent },
    });
    expect(reset.statusCode).toBe(403);
    const unknown = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/users/${stableId('user:nobody')}/reset-two-factor`,
      headers: { cookie: adminCookie },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
