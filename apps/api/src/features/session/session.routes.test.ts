import {
  CurrentSession,
  OpenSessionList,
  RequestPage,
  SessionView,
  SessionsEnded,
} from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bodyOf, createHarness, demo, errorOf, stableId, testNow } from '../../test/harness.ts';
import { demoPassword } from '../../seed/demo-data.ts';
import type { Harness } from '../../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('the session', () => {
  it('tells who is logged in, their perimeter and their grants in it', async () => {
    const cookie = await h.login('visiteur@acme.example');
    const session = bodyOf(
      await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } }),
      SessionView,
    );
    expect(session.user).toMatchObject({
      email: 'visiteur@acme.example',
      locale: 'fr',
      kind: 'customer',
    });
    expect(session.perimeter!.name).toBe('ACME');
    expect(session.grants).toContainEqual({
      contractId: 'OCB0005121',
      section: 'requests',
      profile: 'viewer',
    });
  });

  it('says who is signed in with a 200 either way, null for nobody (issue 19: no 401 logged at the login page)', async () => {
    const nobody = await h.app.inject({ method: 'GET', url: '/api/session/current' });
    expect(nobody.statusCode).toBe(200);
    expect(bodyOf(nobody, CurrentSession)).toEqual({ session: null });
    const stale = await h.app.inject({
      method: 'GET',
      url: '/api/session/current',
      headers: { cookie: 'guichet_session=not-a-session' },
    });
    expect(bodyOf(stale, CurrentSession)).toEqual({ session: null });
    const cookie = await h.login('visiteur@acme.example');
    const current = await h.app.inject({
      method: 'GET',
      url: '/api/session/current',
      headers: { cookie },
    });
    const session = await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(current.statusCode).toBe(200);
    expect(bodyOf(current, CurrentSession)).toEqual({ session: bodyOf(session, SessionView) });
  });

  it('switches the language and keeps it', async () => {
    const cookie = await h.login('gestionnaire@globex.example');
    const response = await h.app.inject({
      method: 'PUT',
      url: '/api/session/locale',
      payload: { locale: 'en' },
      headers: { cookie },
    });
    expect(bodyOf(response, SessionView).user.locale).toBe('en');
    const again = await h.login('gestionnaire@globex.example');
    const session = bodyOf(
      await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: again } }),
      SessionView,
    );
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
    const session = bodyOf(
      await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } }),
      SessionView,
    );
    expect(session.user.kind).toBe('operator');
    expect(session.perimeters).toEqual([]);
    expect(session.perimeter).toBeNull();
    const requests = await h.app.inject({
      method: 'GET',
      url: '/api/requests',
      headers: { cookie },
    });
    expect(bodyOf(requests, RequestPage).total).toBe(0);
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
    const document = bodyOf(
      response,
      z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
    );
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

