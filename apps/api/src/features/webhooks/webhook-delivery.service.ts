import { randomUUID } from 'node:crypto';
import {
  DomainError,
  isFailingTooLong,
  subscriptionHears,
  webhookEventTypesOf,
  webhookRetryDelaySeconds,
  webhookRetryDelaysSeconds,
} from '@guichet/domain';
import type { WebhookEventType, WebhookFact } from '@guichet/domain';
import type { RequestDetail, WebhookPayload } from '@guichet/contracts';
import type { Db } from '@guichet/db';
import type { AuthContext, Deps } from '../../http/context.ts';
import { queueMail } from '../mail/mail.service.ts';
import { loadActivity } from '../processing/processing.service.ts';
import { getRequest } from '../requests/request-views.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { executionRequestedOf } from '../executions/executions.service.ts';
import { openSecret, webhookHeaders } from './webhook-secrets.ts';
import { postWebhook } from './webhook-target.ts';
import type { PostOutcome } from './webhook-target.ts';
import * as repository from './webhooks.repository.ts';

/**
 * The webhooks' background work (decision 0028), as plain services the job runner calls:
 * the dispatcher turns what the triggers recorded into messages and deliveries; a delivery's
 * job sends it once it is first of its stream (a subscription × a request), records the
 * attempt, and schedules the retry or the stream's next delivery.
 */

/** A job to create, in the caller's transaction: a delivery to attempt after `delayMs`. */
export interface DeliveryJob {
  deliveryId: string;
  delayMs: number;
}
export type Enqueue = (transaction: Db, jobs: readonly DeliveryJob[]) => Promise<void>;

export interface WebhookSettings {
  allowPrivate: boolean;
  secretKey: Buffer | null;
  timeoutMs: number;
  /** Seconds after each failed attempt (tests shorten them). */
  retryDelaysSeconds?: readonly number[];
}

const dispatchLock = 72917330;
/** Outbox rows one dispatch takes. */
export const dispatchBatch = 500;
/** Bytes of an answer read and kept. */
export const responseExcerptBytes = 1000;

/** Who reads a request for a payload: a Visiteur of its contract, as the public API answers one. */
function readerOf(contractId: string): AuthContext {
  return {
    sessionId: 'webhooks',
    user: {
      id: '00000000-0000-0000-0000-000000000000',
      email: '',
      displayName: 'Webhooks',
      locale: 'en',
      kind: 'customer',
      operatorRole: null,
    },
    perimeters: [],
    perimeter: null,
    grants: [{ contractId, section: 'requests', profile: 'viewer' }],
  };
}

type OutboxRow = Awaited<ReturnType<typeof repository.takeOutbox>>[number];

function factOf(row: OutboxRow): WebhookFact {
  const text = (key: string) => {
    const value = row.data[key];
    return typeof value === 'string' ? value : null;
  };
  if (row.source === 'comment')
    return { source: 'comment', isInternal: row.data['isInternal'] === true };
  if (row.source === 'inventory') return { source: 'inventory' };
  if (row.source === 'execution') return { source: 'execution' };
  return {
    source: 'request_event',
    kind: row.kind,
    fromStatus: text('fromStatus'),
    toStatus: text('toStatus'),
    action: text('action'),
  };
}

/** What one dispatch reads once per request, whatever the number of its events in the batch. */
interface ReadCache {
  requests: Map<string, Promise<RequestDetail | null>>;
  activities: Map<string, ReturnType<typeof loadActivity>>;
}

function readRequest(deps: Deps, cache: ReadCache, contractId: string, requestId: string) {
  let found = cache.requests.get(requestId);
  if (!found) {
    found = getRequest(deps, readerOf(contractId), requestId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') return null;
      throw error;
    });
    cache.requests.set(requestId, found);
  }
  return found;
}

function readActivity(deps: Deps, cache: ReadCache, requestId: string) {
  let found = cache.activities.get(requestId);
  if (!found) {
    found = loadActivity(deps, requestId, { includeInternal: true });
    cache.activities.set(requestId, found);
  }
  return found;
}

