import { AuditPage, CreatedApiToken, RequestDetail } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContract } from '../test/builders.ts';
import { createHarness, demo, errorOf, bodyOf } from '../test/harness.ts';
import type { Harness } from '../test/harness.ts';
import { metricsAccess } from './operations.ts';

let h: Harness;
beforeAll(async () => {
  // listening on loopback only: /metrics then answers this machine's callers
  h = await createHarness({ config: { host: '127.0.0.1' } });
});
afterAll(() => h.close());

describe('idempotent confirmation', () => {
  it('creates one request and uses one free change for 100 concurrent replays of one key', async () => {
    const { contractId, tenantId } = await buildContract(h.database.db, {
      freeChangesPerMonth: 3,
      managers: ['gestionnaire@acme.example'],
    });
    const cookie = await h.login('gestionnaire@acme.example');
    const payload = {
      action: 'confirm',
      contractId,
      assetId: tenantId,
      catalogId: demo.standard,
      articleId: demo.other,
      values: { details: 'Please enable the audit trail on this tenant.' },
    };
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        h.app.inject({
          method: 'POST',
          url: '/api/requests',
          payload,
          headers: { cookie, 'idempotency-key': 'replay-me-1' },
        }),
      ),
    );
    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([201]));
    const ids = new Set(responses.map((r) => bodyOf(r, RequestDetail).id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(99);
    const stored = await h.database.db
      .selectFrom('requests')
      .select('id')
      .where('contract_id', '=', contractId)
      .execute();
    expect(stored).toHaveLength(1);
    const usage = await h.database.db
      .selectFrom('free_change_usage')
      .select('used')
      .where('contract_id', '=', contractId)
      .execute();
    expect(usage).toEqual([{ used: 1 }]);

    const reused = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      payload: { ...payload, customerReference: 'another body' },
      headers: { cookie, 'idempotency-key': 'replay-me-1' },
    });
    expect(reused.statusCode).toBe(409);
    expect(errorOf(reused).code).toBe('conflict');
  });

  it('lets a refused call be retried with the same key', async () => {
    const cookie = await h.login('gestionnaire@acme.example');
    const base = {
      action: 'confirm',
      contractId: 'OCB0005122',
      assetId: demo.acme2Tenant,
      catalogId: demo.standard,
      articleId: demo.other,
      acknowledgeBilling: true,
    };
    const headers = { cookie, 'idempotency-key': 'retry-after-400' };
    const refused = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      payload: { ...base, values: { details: 'short' } },
      headers,
    });
    expect(refused.statusCode).toBe(400);
    const accepted = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      payload: { ...base, values: { details: 'short' } },
      headers,
    });
    expect(accepted.statusCode).toBe(400);
  });
});

describe('login protection', () => {
  // issue 18: this test encoded the old lockout (5 failures locked the account for 15 minutes,
  // then 429 even with the right password); the rule is now a wait of the (e-mail, address) pair
  it('makes an (e-mail, address) pair wait after 5 failed logins in a row, never the account', async () => {
    const attempt = (password: string, remoteAddress = '127.0.0.1') =>
      h.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'visiteur@acme.example', password },
        remoteAddress,
      });
    for (let i = 0; i < 5; i += 1) expect((await attempt('wrong')).statusCode).toBe(401);
    const waiting = await attempt('Demo.Guichet.2026');
    expect(waiting.statusCode).toBe(429);
    expect(errorOf(waiting).code).toBe('rate_limited');
    expect((await attempt('Demo.Guichet.2026', '192.0.2.77')).statusCode).toBe(200);
    h.setNow(new Date('2026-11-20T10:00:01Z'));
    try {
      expect((await attempt('Demo.Guichet.2026')).statusCode).toBe(200);
    } finally {
      h.setNow(new Date('2026-11-20T10:00:00Z'));
    }
  });

  it('rotates the session at each login', async () => {
    const first = await h.login('gestionnaire@globex.example');
    const second = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'gestionnaire@globex.example', password: 'Demo.Guichet.2026' },
      headers: { cookie: first },
    });
    expect(second.statusCode).toBe(200);
    expect(second.cookies[0]?.value).not.toBe(first.split('=')[1]);
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: first } }))
        .statusCode,
    ).toBe(401);
  });
});