describe('login protection (issue 18)', () => {
  const attempt = (app: Harness['app'], email: string, password: string, remoteAddress: string) =>
    app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email, password },
      remoteAddress,
    });
  const later = (ms: number) => h.setNow(new Date(testNow.getTime() + ms));

  it('lets a stranger slow down only their own address: the real user logs in from theirs', async () => {
    const stranger = '203.0.113.9';
    try {
      for (let i = 0; i < 5; i += 1)
        expect((await attempt(h.app, 'visiteur@acme.example', 'wrong', stranger)).statusCode).toBe(
          401,
        );
      // the stranger's pair now waits 1 s, then 2 s…
      const waiting = await attempt(h.app, 'visiteur@acme.example', 'wrong', stranger);
      expect(waiting.statusCode).toBe(429);
      expect(errorOf(waiting).code).toBe('rate_limited');
      expect(waiting.headers['retry-after']).toBe('1');
      later(1_000);
      expect((await attempt(h.app, 'visiteur@acme.example', 'wrong', stranger)).statusCode).toBe(
        401,
      );
      expect((await attempt(h.app, 'visiteur@acme.example', 'wrong', stranger)).statusCode).toBe(
        429,
      );
      later(3_000);
      expect((await attempt(h.app, 'visiteur@acme.example', 'wrong', stranger)).statusCode).toBe(
        401,
      );
      // the real user, from their own address, is neither refused nor kept waiting
      const real = await attempt(h.app, 'visiteur@acme.example', demoPassword, '198.51.100.1');
      expect(real.statusCode).toBe(200);
      // nor is an admin ever locked
      for (let i = 0; i < 6; i += 1)
        await attempt(h.app, 'admin@guichet.example', 'wrong', stranger);
      expect(
        (await attempt(h.app, 'admin@guichet.example', demoPassword, '198.51.100.1')).statusCode,
      ).toBe(200);
    } finally {
      h.setNow(testNow);
    }
  });

  it('answers a known and an unknown e-mail alike: same statuses, same bodies', async () => {
    const series = async (email: string, address: string) => {
      const answers: { status: number; code: string; message: string }[] = [];
      try {
        for (let i = 0; i < 8; i += 1) {
          if (i === 7) later(1_000);
          const response = await attempt(h.app, email, 'Wrong.Password1', address);
          const { code, message } = errorOf(response);
          answers.push({ status: response.statusCode, code, message });
        }
      } finally {
        h.setNow(testNow);
      }
      return answers;
    };
    const known = await series('gestionnaire@acme.example', '192.0.2.21');
    const unknown = await series('personne@acme.example', '192.0.2.22');
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 401]);
  });

  it('takes as long for an unknown e-mail as for a known one (both verify an argon2id hash)', async () => {
    const times = { known: [] as number[], unknown: [] as number[] };
    // interleaved, each from its own address, so that the machine's load weighs on both alike
    for (let i = 0; i < 8; i += 1) {
      for (const [kind, email] of [
        ['known', 'agent@guichet.example'],
        ['unknown', 'agent.inconnu@guichet.example'],
      ] as const) {
        const started = performance.now();
        const response = await attempt(h.app, email, 'Wrong.Password1', `192.0.2.${100 + i}`);
        times[kind].push(performance.now() - started);
        expect(response.statusCode).toBe(401);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[4] ?? 0;
    const ratio = median(times.known) / median(times.unknown);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('never locks an account tried from many addresses: it alerts the owner by audit and mail', async () => {
    const email = 'integrateur@partner.example';
    const mailsBefore = await h.database.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('to_address', '=', email)
      .where('kind', '=', 'login_failures_alert')
      .execute();
    for (let i = 1; i <= 10; i += 1)
      expect((await attempt(h.app, email, 'wrong', `198.18.0.${i}`)).statusCode).toBe(401);
    const alerts = await h.database.db
      .selectFrom('audit_events')
      .select(['actor_email', 'data'])
      .where('kind', '=', 'login_failures_alert')
      .execute();
    expect(alerts).toContainEqual({ actor_email: email, data: { email, failures: 10 } });
    const mails = await h.database.db
      .selectFrom('mail_outbox')
      .select(['subject', 'text_body'])
      .where('to_address', '=', email)
      .where('kind', '=', 'login_failures_alert')
      .execute();
    expect(mails).toHaveLength(mailsBefore.length + 1);
    expect(mails.at(-1)?.text_body).toContain('10');
    expect((await attempt(h.app, email, demoPassword, '198.18.1.1')).statusCode).toBe(200);
  });

  it('gives an address its per-minute limit once, however many API processes it reaches', async () => {
    const limited = { loginAttemptsPerMinute: 4 };
    const first = await h.createApp(limited);
    const second = await h.createApp(limited);
    const address = '192.0.2.50';
    const statuses: number[] = [];
    try {
      for (let i = 0; i < 8; i += 1) {
        const app = i % 2 === 0 ? first : second;
        // a different unknown e-mail each time: only the address limit is at play
        const response = await attempt(app, `inconnu${i}@example.com`, 'x', address);
        statuses.push(response.statusCode);
        if (response.statusCode === 429) expect(errorOf(response).code).toBe('rate_limited');
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
      // another address is not concerned, and the window passes
      expect((await attempt(second, 'inconnu@example.com', 'x', '192.0.2.51')).statusCode).toBe(
        401,
      );
      later(61_000);
      expect((await attempt(first, 'inconnu@example.com', 'x', address)).statusCode).toBe(401);
    } finally {
      h.setNow(testNow);
    }
  });

  it('behind TRUST_PROXY, counts the client’s address from X-Forwarded-For, not the proxy’s', async () => {
    const proxied = await h.createApp({ trustProxy: '127.0.0.1' });
    const through = (password: string, client: string) =>
      proxied.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'gestionnaire@globex.example', password },
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': client },
      });
    for (let i = 0; i < 5; i += 1)
      expect((await through('wrong', '203.0.113.70')).statusCode).toBe(401);
    expect((await through(demoPassword, '203.0.113.70')).statusCode).toBe(429);
    // another visitor through the same proxy is another pair
    expect((await through(demoPassword, '203.0.113.71')).statusCode).toBe(200);
    const last = await h.database.db
      .selectFrom('audit_events')
      .select(['kind', 'ip'])
      .where('actor_email', '=', 'gestionnaire@globex.example')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    expect(last).toEqual({ kind: 'login_succeeded', ip: '203.0.113.71' });
  });
});

