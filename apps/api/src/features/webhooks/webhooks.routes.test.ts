import { createServer } from 'node:http';
import type { Server } from 'node:http';
import {
  WebhookDeliveryPage,
  WebhookPayload,
  WebhookSubscriptionList,
  WebhookSubscriptionView,
  WebhookSubscriptionWithSecret,
} from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bodyOf, createHarness, errorOf, jsonOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { createLifecycle } from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';
import { deliverWebhook, dispatchWebhooks } from './webhook-delivery.service.ts';
import type { DeliveryJob } from './webhook-delivery.service.ts';
import { openSecret } from './webhook-secrets.ts';

/**
 * The webhooks' routes on real PostgreSQL (the harness refuses private targets, as a default
 * configuration does), and their background work run directly with the clock in hand.
 */

let h: Harness;
let life: Lifecycle;
let admin: string;
let permissive: FastifyInstance;
let server: Server;
let receiverUrl = '';
let answer = 500;

const call = (
  app: FastifyInstance,
  cookie: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) =>
  app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

/** A delivery's body, read with the contract's schema (no key it does not know). */
const payloadOf = (text: string): WebhookPayload => jsonOf(text, WebhookPayload);

beforeAll(async () => {
  h = await createHarness();
  permissive = await h.createApp({ webhooksAllowPrivate: true });
  life = await createLifecycle(h);
  admin = await h.login('admin@guichet.example');
  server = createServer((_request, response) => {
    response.writeHead(answer);
    response.end(answer === 200 ? 'ok' : 'down for maintenance');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await h?.close();
});

describe('webhook subscriptions', () => {
  it('refuse a loopback or private target unless the configuration allows it (SSRF)', async () => {
    for (const url of [
      receiverUrl,
      'http://localhost:8080/hook',
      'http://10.0.0.7/hook',
      'http://[::1]/hook',
      'http://169.254.169.254/latest/meta-data',
    ]) {
      const refused = await call(h.app, admin, 'POST', '/api/back-office/webhooks', {
        url,
        eventTypes: ['request.done'],
      });
      expect(refused.statusCode, url).toBe(400);
      expect(errorOf(refused).details).toEqual([
        expect.objectContaining({ path: 'url', rule: 'private_address' }),
      ]);
    }
    const allowed = await call(permissive, admin, 'POST', '/api/back-office/webhooks', {
      url: receiverUrl,
      eventTypes: ['request.done'],
    });
    expect(allowed.statusCode, allowed.body).toBe(201);
  });

  it('show the secret once, keep it encrypted or marked, and are audited', async () => {
    const created = await call(permissive, admin, 'POST', '/api/back-office/webhooks', {
      url: receiverUrl,
      description: 'ERP',
      eventTypes: ['request.done', 'quote.sent'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, secret } = bodyOf(created, WebhookSubscriptionWithSecret);
    expect(secret).toMatch(/^whsec_/);
    const read = await call(h.app, admin, 'GET', `/api/back-office/webhooks/${id}`);
    expect(bodyOf(read, WebhookSubscriptionView)).toMatchObject({
      id,
      contractId: null,
      eventTypes: ['request.done', 'quote.sent'],
    });
    expect(read.body).not.toContain(secret.slice(6));
    const list = await call(h.app, admin, 'GET', '/api/back-office/webhooks');
    expect(list.body).not.toContain(secret.slice(6));
    const row = await h.database.db
      .selectFrom('webhook_subscriptions')
      .select('secret')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // no WEBHOOKS_SECRET_KEY in the harness: stored as it is, and marked so
    expect(openSecret(row.secret, null)).toBe(secret);
    const audit = await h.database.db
      .selectFrom('audit_events')
      .select(['kind', 'data'])
      .where('target_id', '=', id)
      .execute();
    expect(audit.map((event) => event.kind)).toEqual(['webhook_created']);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6));

    const changed = await call(permissive, admin, 'PATCH', `/api/back-office/webhooks/${id}`, {
      eventTypes: ['request.created'],
      isEnabled: false,
    });
    expect(bodyOf(changed, WebhookSubscriptionView)).toMatchObject({
      eventTypes: ['request.created'],
      isEnabled: false,
      disabledReason: 'by_hand',
    });
    const rotated = await call(
      h.app,
      admin,
      'POST',
      `/api/back-office/webhooks/${id}/rotate-secret`,
      {
        overlapHours: 2,
      },
    );
    expect(rotated.statusCode, rotated.body).toBe(200);
    const rotatedBody = bodyOf(rotated, WebhookSubscriptionWithSecret);
    expect(rotatedBody.secret).not.toBe(secret);
    expect(rotatedBody.previousSecretExpiresAt).toBe(
      new Date(new Date('2026-11-20T10:00:00Z').getTime() + 2 * 3600_000).toISOString(),
    );
    const deleted = await call(h.app, admin, 'DELETE', `/api/back-office/webhooks/${id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await call(h.app, admin, 'GET', `/api/back-office/webhooks/${id}`)).statusCode).toBe(
      404,
    );
    const kinds = await h.database.db
      .selectFrom('audit_events')
      .select('kind')
      .where('target_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(kinds.map((event) => event.kind)).toEqual([
      'webhook_created',
      'webhook_updated',
      'webhook_secret_rotated',
      'webhook_deleted',
    ]);
  });

  it('of a customer are its contract’s, apart from the provider’s', async () => {
    const customer = await call(permissive, life.manager, 'POST', '/api/webhooks', {
      url: receiverUrl,
      contractId: 'OCB0005121',
      eventTypes: ['request.done'],
    });
    expect(customer.statusCode, customer.body).toBe(201);
    const id = bodyOf(customer, WebhookSubscriptionWithSecret).id;
    expect((await call(h.app, admin, 'GET', `/api/back-office/webhooks/${id}`)).statusCode).toBe(
      404,
    );
    const globex = await h.login('gestionnaire@globex.example');
    expect((await call(h.app, globex, 'GET', `/api/webhooks/${id}`)).statusCode).toBe(404);
    const globexList = await call(h.app, globex, 'GET', '/api/webhooks');
    expect(bodyOf(globexList, WebhookSubscriptionList).items).toEqual([]);
    const own = await call(h.app, life.manager, 'GET', '/api/webhooks');
    expect(bodyOf(own, WebhookSubscriptionList).items.map((item) => item.id)).toContain(id);
    expect(own.body).not.toMatch(/"contractId":null/);
    const viewer = await h.login('visiteur@acme.example');
    expect((await call(h.app, viewer, 'GET', `/api/webhooks/${id}`)).statusCode).toBe(403);
    expect(
      (
        await call(h.app, viewer, 'POST', '/api/webhooks', {
          url: 'https://93.184.215.14/hook',
          contractId: 'OCB0005121',
          eventTypes: ['request.done'],
        })
      ).statusCode,
    ).toBe(403);
    await call(h.app, life.manager, 'DELETE', `/api/webhooks/${id}`);
  });
});

describe('a failing subscription', () => {
  it('is retried on the schedule, disabled after three days of failure, and its owner mailed', async () => {
    const created = await call(permissive, admin, 'POST', '/api/back-office/webhooks', {
      url: receiverUrl,
      eventTypes: ['request.confirmed'],
    });
    const subscriptionId = bodyOf(created, WebhookSubscriptionWithSecret).id;
    await life.submitted();
    let now = new Date('2026-11-20T10:00:00Z');
    const deps = { db: h.database.db, clock: () => now, publicUrl: 'http://localhost:3000' };
    const jobs: DeliveryJob[] = [];
    const enqueue = (_trx: unknown, more: readonly DeliveryJob[]) => {
      jobs.push(...more);
      return Promise.resolve();
    };
    const dispatched = await dispatchWebhooks(deps, enqueue);
    expect(dispatched.deliveries).toBeGreaterThanOrEqual(1);
    const delivery = await h.database.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('subscription_id', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    expect(jobs).toContainEqual({ deliveryId: delivery.id, delayMs: 0 });
    const settings = { allowPrivate: true, secretKey: null, timeoutMs: 2000 };

    answer = 500;
    jobs.length = 0;
    expect(await deliverWebhook(deps, delivery.id, settings, enqueue)).toBe('retry');
    expect(jobs).toEqual([{ deliveryId: delivery.id, delayMs: 5000 }]);
    // not due yet: nothing is sent
    expect(await deliverWebhook(deps, delivery.id, settings, enqueue)).toBe('skipped');
    now = new Date(now.getTime() + 5000);
    expect(await deliverWebhook(deps, delivery.id, settings, enqueue)).toBe('retry');
    let subscription = await h.database.db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('id', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    expect(subscription.failing_since?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(subscription.is_enabled).toBe(true);

    // three days later, still failing: disabled, and the owner (the admin) is mailed
    now = new Date('2026-11-23T10:00:00Z');
    expect(await deliverWebhook(deps, delivery.id, settings, enqueue)).toBe('retry');
    subscription = await h.database.db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('id', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    expect(subscription).toMatchObject({ is_enabled: false, disabled_reason: 'failing' });
    const mails = await h.database.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject'])
      .where('kind', '=', 'webhook_disabled')
      .execute();
    expect(mails).toEqual([expect.objectContaining({ to_address: 'admin@guichet.example' })]);
    // disabled: nothing more is attempted
    expect(await deliverWebhook(deps, delivery.id, settings, enqueue)).toBe('skipped');

    const log = await call(
      h.app,
      admin,
      'GET',
      `/api/back-office/webhooks/${subscriptionId}/deliveries`,
    );
    const [item] = bodyOf(log, WebhookDeliveryPage).items;
    expect(item).toMatchObject({ state: 'pending', attempts: 3 });
    expect(item?.attemptLog).toHaveLength(3);
    expect(item?.attemptLog[0]).toMatchObject({
      statusCode: 500,
      isSuccess: false,
      responseExcerpt: 'down for maintenance',
    });

    // enabled again once the receiver is fixed: what waited goes, and the streak ends
    answer = 200;
    const enabled = await call(
      h.app,
      admin,
      'PATCH',
      `/api/back-office/webhooks/${subscriptionId}`,
      {
        isEnabled: true,
      },
    );
    expect(bodyOf(enabled, WebhookSubscriptionView)).toMatchObject({
      isEnabled: true,
      failingSince: null,
    });
    jobs.length = 0;
    await dispatchWebhooks(deps, enqueue);
    expect(jobs).toContainEqual({ deliveryId: delivery.id, delayMs: 0 });
    now = new Date('2026-11-24T10:00:00Z');
    expect(await deliverWebhook(deps, delivery.id, settings, enqueue)).toBe('delivered');
  });

  it('gives up a delivery after its last attempt, and the request’s next event goes', async () => {
    const created = await call(permissive, admin, 'POST', '/api/back-office/webhooks', {
      url: receiverUrl,
      eventTypes: ['request.created', 'request.confirmed'],
    });
    const subscriptionId = bodyOf(created, WebhookSubscriptionWithSecret).id;
    await life.submitted();
    const now = new Date('2026-11-20T10:00:00Z');
    const deps = { db: h.database.db, clock: () => now };
    const jobs: DeliveryJob[] = [];
    const enqueue = (_trx: unknown, more: readonly DeliveryJob[]) => {
      jobs.push(...more);
      return Promise.resolve();
    };
    await dispatchWebhooks(deps, enqueue);
    const [first, second] = await h.database.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('subscription_id', '=', subscriptionId)
      .orderBy('id')
      .execute();
    if (!first || !second) throw new Error('two deliveries expected');
    // the second waits for the first
    jobs.length = 0;
    expect(await deliverWebhook(deps, second.id, { ...settingsOnce }, enqueue)).toBe('waiting');
    answer = 500;
    expect(await deliverWebhook(deps, first.id, settingsOnce, enqueue)).toBe('retry');
    expect(await deliverWebhook(deps, first.id, settingsOnce, enqueue)).toBe('failed');
    expect(jobs.at(-1)).toEqual({ deliveryId: second.id, delayMs: 0 });
    answer = 200;
    expect(await deliverWebhook(deps, second.id, settingsOnce, enqueue)).toBe('delivered');
  });
});

/** One retry, at once. */
const settingsOnce = {
  allowPrivate: true,
  secretKey: null,
  timeoutMs: 2000,
  retryDelaysSeconds: [0],
};

describe('messages', () => {
  it('carry the quote with its answer, and the inventory’s new version', async () => {
    await call(permissive, admin, 'POST', '/api/back-office/webhooks', {
      url: receiverUrl,
      eventTypes: ['quote.sent', 'quote.accepted', 'inventory.synced'],
    });
    const id = await life.requestIn('quote_sent');
    const quote = await h.database.db
      .selectFrom('quotes')
      .select('id')
      .where('request_id', '=', id)
      .executeTakeFirstOrThrow();
    const accepted = await life.post(life.manager, `/api/requests/${id}/quotes/${quote.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    await h.database.db
      .updateTable('assets')
      .set({ label: 'Tenant renommé par la synchronisation' })
      .where('contract_id', '=', 'OCB0005122')
      .execute();
    const deps = { db: h.database.db, clock: () => new Date('2026-11-20T10:00:00Z') };
    await dispatchWebhooks(deps, () => Promise.resolve());
    const messages = await h.database.db
      .selectFrom('webhook_messages')
      .select(['type', 'payload', 'ordering_key'])
      .where((eb) => eb.or([eb('request_id', '=', id), eb('type', '=', 'inventory.synced')]))
      .orderBy('created_at')
      .execute();
    const byType = new Map(messages.map((message) => [message.type, message]));
    const sent = payloadOf(byType.get('quote.sent')?.payload ?? '{}');
    expect(sent.data.quote).toMatchObject({ id: quote.id, amountTokens: 12, version: 1 });
    expect(sent.data.request).toMatchObject({ id, contractId: 'OCB0005121' });
    const answered = payloadOf(byType.get('quote.accepted')?.payload ?? '{}');
    expect(answered.data.quote).toMatchObject({ id: quote.id, status: 'accepted' });
    expect(answered.data.change).toMatchObject({ toStatus: 'in_progress', action: 'accept_quote' });
    const inventory = messages.find(
      (message) =>
        message.type === 'inventory.synced' && message.ordering_key === 'inventory:OCB0005122',
    );
    expect(payloadOf(inventory?.payload ?? '{}').data.inventory).toEqual({
      contractId: 'OCB0005122',
      version: expect.any(Number) as unknown,
    });
  });
});