describe('operations', () => {
  it('answers health, readiness and metrics', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({
      status: 'ok',
    });
    expect((await h.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
      status: 'ready',
    });
    const metrics = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(
      /guichet_http_requests_total\{method="POST",route="\/api\/session",status="200"\}/,
    );
    expect(metrics.body).toContain('guichet_http_request_duration_seconds_bucket');
    expect(metrics.body).toMatch(/guichet_queue_waiting\{queue="mail_outbox"\} \d+/);
  });

  it('shows metrics only to this machine when no scraper token is configured', async () => {
    const remote = await h.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.1.2.3',
    });
    expect(remote.statusCode).toBe(404);
    expect(remote.body).not.toContain('guichet_http');
  });

  it('sends security headers and a strict Content-Security-Policy', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    // issue 18: consistent with frame-ancestors 'none' (it was SAMEORIGIN)
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('sends no HSTS nor upgrade-insecure-requests over plain HTTP, both behind HTTPS', async () => {
    const plain = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(plain.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const https = await h.createApp({ secureCookies: true });
    const secure = await https.inject({ method: 'GET', url: '/healthz' });
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(secure.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(secure.headers['x-frame-options']).toBe('DENY');
  });

  it.each([
    ['behind a proxy (TRUST_PROXY)', { host: '127.0.0.1', trustProxy: true }],
    ['listening on every interface', { host: '0.0.0.0', trustProxy: false }],
    ['listening on a public address', { host: '192.0.2.10', trustProxy: false }],
  ])('closes /metrics to loopback callers %s unless METRICS_TOKEN is set', async (_, config) => {
    const app = await h.createApp({ ...config, metricsToken: null });
    const loopback = await app.inject({ method: 'GET', url: '/metrics' });
    expect(loopback.statusCode).toBe(404);
    expect(loopback.body).not.toContain('guichet_http');
    const withToken = await h.createApp({ ...config, metricsToken: 'scrape-me' });
    expect((await withToken.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    const scraped = await withToken.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer scrape-me' },
    });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('guichet_http_requests_total');
  });

  it('says at start who may read /metrics', () => {
    const base = { metricsToken: null, trustProxy: false, host: '127.0.0.1' };
    expect(metricsAccess(base).access).toBe('loopback');
    expect(metricsAccess({ ...base, host: '::1' }).access).toBe('loopback');
    expect(metricsAccess({ ...base, host: 'localhost' }).access).toBe('loopback');
    expect(metricsAccess({ ...base, trustProxy: true })).toEqual({
      access: 'closed',
      message: expect.stringContaining('TRUST_PROXY is set') as unknown,
    });
    expect(metricsAccess({ ...base, host: '0.0.0.0' }).message).toContain(
      'HOST=0.0.0.0 is not loopback-only',
    );
    expect(metricsAccess({ ...base, host: '0.0.0.0', metricsToken: 't' }).access).toBe('token');
  });
});

describe('cross-site request forgery', () => {
  const write = (headers: Record<string, string>) =>
    h.app.inject({
      method: 'POST',
      url: '/api/requests',
      payload: { action: 'draft', contractId: 'OCB0005121' },
      headers: { host: 'guichet.example', ...headers },
    });

  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['an opaque origin', { origin: 'null' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
  ])('refuses a cookie-authenticated write from %s', async (_, headers) => {
    const cookie = await h.login('gestionnaire@acme.example');
    const before = await h.database.db.selectFrom('requests').select('id').execute();
    const response = await write({ cookie, ...headers });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('forbidden');
    expect(await h.database.db.selectFrom('requests').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it('accepts a write from Guichet’s own pages', async () => {
    const cookie = await h.login('gestionnaire@acme.example');
    const response = await write({
      cookie,
      origin: 'https://guichet.example',
      'sec-fetch-site': 'same-origin',
    });
    expect(response.statusCode).toBe(201);
  });
});

describe('audit', () => {
  it('records logins, failures and logouts with who, when and from where', async () => {
    const { db } = h.database;
    const before = await db.selectFrom('audit_events').select('id').execute();
    await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'nobody@example.com', password: 'x' },
    });
    const cookie = await h.login('gestionnaire@globex.example');
    await h.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    const events = await db
      .selectFrom('audit_events')
      .select(['kind', 'actor_email', 'ip', 'data'])
      .orderBy('id')
      .offset(before.length)
      .execute();
    expect(events.map((e) => [e.kind, e.actor_email])).toEqual([
      ['login_failed', null],
      ['login_succeeded', 'gestionnaire@globex.example'],
      ['logout', 'gestionnaire@globex.example'],
    ]);
    expect(events[0]?.data).toEqual({ email: 'nobody@example.com' });
    expect(events[1]?.ip).toBe('127.0.0.1');
    expect(JSON.stringify(events)).not.toContain('Demo.Guichet.2026');
  });

  it('records the wait of a pair, and no lock any more (issue 18)', async () => {
    const events = await h.database.db
      .selectFrom('audit_events')
      .select(['kind', 'actor_email'])
      .where('kind', 'in', ['login_throttled', 'account_locked'])
      .execute();
    expect(events).toEqual([{ kind: 'login_throttled', actor_email: 'visiteur@acme.example' }]);
  });
});

describe('the audit, for admins', () => {
  it('is readable by an admin, newest first, filtered and paged', async () => {
    const admin = await h.login('admin@guichet.example');
    const response = await h.app.inject({
      method: 'GET',
      url: '/api/back-office/audit?kind=login_succeeded&limit=2',
      headers: { cookie: admin },
    });
    expect(response.statusCode).toBe(200);
    const page = bodyOf(response, AuditPage);
    expect(page.items).toHaveLength(2);
    expect(page.items.every((item: { kind: string }) => item.kind === 'login_succeeded')).toBe(
      true,
    );
    expect(page.items[0]!.at >= page.items[1]!.at).toBe(true);
    const mine = await h.app.inject({
      method: 'GET',
      url: '/api/back-office/audit?actorEmail=admin@guichet.example',
      headers: { cookie: admin },
    });
    expect(bodyOf(mine, AuditPage).items).toEqual([
      expect.objectContaining({
        kind: 'login_succeeded',
        actorEmail: 'admin@guichet.example',
        ip: '127.0.0.1',
      }),
    ]);
    expect(page.nextCursor).not.toBeNull();
    const next = await h.app.inject({
      method: 'GET',
      url: `/api/back-office/audit?kind=login_succeeded&limit=2&cursor=${page.nextCursor}`,
      headers: { cookie: admin },
    });
    expect(bodyOf(next, AuditPage).items[0]!.at <= page.items[1]!.at).toBe(true);
  });

  it.each(['agent@guichet.example', 'gestionnaire@acme.example'])(
    'is refused to %s',
    async (email) => {
      const cookie = await h.login(email);
      const response = await h.app.inject({
        method: 'GET',
        url: '/api/back-office/audit',
        headers: { cookie },
      });
      expect(response.statusCode).toBe(403);
      expect(response.body).not.toContain('login_succeeded');
    },
  );
});

describe('the audit of rights and tokens', () => {
  it('records a token created and revoked, without the token', async () => {
    const cookie = await h.login('gestionnaire@acme.example');
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/account/api-tokens',
      headers: { cookie },
      payload: {
        name: 'Audit check',
        grants: [{ contractId: 'OCB0005121', section: 'requests', profile: 'viewer' }],
        expiresInDays: 30,
      },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = bodyOf(created, CreatedApiToken) as { id: string; token: string };
    const revoked = await h.app.inject({
      method: 'DELETE',
      url: `/api/account/api-tokens/${id}`,
      headers: { cookie },
    });
    expect(revoked.statusCode).toBe(204);
    const events = await h.database.db
      .selectFrom('audit_events')
      .select(['kind', 'actor_email', 'target_id', 'data'])
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.kind, e.actor_email])).toEqual([
      ['token_created', 'gestionnaire@acme.example'],
      ['token_revoked', 'gestionnaire@acme.example'],
    ]);
    expect(JSON.stringify(events)).not.toContain(token);
  });
});