describe('sign-in by login identifier (issue 21)', () => {
  const signIn = (identifier: string, password: string, remoteAddress = '198.51.100.21') =>
    h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { identifier, password },
      remoteAddress,
    });

  it('signs in with the login identifier, whatever its case, as with the e-mail', async () => {
    const byLogin = await signIn('Camille.Martin', demoPassword);
    expect(byLogin.statusCode).toBe(200);
    const byEmail = await signIn('gestionnaire@acme.example', demoPassword);
    expect(byEmail.statusCode).toBe(200);
    expect(bodyOf(byLogin, SessionView).user.id).toBe(bodyOf(byEmail, SessionView).user.id);
    expect(byLogin.headers['set-cookie']).toContain('guichet_session=');
  });

  it('answers an unknown login as an unknown e-mail, and a malformed identifier on its field', async () => {
    const unknownLogin = await signIn('personne.inconnue', 'whatever');
    const unknownEmail = await signIn('personne@inconnue.example', 'whatever');
    const wrongPassword = await signIn('camille.martin', 'wrong');
    for (const response of [unknownLogin, unknownEmail, wrongPassword]) {
      expect(response.statusCode).toBe(401);
      expect(errorOf(response)).toEqual(errorOf(unknownEmail));
    }
    const malformed = await signIn('a b', 'x');
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed).details?.[0]).toMatchObject({
      path: 'identifier',
      rule: 'sign_in_identifier',
    });
    const missing = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { password: 'x' },
    });
    expect(errorOf(missing).details?.[0]?.path).toBe('identifier');
  });

  it('counts the failures of an account’s login and e-mail as one (login protection)', async () => {
    const address = '198.51.100.99';
    try {
      for (let i = 0; i < 3; i += 1)
        expect((await signIn('dominique.petit', 'wrong', address)).statusCode).toBe(401);
      for (let i = 0; i < 2; i += 1)
        expect((await signIn('visiteur@acme.example', 'wrong', address)).statusCode).toBe(401);
      // five failures of the one account from this address: by either name, it waits
      const waiting = await signIn('DOMINIQUE.PETIT', demoPassword, address);
      expect(waiting.statusCode).toBe(429);
      expect((await signIn('visiteur@acme.example', demoPassword, address)).statusCode).toBe(429);
      // an unknown login is counted as typed: five failures, then it waits too
      for (let i = 0; i < 5; i += 1)
        expect((await signIn('nobody.here', 'x', address)).statusCode).toBe(401);
      expect((await signIn('Nobody.Here', 'x', address)).statusCode).toBe(429);
      const failures = await h.database.db
        .selectFrom('login_failures')
        .select(['email', 'failures'])
        .where('address', '=', address)
        .orderBy('email')
        .execute();
      expect(failures).toEqual([
        { email: 'nobody.here', failures: 5 },
        { email: 'visiteur@acme.example', failures: 5 },
      ]);
    } finally {
      h.setNow(testNow);
    }
  });
});

