import { CurrentSession, RequestPage, SessionView } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHarness, errorOf, testNow, bodyOf } from '../../test/harness.ts';
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