/** The payload of one event: the public API's representation of what it is about. */
async function payloadOf(
  deps: Deps,
  cache: ReadCache,
  row: OutboxRow,
  type: WebhookEventType,
): Promise<WebhookPayload | null> {
  const timestamp =
    typeof row.data['at'] === 'string'
      ? new Date(row.data['at']).toISOString()
      : row.at.toISOString();
  if (row.source === 'inventory') {
    return {
      type,
      timestamp,
      data: { inventory: { contractId: row.contract_id, version: Number(row.data['version']) } },
    };
  }
  if (row.request_id === null) return null;
  const request = await readRequest(deps, cache, row.contract_id, row.request_id);
  if (request === null) return null;
  const data: WebhookPayload['data'] = { request };
  if (row.source === 'execution') {
    const executionId = row.data['executionId'];
    const execution =
      typeof executionId === 'string' ? await executionRequestedOf(deps, executionId) : null;
    if (execution === null) return null;
    data.execution = execution;
  }
  if (row.source === 'request_event') {
    const text = (key: string) => {
      const value = row.data[key];
      return typeof value === 'string' ? value : null;
    };
    data.change = {
      fromStatus: text('fromStatus'),
      toStatus: text('toStatus'),
      action: text('action'),
    };
  }
  if (type.startsWith('quote.')) {
    const { quotes } = await readActivity(deps, cache, row.request_id);
    const quoteId = row.data['quoteId'];
    const quote =
      quotes.find((candidate) => candidate.id === quoteId) ??
      quotes.reduce<(typeof quotes)[number] | undefined>(
        (latest, candidate) => (!latest || candidate.version > latest.version ? candidate : latest),
        undefined,
      );
    if (quote) data.quote = quote;
  }
  if (type === 'comment.added') {
    const { comments } = await readActivity(deps, cache, row.request_id);
    const comment = comments.find((candidate) => candidate.id === row.data['commentId']);
    if (!comment) return null;
    data.comment = comment;
  }
  return { type, timestamp, data };
}

export function newMessageId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}

/**
 * Turns the outbox's rows into messages and deliveries, in the outbox's order, one process at
 * a time (the others skip: the order of a request's deliveries is their ids' order), and gives
 * a job to each stream's first new delivery and to the deliveries the API made (replays).
 * Returns the outbox rows it took and the deliveries it made.
 */
export async function dispatchWebhooks(
  deps: Deps,
  enqueue: Enqueue,
): Promise<{ facts: number; deliveries: number }> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repository.tryDispatchLock(trx, dispatchLock))) return { facts: 0, deliveries: 0 };
    const scoped = { ...deps, db: trx };
    const unqueued = await repository.takeUnqueued(trx, 1000);
    const rows = await repository.takeOutbox(trx, dispatchBatch);
    const jobs: DeliveryJob[] = unqueued.map((deliveryId) => ({ deliveryId, delayMs: 0 }));
    if (rows.length === 0) {
      if (jobs.length > 0) await enqueue(trx, jobs);
      return { facts: 0, deliveries: 0 };
    }
    const subscriptions = (await repository.listEnabledSubscriptions(trx)).map((row) => ({
      id: row.id,
      contractId: row.contract_id,
      eventTypes: row.event_types,
      isEnabled: row.is_enabled,
    }));
    const cache: ReadCache = { requests: new Map(), activities: new Map() };
    const now = deps.clock();
    const streamsStarted = new Set<string>();
    let made = 0;
    for (const row of rows) {
      const fact = factOf(row);
      // An execution carries the item's record: its executor (the provider's) only hears it.
      const isInternal =
        (fact.source === 'comment' && fact.isInternal) || fact.source === 'execution';
      const addressedTo =
        fact.source === 'execution' && typeof row.data['subscriptionId'] === 'string'
          ? row.data['subscriptionId']
          : null;
      for (const type of webhookEventTypesOf(fact)) {
        const heard = {
          type,
          contractId: row.contract_id,
          isInternal,
          subscriptionId: addressedTo,
        };
        const listeners = subscriptions.filter((subscription) =>
          subscriptionHears(subscription, heard),
        );
        if (listeners.length === 0) continue;
        const payload = await payloadOf(scoped, cache, row, type);
        if (payload === null) continue;
        const messageId = newMessageId();
        const orderingKey = row.request_id ?? `inventory:${row.contract_id}`;
        await repository.insertMessage(trx, {
          id: messageId,
          type,
          contractId: row.contract_id,
          requestId: row.request_id,
          orderingKey,
          isInternal,
          payload: JSON.stringify(payload),
          at: now,
        });
        const ids = await repository.insertDeliveries(
          trx,
          listeners.map((listener) => ({
            subscriptionId: listener.id,
            messageId,
            orderingKey,
            at: now,
          })),
        );
        made += ids.length;
        ids.forEach((deliveryId, index) => {
          const stream = `${listeners[index]?.id}:${orderingKey}`;
          if (streamsStarted.has(stream)) return;
          streamsStarted.add(stream);
          jobs.push({ deliveryId, delayMs: 0 });
        });
      }
    }
    if (jobs.length > 0) await enqueue(trx, jobs);
    return { facts: rows.length, deliveries: made };
  });
}

export type DeliveryOutcome = 'delivered' | 'retry' | 'failed' | 'waiting' | 'skipped';

function isSuccess(outcome: PostOutcome): boolean {
  return outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
}