describe('sessions you can see (issue 21)', () => {
  const firefox =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
  const safari =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
  const signIn = async (email: string, userAgent: string, remoteAddress: string) => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { identifier: email, password: demoPassword },
      headers: { 'user-agent': userAgent },
      remoteAddress,
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'guichet_session');
    return `guichet_session=${cookie?.value ?? ''}`;
  };
  const sessionsOf = (cookie: string) =>
    h.app.inject({ method: 'GET', url: '/api/account/sessions', headers: { cookie } });
  const auditOf = (kind: string) =>
    h.database.db
      .selectFrom('audit_events')
      .select(['actor_email', 'target_id', 'data'])
      .where('kind', '=', kind)
      .orderBy('id')
      .execute();

  it('lists the open sessions with device, address and last seen, the current one marked', async () => {
    try {
      const office = await signIn('integrateur@partner.example', firefox, '192.0.2.10');
      // earlier tests' sessions of this user ended first
      await h.app.inject({
        method: 'POST',
        url: '/api/account/sessions/end-others',
        headers: { cookie: office },
      });
      h.setNow(new Date(testNow.getTime() + 5 * 60_000));
      const phone = await signIn('integrateur@partner.example', safari, '198.51.100.7');
      const list = await sessionsOf(phone);
      expect(list.statusCode).toBe(200);
      const sessions = bodyOf(list, OpenSessionList).sessions;
      expect(sessions).toHaveLength(2);
      expect(sessions[0]).toMatchObject({
        device: 'Safari · iOS',
        address: '198.51.100.7',
        isCurrent: true,
        lastSeenAt: '2026-11-20T10:05:00.000Z',
      });
      expect(sessions[1]).toMatchObject({
        device: 'Firefox · Windows',
        address: '192.0.2.10',
        isCurrent: false,
        createdAt: testNow.toISOString(),
      });
      // using the office session moves its last seen time (at most once a minute)
      h.setNow(new Date(testNow.getTime() + 9 * 60_000));
      expect((await sessionsOf(office)).statusCode).toBe(200);
      const again = bodyOf(await sessionsOf(office), OpenSessionList).sessions;
      expect(again[0]).toMatchObject({
        device: 'Firefox · Windows',
        isCurrent: true,
        lastSeenAt: '2026-11-20T10:09:00.000Z',
      });
    } finally {
      h.setNow(testNow);
    }
  });

  it('tells open pages of a new perimeter, not of a session merely seen again', async () => {
    const integratorId = stableId('user:integrateur@partner.example');
    const rightsEvents = async () =>
      (
        await h.database.db
          .selectFrom('live_events')
          .select('id')
          .where('kind', '=', 'rights.changed')
          .where('user_id', '=', integratorId)
          .execute()
      ).length;
    try {
      const cookie = await signIn('integrateur@partner.example', firefox, '192.0.2.15');
      const before = await rightsEvents();
      h.setNow(new Date(testNow.getTime() + 2 * 60_000));
      expect((await sessionsOf(cookie)).statusCode).toBe(200);
      expect(await rightsEvents()).toBe(before);
      const moved = await h.app.inject({
        method: 'PUT',
        url: '/api/session/perimeter',
        payload: { customerId: demo.globex },
        headers: { cookie },
      });
      expect(moved.statusCode).toBe(200);
      expect(await rightsEvents()).toBe(before + 1);
    } finally {
      h.setNow(testNow);
    }
  });

  it('ends one session, then all the others; the current one stays; audited', async () => {
    const email = 'gestionnaire@globex.example';
    const current = await signIn(email, firefox, '192.0.2.20');
    const other = await signIn(email, safari, '192.0.2.21');
    const third = await signIn(email, safari, '192.0.2.22');
    const listed = bodyOf(await sessionsOf(current), OpenSessionList).sessions;
    const otherId = listed.find((s) => s.address === '192.0.2.21')?.id ?? '';
    const ended = await h.app.inject({
      method: 'DELETE',
      url: `/api/account/sessions/${otherId}`,
      headers: { cookie: current },
    });
    expect(ended.statusCode).toBe(204);
    expect((await sessionsOf(other)).statusCode).toBe(401);
    expect((await sessionsOf(third)).statusCode).toBe(200);
    // another user's session is not found from here
    const stranger = await signIn('visiteur@acme.example', firefox, '192.0.2.23');
    const strangerId = bodyOf(await sessionsOf(stranger), OpenSessionList).sessions[0]!.id;
    const refused = await h.app.inject({
      method: 'DELETE',
      url: `/api/account/sessions/${strangerId}`,
      headers: { cookie: current },
    });
    expect(refused.statusCode).toBe(404);
    expect((await sessionsOf(stranger)).statusCode).toBe(200);
    const endOthers = await h.app.inject({
      method: 'POST',
      url: '/api/account/sessions/end-others',
      headers: { cookie: current },
    });
    expect(endOthers.statusCode).toBe(200);
    expect(bodyOf(endOthers, SessionsEnded).ended).toBeGreaterThanOrEqual(1);
    expect((await sessionsOf(third)).statusCode).toBe(401);
    const remaining = bodyOf(await sessionsOf(current), OpenSessionList).sessions;
    expect(remaining).toEqual([expect.objectContaining({ isCurrent: true })]);
    expect((await auditOf('session_ended')).at(-1)).toMatchObject({
      actor_email: email,
      data: { isCurrent: false },
    });
    expect((await auditOf('sessions_ended')).at(-1)).toMatchObject({
      actor_email: email,
      data: { by: 'self', ended: bodyOf(endOthers, SessionsEnded).ended },
    });
  });

  it('lets an admin operator, and only an admin, end every session of a user', async () => {
    const victim = await signIn('visiteur@acme.example', firefox, '192.0.2.30');
    const victimId = stableId('user:visiteur@acme.example');
    const agent = await h.login('agent@guichet.example');
    const byAgent = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/users/${victimId}/end-sessions`,
      headers: { cookie: agent },
    });
    expect(byAgent.statusCode).toBe(403);
    expect((await sessionsOf(victim)).statusCode).toBe(200);
    const admin = await h.login('admin@guichet.example');
    const byAdmin = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/users/${victimId}/end-sessions`,
      headers: { cookie: admin },
    });
    expect(byAdmin.statusCode).toBe(200);
    expect(bodyOf(byAdmin, SessionsEnded).ended).toBeGreaterThanOrEqual(1);
    expect((await sessionsOf(victim)).statusCode).toBe(401);
    expect((await auditOf('sessions_ended')).at(-1)).toMatchObject({
      actor_email: 'admin@guichet.example',
      target_id: victimId,
      data: { by: 'admin' },
    });
    const nobody = await h.app.inject({
      method: 'POST',
      url: '/api/back-office/users/00000000-0000-4000-8000-000000000000/end-sessions',
      headers: { cookie: admin },
    });
    expect(nobody.statusCode).toBe(404);
  });
});
