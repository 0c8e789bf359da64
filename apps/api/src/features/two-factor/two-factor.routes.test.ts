import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecoveryCodes, SessionView, TwoFactorSetup } from '@guichet/contracts';
import { bodyOf, createHarness, errorOf, testNow } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { demoPassword } from '../../seed/demo-data.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const email = 'gestionnaire@globex.example';
const at = (ms: number) => new Date(testNow.getTime() + ms);
/** The test's own RFC 6238 generator (the user's phone). */
const codeAt = (secret: string, date: Date) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: date.getTime() });

function cookieOf(response: { cookies: { name: string; value: string }[] }, name: string) {
  const cookie = response.cookies.find((c) => c.name === name);
  return cookie ? `${name}=${cookie.value}` : '';
}

async function passwordStep(remoteAddress = '192.0.2.40') {
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { identifier: email, password: demoPassword },
    remoteAddress,
  });
  return response;
}

async function secondStep(
  pending: string,
  body: { code?: string; recoveryCode?: string },
  remoteAddress = '192.0.2.40',
) {
  return h.app.inject({
    method: 'POST',
    url: '/api/session/second-factor',
    payload: body,
    headers: { cookie: pending },
    remoteAddress,
  });
}

let secret = '';
let recoveryCodes: string[] = [];

