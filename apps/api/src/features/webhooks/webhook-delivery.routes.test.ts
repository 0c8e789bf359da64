import { randomBytes } from 'node:crypto';
import {
  RequestDetail,
  WebhookDeliveryPage,
  WebhookPayload,
  WebhookSubscriptionWithSecret,
} from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startJobRunner } from '../../jobs/job-runner.ts';
import type { JobRunner } from '../../jobs/job-runner.ts';
import { bodyOf, createHarness, demo, jsonOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { createLifecycle } from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';
import { startReceiverProcess } from '../../test/webhook-receiver-process.ts';
import type { ReceiverProcess } from '../../test/webhook-receiver-process.ts';

/**
 * Webhooks end to end (issue 17): the API's routes, two job runners on one database (two API
 * processes' worth) and a receiver in a process of its own on loopback, which checks every
 * signature with the specification's algorithm.
 */

const silent = { info: () => undefined, error: () => undefined };
const secretKey = randomBytes(32);
const allTypes = [
  'request.created',
  'request.confirmed',
  'request.status_changed',
  'quote.sent',
  'quote.accepted',
  'quote.refused',
  'comment.added',
  'request.done',
  'inventory.synced',
];

let h: Harness;
let life: Lifecycle;
let receiver: ReceiverProcess;
let admin: string;
let acmeManager: string;
let globexManager: string;
const runners: JobRunner[] = [];
let provider: { id: string; secret: string };
let acme: { id: string; secret: string };

async function until<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startRunner(): Promise<JobRunner> {
  return startJobRunner({
    databaseUrl: h.database.url,
    clock: () => new Date(),
    publicUrl: 'http://localhost:3000',
    transport: null,
    mailFrom: 'Guichet <no-reply@guichet.example>',
    log: silent,
    dispatchIntervalMs: 100,
    pollingIntervalSeconds: 0.5,
    scheduleExpiry: false,
    webhooks: {
      allowPrivate: true,
      secretKey,
      timeoutMs: 2000,
      retryDelaysSeconds: [1, 1, 1, 1, 1],
      dispatchIntervalMs: 100,
    },
  });
}

async function subscribe(
  cookie: string,
  url: string,
  body: Record<string, unknown>,
): Promise<{ id: string; secret: string }> {
  const response = await h.app.inject({ method: 'POST', url, headers: { cookie }, payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return bodyOf(response, WebhookSubscriptionWithSecret);
}

/** A delivery's body, read with the contract's schema (no key it does not know). */
const payloadOf = (text: string): WebhookPayload => jsonOf(text, WebhookPayload);

const receivedFor = async (endpoint: string) =>
  (await receiver.received()).filter((entry) => entry.endpoint === endpoint);

beforeAll(async () => {
  h = await createHarness({ config: { webhooksAllowPrivate: true, webhooksSecretKey: secretKey } });
  // The runners sign on the real clock: so does the API here (a rotation's overlap).
  h.setNow(new Date());
  receiver = await startReceiverProcess();
  life = await createLifecycle(h);
  acmeManager = life.manager;
  [admin, globexManager] = await Promise.all([
    h.login('admin@guichet.example'),
    h.login('gestionnaire@globex.example'),
  ]);
  provider = await subscribe(admin, '/api/back-office/webhooks', {
    url: `${receiver.url}/hooks/provider`,
    description: 'ERP du prestataire',
    eventTypes: allTypes,
  });
  acme = await subscribe(acmeManager, '/api/webhooks', {
    url: `${receiver.url}/hooks/acme`,
    contractId: 'OCB0005121',
    eventTypes: allTypes,
  });
  await receiver.setSecrets('provider', [provider.secret]);
  await receiver.setSecrets('acme', [acme.secret]);
  runners.push(await startRunner(), await startRunner());
});

afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  await receiver?.stop();
  await h?.close();
});

describe('webhook deliveries', () => {
  it('are signed, in order per request, and a 500 is retried and then delivered once', async () => {
    await receiver.failFirst('provider', 'request.confirmed', 1);
    onTestFinished(() => receiver.failFirst('provider', 'none', 0));
    const id = await life.requestIn('done');
    const expected = [
      'request.created',
      'request.confirmed',
      'request.status_changed',
      'request.status_changed',
      'request.status_changed',
      'request.done',
    ];
    const arrivals = await until(async () => {
      const mine = (await receivedFor('provider')).filter((entry) => entry.requestId === id);
      return mine.filter((entry) => entry.answered === 200).length >= expected.length && mine;
    });
    expect(arrivals.every((entry) => entry.isVerified && entry.isVerifiedBySpec)).toBe(true);
    const successes = arrivals.filter((entry) => entry.answered === 200);
    expect(successes.map((entry) => entry.type)).toEqual(expected);
    expect(new Set(successes.map((entry) => entry.id)).size).toBe(expected.length);
    // the confirmation failed once, came again, and what followed waited for it
    const confirmed = arrivals.filter((entry) => entry.type === 'request.confirmed');
    expect(confirmed.map((entry) => entry.answered)).toEqual([500, 200]);
    expect(confirmed[0]?.id).toBe(confirmed[1]?.id);
    expect(arrivals.map((entry) => `${entry.type}:${entry.answered}`).slice(0, 3)).toEqual([
      'request.created:200',
      'request.confirmed:500',
      'request.confirmed:200',
    ]);
    const done = payloadOf(successes.at(-1)?.body ?? '{}');
    expect(done.data.request).toMatchObject({ id, status: 'done', contractId: 'OCB0005121' });
    expect(done.data.request?.version).toEqual(expect.any(Number));
    expect(done.data.change).toMatchObject({ toStatus: 'done', action: 'complete' });

    // nothing more comes once delivered
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const later = (await receivedFor('provider')).filter((entry) => entry.requestId === id);
    expect(later).toHaveLength(arrivals.length);

    const log = await h.app.inject({
      method: 'GET',
      url: `/api/back-office/webhooks/${provider.id}/deliveries?limit=200`,
      headers: { cookie: admin },
    });
    expect(log.statusCode, log.body).toBe(200);
    const delivery = bodyOf(log, WebhookDeliveryPage).items.find(
      (item) => item.messageId === confirmed[0]?.id,
    );
    expect(delivery).toMatchObject({
      state: 'delivered',
      attempts: 2,
      eventType: 'request.confirmed',
    });
    expect(delivery?.attemptLog.map((attempt) => attempt.statusCode)).toEqual([200, 500]);
    expect(delivery?.attemptLog[1]).toMatchObject({
      isSuccess: false,
      responseExcerpt: '{"ok":false}',
    });
    expect(delivery?.attemptLog[1]?.durationMs).toEqual(expect.any(Number));
  });

  it('are sent again by hand from the back-office (same id and body)', async () => {
    const id = await life.requestIn('submitted');
    const first = await until(async () =>
      (await receivedFor('provider')).find(
        (entry) => entry.requestId === id && entry.type === 'request.confirmed',
      ),
    );
    const replay = await h.app.inject({
      method: 'POST',
      url: `/api/back-office/webhooks/${provider.id}/messages/${first.id}/replay`,
      headers: { cookie: admin },
    });
    expect(replay.statusCode, replay.body).toBe(202);
    const again = await until(async () => {
      const copies = (await receivedFor('provider')).filter((entry) => entry.id === first.id);
      return copies.length === 2 && copies;
    });
    expect(again[1]?.body).toBe(first.body);
    expect(again[1]?.isVerifiedBySpec).toBe(true);
    const audit = await h.database.db
      .selectFrom('audit_events')
      .select('kind')
      .where('kind', '=', 'webhook_replayed')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('of a customer never carry another customer’s data, nor internal comments', async () => {
    const globex = await h.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie: globexManager },
      payload: {
        action: 'confirm',
        contractId: 'OCB0007001',
        assetId: demo.globexTenant,
        acknowledgeBilling: true,
        customerReference: 'GLOBEX-WEBHOOK-REF',
        catalogId: demo.standard,
        articleId: demo.other,
        values: { details: 'Merci d’activer les journaux d’audit sur ce projet.' },
      },
    });
    expect(globex.statusCode, globex.body).toBe(201);
    const globexId = bodyOf(globex, RequestDetail).id;
    const acmeId = await life.submitted();
    const internal = await life.post(life.agent, `/api/back-office/requests/${acmeId}/comments`, {
      body: 'Interne : client sensible.',
      isInternal: true,
    });
    expect(internal.statusCode).toBe(201);
    const shared = await life.post(life.agent, `/api/back-office/requests/${acmeId}/comments`, {
      body: 'Nous étudions votre demande.',
    });
    expect(shared.statusCode).toBe(201);
    // the provider hears of both customers and of both comments
    await until(async () => {
      const all = await receivedFor('provider');
      return (
        all.some((entry) => entry.requestId === globexId) &&
        all.filter((entry) => entry.requestId === acmeId && entry.type === 'comment.added')
          .length === 2
      );
    });
    await until(async () =>
      (await receivedFor('acme')).some(
        (entry) => entry.requestId === acmeId && entry.type === 'comment.added',
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const acmeBodies = await receivedFor('acme');
    expect(acmeBodies.length).toBeGreaterThan(0);
    for (const entry of acmeBodies) {
      expect(entry.body).not.toContain('OCB0007001');
      expect(entry.body).not.toContain(globexId);
      expect(entry.body).not.toContain('GLOBEX-WEBHOOK-REF');
      expect(entry.body).not.toContain('Interne : client sensible.');
      expect(entry.isVerifiedBySpec).toBe(true);
    }
    expect(
      acmeBodies.filter((entry) => entry.requestId === acmeId && entry.type === 'comment.added'),
    ).toHaveLength(1);
  });

  it('are signed with both secrets during a rotation’s overlap', async () => {
    const rotated = await h.app.inject({
      method: 'POST',
      url: `/api/webhooks/${acme.id}/rotate-secret`,
      headers: { cookie: acmeManager },
      payload: { overlapHours: 1 },
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const secret = bodyOf(rotated, WebhookSubscriptionWithSecret).secret;
    expect(secret).not.toBe(acme.secret);
    // the receiver still knows the old secret only: it verifies; then the new one only
    const id = await life.submitted();
    const signed = await until(async () =>
      (await receivedFor('acme')).find(
        (entry) => entry.requestId === id && entry.type === 'request.created',
      ),
    );
    expect(signed).toMatchObject({ signatureCount: 2, isVerified: true, isVerifiedBySpec: true });
    await receiver.setSecrets('acme', [secret]);
    const next = await until(async () =>
      (await receivedFor('acme')).find(
        (entry) => entry.requestId === id && entry.type === 'request.confirmed',
      ),
    );
    expect(next.signatureCount).toBe(2);
    const second = await life.submitted();
    const withNew = await until(async () =>
      (await receivedFor('acme')).find((entry) => entry.requestId === second),
    );
    expect(withNew).toMatchObject({ isVerified: true, isVerifiedBySpec: true });
  });

  it('reach the receiver once each with two job runners on one database', async () => {
    const before = new Set((await receivedFor('provider')).map((entry) => entry.id));
    const ids: string[] = [];
    for (let index = 0; index < 60; index += 1) ids.push(await life.submitted());
    const wanted = new Set(ids);
    const arrivals = await until(async () => {
      const mine = (await receivedFor('provider')).filter(
        (entry) => entry.requestId !== null && wanted.has(entry.requestId) && !before.has(entry.id),
      );
      return mine.length >= ids.length * 2 && mine;
    }, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const settled = (await receivedFor('provider')).filter(
      (entry) => entry.requestId !== null && wanted.has(entry.requestId),
    );
    expect(settled).toHaveLength(ids.length * 2);
    expect(new Set(settled.map((entry) => entry.id)).size).toBe(ids.length * 2);
    expect(arrivals.every((entry) => entry.answered === 200)).toBe(true);
    for (const id of ids) {
      expect(settled.filter((entry) => entry.requestId === id).map((entry) => entry.type)).toEqual([
        'request.created',
        'request.confirmed',
      ]);
    }
    const counts = runners.map((runner) => runner.webhooks?.counts().delivered ?? 0);
    expect(counts.every((count) => count > 0)).toBe(true);
  });
});