/** A subscription failing for three days is disabled; its owner is told by mail. */
async function disableFailing(deps: Deps, subscriptionId: string, failingSince: Date) {
  const now = deps.clock();
  if (!(await repository.disableFailing(deps.db, subscriptionId, now))) return;
  const subscription = await repository.findSubscription(deps.db, subscriptionId);
  if (!subscription) return;
  const since = failingSince.toISOString().slice(0, 16).replace('T', ' ');
  const isFrench = subscription.owner_locale === 'fr';
  await queueMail(deps, {
    to: subscription.owner_email,
    kind: 'webhook_disabled',
    subject: isFrench
      ? 'Guichet : webhook désactivé après trois jours d’échecs'
      : 'Guichet: webhook disabled after three days of failures',
    text: isFrench
      ? `Bonjour ${subscription.owner_name},\n\nLe webhook vers ${subscription.url} échoue depuis le ${since} UTC : il est désactivé. Les événements non remis restent en attente ; réactivez-le une fois le destinataire réparé.\n\n${deps.publicUrl ?? ''}`
      : `Hello ${subscription.owner_name},\n\nThe webhook to ${subscription.url} has failed since ${since} UTC: it is disabled. Undelivered events wait; enable it again once the receiver is fixed.\n\n${deps.publicUrl ?? ''}`,
  });
  await recordAudit(deps, {
    kind: 'webhook_disabled',
    actor: null,
    target: { type: 'webhook', id: subscriptionId },
    data: { reason: 'failing', failingSince: failingSince.toISOString() },
  });
}

/**
 * One attempt of a delivery, in one transaction that holds the delivery's row lock while the
 * receiver answers (two workers never send it together; a retry after a crash may send it
 * again: at least once). It waits while an earlier delivery of its stream is pending.
 */
export async function deliverWebhook(
  deps: Deps,
  deliveryId: string,
  settings: WebhookSettings,
  enqueue: Enqueue,
): Promise<DeliveryOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const scoped = { ...deps, db: trx };
    const delivery = await repository.lockDelivery(trx, deliveryId);
    if (!delivery || delivery.state !== 'pending' || !delivery.is_enabled) return 'skipped';
    const now = deps.clock();
    const stream = {
      id: delivery.id,
      subscriptionId: delivery.subscription_id,
      orderingKey: delivery.ordering_key,
    };
    const before = await repository.earlierPending(trx, stream);
    if (before) {
      // Its predecessor's end hands over at once; this job looks again after its next try.
      const waitMs = Math.max(0, before.next_attempt_at.getTime() - now.getTime()) + 1000;
      await enqueue(trx, [{ deliveryId, delayMs: waitMs }]);
      return 'waiting';
    }
    if (delivery.next_attempt_at.getTime() > now.getTime() + 1000) return 'skipped';
    const secrets = [openSecret(delivery.secret, settings.secretKey)];
    if (
      delivery.previous_secret !== null &&
      delivery.previous_secret_expires_at !== null &&
      delivery.previous_secret_expires_at > now
    ) {
      secrets.push(openSecret(delivery.previous_secret, settings.secretKey));
    }
    const outcome = await postWebhook(
      delivery.url,
      webhookHeaders(secrets, delivery.message_id, now, delivery.payload),
      delivery.payload,
      {
        allowPrivate: settings.allowPrivate,
        timeoutMs: settings.timeoutMs,
        maxResponseBytes: responseExcerptBytes,
      },
    );
    const succeeded = isSuccess(outcome);
    await repository.insertAttempt(trx, {
      deliveryId,
      at: now,
      statusCode: outcome.statusCode,
      durationMs: outcome.durationMs,
      excerpt: outcome.excerpt.replaceAll('\u0000', ''),
      error: outcome.error,
      isSuccess: succeeded,
    });
    const handOver = async () => {
      const next = await repository.nextPending(trx, stream);
      if (next) await enqueue(trx, [{ deliveryId: next.id, delayMs: 0 }]);
    };
    if (succeeded) {
      await repository.finishDelivery(trx, deliveryId, { state: 'delivered', at: now });
      await repository.clearFailing(trx, delivery.subscription_id);
      await handOver();
      return 'delivered';
    }
    const failingSince = await repository.markFailing(trx, delivery.subscription_id, now);
    if (failingSince && isFailingTooLong(failingSince, now)) {
      await disableFailing(scoped, delivery.subscription_id, failingSince);
    }
    const delay = webhookRetryDelaySeconds(
      delivery.attempts + 1,
      settings.retryDelaysSeconds ?? webhookRetryDelaysSeconds,
    );
    if (delay === null) {
      await repository.finishDelivery(trx, deliveryId, { state: 'failed', at: now });
      await handOver();
      return 'failed';
    }
    await repository.finishDelivery(trx, deliveryId, {
      state: 'pending',
      nextAttemptAt: new Date(now.getTime() + delay * 1000),
      at: now,
    });
    await enqueue(trx, [{ deliveryId, delayMs: delay * 1000 }]);
    return 'retry';
  });
}

/**
 * Pending deliveries first of their stream whose attempt is overdue by a minute: their job
 * was lost (a process that died mid-attempt beyond pg-boss's own retries). Gives them one.
 */
export async function sweepWebhooks(deps: Deps, enqueue: Enqueue): Promise<number> {
  const before = new Date(deps.clock().getTime() - 60_000);
  return deps.db.transaction().execute(async (trx) => {
    const heads = await repository.overdueHeads(trx, before, 1000);
    if (heads.length > 0) {
      await enqueue(
        trx,
        heads.map((head) => ({ deliveryId: head.id, delayMs: 0 })),
      );
    }
    return heads.length;
  });
}