describe('two-factor sign-in (issue 21)', () => {
  it('is set up from Mon compte: a QR code, a first code confirms it, ten recovery codes shown once', async () => {
    h.setNow(testNow);
    const cookie = await h.login(email);
    const before = await h.app.inject({
      method: 'GET',
      url: '/api/account/two-factor',
      headers: { cookie },
    });
    expect(before.json()).toEqual({ isEnabled: false, recoveryCodesLeft: 0 });
    const setup = await h.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/setup',
      headers: { cookie },
    });
    expect(setup.statusCode).toBe(200);
    const setupBody = bodyOf(setup, TwoFactorSetup);
    secret = setupBody.secret;
    expect(setupBody.otpauthUri).toMatch(/^otpauth:\/\/totp\/Guichet:.*secret=/);
    const svg = Buffer.from(setupBody.qrCode.split(',')[1] ?? '', 'base64').toString();
    expect(setupBody.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(svg).toContain('<svg');
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/confirm',
      payload: { code: codeAt(secret, at(10 * 60_000)) },
      headers: { cookie },
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details?.[0]).toMatchObject({ path: 'code', rule: 'two_factor_code' });
    const confirmed = await h.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/confirm',
      payload: { code: codeAt(secret, testNow) },
      headers: { cookie },
    });
    expect(confirmed.statusCode).toBe(200);
    recoveryCodes = bodyOf(confirmed, RecoveryCodes).recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await h.database.db.selectFrom('recovery_codes').select('code_hash').execute();
    for (const code of recoveryCodes)
      expect(stored.map((row) => row.code_hash)).not.toContain(code);
    const after = await h.app.inject({
      method: 'GET',
      url: '/api/account/two-factor',
      headers: { cookie },
    });
    expect(after.json()).toEqual({ isEnabled: true, recoveryCodesLeft: 10 });
    // a second setup while it is on is refused
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/setup',
      headers: { cookie },
    });
    expect(again.statusCode).toBe(409);
  });

  it('asks the code after the password: no session until then; the generator’s code accepted once', async () => {
    h.setNow(at(60_000));
    const password = await passwordStep();
    expect(password.statusCode).toBe(202);
    expect(password.json()).toEqual({ secondFactor: 'code' });
    expect(cookieOf(password, 'guichet_session')).toBe('');
    const pending = cookieOf(password, 'guichet_sign_in');
    expect(pending).not.toBe('');
    const code = codeAt(secret, at(60_000));
    const done = await secondStep(pending, { code });
    expect(done.statusCode).toBe(200);
    expect(bodyOf(done, SessionView).user.email).toBe(email);
    const session = cookieOf(done, 'guichet_session');
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: session } }))
        .statusCode,
    ).toBe(200);
    // the pending sign-in is used up, and the same code on a new one is refused
    expect((await secondStep(pending, { code })).statusCode).toBe(401);
    const next = cookieOf(await passwordStep(), 'guichet_sign_in');
    const reused = await secondStep(next, { code });
    expect(reused.statusCode).toBe(401);
    expect(errorOf(reused).code).toBe('invalid_credentials');
  });

  it('accepts a clock one step off either way, not two', async () => {
    h.setNow(at(10 * 60_000));
    const pending = cookieOf(await passwordStep(), 'guichet_sign_in');
    expect(
      (await secondStep(pending, { code: codeAt(secret, at(10 * 60_000 + 60_000)) })).statusCode,
    ).toBe(401);
    expect(
      (await secondStep(pending, { code: codeAt(secret, at(10 * 60_000 - 60_000)) })).statusCode,
    ).toBe(401);
    expect(
      (await secondStep(pending, { code: codeAt(secret, at(10 * 60_000 - 30_000)) })).statusCode,
    ).toBe(200);
    h.setNow(at(20 * 60_000));
    const ahead = cookieOf(await passwordStep(), 'guichet_sign_in');
    expect(
      (await secondStep(ahead, { code: codeAt(secret, at(20 * 60_000 + 30_000)) })).statusCode,
    ).toBe(200);
  });

  it('limits wrong codes like passwords: five free, then the pair waits', async () => {
    h.setNow(at(30 * 60_000));
    const address = '192.0.2.41';
    const pending = cookieOf(await passwordStep(address), 'guichet_sign_in');
    const right = codeAt(secret, at(30 * 60_000));
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1)
      expect((await secondStep(pending, { code: wrong }, address)).statusCode).toBe(401);
    const waiting = await secondStep(pending, { code: right }, address);
    expect(waiting.statusCode).toBe(429);
    expect(errorOf(waiting).code).toBe('rate_limited');
    expect(waiting.headers['retry-after']).toBe('1');
    const failed = await h.database.db
      .selectFrom('audit_events')
      .select('kind')
      .where('kind', '=', 'two_factor_failed')
      .execute();
    expect(failed.length).toBeGreaterThanOrEqual(5);
    h.setNow(at(30 * 60_000 + 2_000));
    expect((await secondStep(pending, { code: right }, address)).statusCode).toBe(200);
  });

  it('takes each recovery code once', async () => {
    h.setNow(at(40 * 60_000));
    const first = cookieOf(await passwordStep(), 'guichet_sign_in');
    const code = recoveryCodes[0] ?? '';
    expect((await secondStep(first, { recoveryCode: code.toUpperCase() })).statusCode).toBe(200);
    const second = cookieOf(await passwordStep(), 'guichet_sign_in');
    expect((await secondStep(second, { recoveryCode: code })).statusCode).toBe(401);
    expect((await secondStep(second, { recoveryCode: recoveryCodes[1] ?? '' })).statusCode).toBe(
      200,
    );
    const cookie = await (async () => {
      const pending = cookieOf(await passwordStep(), 'guichet_sign_in');
      return cookieOf(
        await secondStep(pending, { recoveryCode: recoveryCodes[2] ?? '' }),
        'guichet_session',
      );
    })();
    const status = await h.app.inject({
      method: 'GET',
      url: '/api/account/two-factor',
      headers: { cookie },
    });
    expect(status.json()).toEqual({ isEnabled: true, recoveryCodesLeft: 7 });
  });

  it('lets a pending sign-in expire after five minutes', async () => {
    h.setNow(at(50 * 60_000));
    const pending = cookieOf(await passwordStep(), 'guichet_sign_in');
    h.setNow(at(55 * 60_000 + 1_000));
    const late = await secondStep(pending, { code: codeAt(secret, at(55 * 60_000 + 1_000)) });
    expect(late.statusCode).toBe(401);
    expect(errorOf(late).code).toBe('unauthenticated');
  });

  it('is turned off with a current code; then the password alone signs in', async () => {
    h.setNow(at(60 * 60_000));
    const pending = cookieOf(await passwordStep(), 'guichet_sign_in');
    const cookie = cookieOf(
      await secondStep(pending, { code: codeAt(secret, at(60 * 60_000)) }),
      'guichet_session',
    );
    h.setNow(at(61 * 60_000));
    const off = await h.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/disable',
      payload: { code: codeAt(secret, at(61 * 60_000)) },
      headers: { cookie },
    });
    expect(off.statusCode).toBe(204);
    expect((await passwordStep()).statusCode).toBe(200);
    h.setNow(testNow);
  });
});
