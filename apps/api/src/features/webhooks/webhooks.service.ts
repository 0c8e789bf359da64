import { randomUUID } from 'node:crypto';
import {
  DomainError,
  mayManageContractWebhooks,
  rolesWith,
  subscriptionEventsProblem,
} from '@guichet/domain';
import type { WebhookEventType, WebhookSubscriptionKind } from '@guichet/domain';
import type {
  CreateBackOfficeWebhookBody,
  CreateWebhookBody,
  RotateWebhookSecretBody,
  UpdateWebhookBody,
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookDeliveryView,
  WebhookSubscriptionList,
  WebhookSubscriptionView,
  WebhookSubscriptionWithSecret,
} from '@guichet/contracts';
import { inTransaction, type Db } from '@guichet/db';
import { requireOperator } from '../../http/access.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { idAfter, keysetPage } from '../../lib/cursor.ts';
import { omitEmpty } from '../../lib/omit-empty.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import type { AuditKind } from '../audit/audit.service.ts';
import { generateSecret, sealSecret } from './webhook-secrets.ts';
import { TargetRefused, checkTarget } from './webhook-target.ts';
import * as repository from './webhooks.repository.ts';
import type { SubscriptionRow } from './webhooks.repository.ts';

/**
 * Webhook subscriptions (decision 0028): the provider's, managed by operators who may
 * `manage_webhooks` (admins), hear of every contract; a customer's hear of one contract and
 * are managed by its referent or a Gestionnaire of its section Utilisateurs.
 */

export interface SubscriptionSettings {
  allowPrivate: boolean;
  secretKey: Buffer | null;
}

/** Whose subscriptions a route handles: the back-office's, or the customer's own. */
export type Scope = 'provider' | 'customer';

function toView(row: SubscriptionRow): WebhookSubscriptionView {
  return {
    id: row.id,
    contractId: row.contract_id,
    kind: row.kind,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types as WebhookSubscriptionView['eventTypes'],
    isEnabled: row.is_enabled,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    failingSince: row.failing_since?.toISOString() ?? null,
    previousSecretExpiresAt: row.previous_secret_expires_at?.toISOString() ?? null,
    ownerName: row.owner_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const notFound = () => new DomainError('not_found', 'Webhook not found');

function requireProvider(auth: AuthContext): void {
  requireOperator(auth, rolesWith('manage_webhooks'));
}

/** Refuses (404 outside the perimeter, 403 inside) who may not manage the contract's webhooks. */
async function requireContractManager(
  deps: Deps,
  auth: AuthContext,
  contractId: string,
): Promise<void> {
  if (!auth.grants.some((grant) => grant.contractId === contractId)) {
    throw new DomainError('not_found', 'Contract not found');
  }
  const referents = await repository.referentsOf(deps.db, [contractId]);
  if (
    !mayManageContractWebhooks(
      auth.grants,
      contractId,
      referents.get(contractId) ?? null,
      auth.user.id,
    )
  ) {
    throw new DomainError(
      'forbidden',
      'A contract’s webhooks are managed by its referent or a Gestionnaire on Utilisateurs',
    );
  }
}

async function subscriptionFor(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  id: string,
): Promise<SubscriptionRow> {
  if (scope === 'provider') requireProvider(auth);
  const row = await repository.findSubscription(deps.db, id);
  if (!row) throw notFound();
  if (scope === 'provider') {
    if (row.contract_id !== null) throw notFound();
  } else {
    if (row.contract_id === null) throw notFound();
    await requireContractManager(deps, auth, row.contract_id);
  }
  return row;
}

/** An executor hears executions only; no other subscription hears them (decision 0032). */
function checkEvents(kind: WebhookSubscriptionKind, eventTypes: readonly WebhookEventType[]) {
  const problem = subscriptionEventsProblem(kind, eventTypes);
  if (problem !== null) {
    throw new DomainError('validation_failed', problem, [
      { path: 'eventTypes', rule: 'executor_events', message: problem },
    ]);
  }
}

async function checkUrl(url: string, settings: SubscriptionSettings): Promise<void> {
  try {
    await checkTarget(url, settings.allowPrivate);
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    throw new DomainError('validation_failed', error.message, [
      { path: 'url', rule: error.rule, message: error.message },
    ]);
  }
}

async function audit(
  deps: Deps,
  auth: AuthContext,
  kind: AuditKind,
  id: string,
  data: Record<string, unknown>,
) {
  await recordAudit(deps, {
    kind,
    actor: actorOf(auth),
    target: { type: 'webhook', id },
    data,
  });
}

export async function listSubscriptions(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
): Promise<WebhookSubscriptionList> {
  if (scope === 'provider') {
    requireProvider(auth);
    return { items: (await repository.listSubscriptions(deps.db, null)).map(toView) };
  }
  const contractIds = [...new Set(auth.grants.map((grant) => grant.contractId))];
  const referents = await repository.referentsOf(deps.db, contractIds);
  const managed = contractIds.filter((contractId) =>
    mayManageContractWebhooks(
      auth.grants,
      contractId,
      referents.get(contractId) ?? null,
      auth.user.id,
    ),
  );
  return { items: (await repository.listSubscriptions(deps.db, managed)).map(toView) };
}

export async function getSubscription(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  id: string,
): Promise<WebhookSubscriptionView> {
  return toView(await subscriptionFor(deps, auth, scope, id));
}

async function viewOf(db: Db, id: string): Promise<WebhookSubscriptionView> {
  const row = await repository.findSubscription(db, id);
  if (!row) throw notFound();
  return toView(row);
}

/** A new subscription, answered with its secret: the only time it is shown. */
export async function createSubscription(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  body: CreateBackOfficeWebhookBody | CreateWebhookBody,
  settings: SubscriptionSettings,
): Promise<WebhookSubscriptionWithSecret> {
  const contractId = scope === 'customer' && 'contractId' in body ? body.contractId : null;
  if (scope === 'provider') requireProvider(auth);
  else if (contractId === null) throw new DomainError('validation_failed', 'contractId is needed');
  else await requireContractManager(deps, auth, contractId);
  const kind = 'kind' in body ? body.kind : 'events';
  checkEvents(kind, body.eventTypes);
  await checkUrl(body.url, settings);
  const id = randomUUID();
  const secret = generateSecret();
  return inTransaction(deps.db, async (trx) => {
    const scoped = { ...deps, db: trx };
    await repository.insertSubscription(trx, {
      id,
      contractId,
      ownerId: auth.user.id,
      url: body.url,
      description: body.description,
      eventTypes: body.eventTypes,
      kind,
      secret: sealSecret(secret, settings.secretKey),
      at: deps.clock(),
    });
    await audit(scoped, auth, 'webhook_created', id, {
      contractId,
      url: body.url,
      eventTypes: body.eventTypes,
    });
    return { ...(await viewOf(trx, id)), secret };
  });
}

export async function updateSubscription(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  id: string,
  body: UpdateWebhookBody,
  settings: SubscriptionSettings,
): Promise<WebhookSubscriptionView> {
  const before = await subscriptionFor(deps, auth, scope, id);
  if (body.eventTypes !== undefined) checkEvents(before.kind, body.eventTypes);
  if (body.url !== undefined) await checkUrl(body.url, settings);
  return inTransaction(deps.db, async (trx) => {
    const scoped = { ...deps, db: trx };
    await repository.updateSubscription(trx, id, {
      ...(body.url !== undefined ? { url: body.url } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.eventTypes !== undefined ? { eventTypes: body.eventTypes } : {}),
      ...(body.isEnabled !== undefined ? { isEnabled: body.isEnabled } : {}),
      at: deps.clock(),
    });
    if (body.isEnabled === true && !before.is_enabled) {
      // What waited while it was disabled goes now, each stream from its first delivery.
      const heads = await repository.headsOf(trx, id);
      await repository.markNeedsJob(
        trx,
        heads.map((head) => head.id),
      );
    }
    await audit(scoped, auth, 'webhook_updated', id, { ...body });
    return viewOf(trx, id);
  });
}

/**
 * A new secret, answered once; the previous one still signs for `overlapHours` (both
 * signatures are sent meanwhile), so that receivers can switch without losing an event.
 */
export async function rotateSecret(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  id: string,
  body: RotateWebhookSecretBody,
  settings: SubscriptionSettings,
): Promise<WebhookSubscriptionWithSecret> {
  const before = await subscriptionFor(deps, auth, scope, id);
  const secret = generateSecret();
  const now = deps.clock();
  return inTransaction(deps.db, async (trx) => {
    const scoped = { ...deps, db: trx };
    await repository.updateSubscription(trx, id, {
      secret: sealSecret(secret, settings.secretKey),
      previousSecret: body.overlapHours > 0 ? before.secret : null,
      previousSecretExpiresAt:
        body.overlapHours > 0 ? new Date(now.getTime() + body.overlapHours * 3600_000) : null,
      at: now,
    });
    await audit(scoped, auth, 'webhook_secret_rotated', id, { overlapHours: body.overlapHours });
    return { ...(await viewOf(trx, id)), secret };
  });
}

export async function deleteSubscription(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  id: string,
): Promise<void> {
  const before = await subscriptionFor(deps, auth, scope, id);
  await inTransaction(deps.db, async (trx) => {
    await repository.deleteSubscription(trx, id);
    await audit({ ...deps, db: trx }, auth, 'webhook_deleted', id, {
      contractId: before.contract_id,
      url: before.url,
    });
  });
}

const attemptsShown = 20;

export async function listDeliveries(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  id: string,
  query: WebhookDeliveryQuery,
): Promise<WebhookDeliveryPage> {
  await subscriptionFor(deps, auth, scope, id);
  const beforeId = idAfter(query.cursor);
  const { rows, total } = await repository.listDeliveries(deps.db, id, {
    limit: query.limit,
    ...omitEmpty({
      state: query.state,
      beforeId: beforeId && /^\d+$/.test(beforeId) ? beforeId : undefined,
    }),
  });
  const { items, nextCursor } = keysetPage(
    rows,
    query.limit,
    (row) => row,
    (last) => [last.id],
  );
  const attempts = await repository.listAttempts(
    deps.db,
    items.map((row) => row.id),
  );
  return {
    items: items.map((row): WebhookDeliveryView => ({
      id: row.id,
      messageId: row.message_id,
      eventType: row.type as WebhookDeliveryView['eventType'],
      requestId: row.request_id,
      state: row.state,
      attempts: row.attempts,
      nextAttemptAt: row.state === 'pending' ? row.next_attempt_at.toISOString() : null,
      isReplay: row.is_replay,
      createdAt: row.created_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
      attemptLog: attempts
        .filter((attempt) => attempt.delivery_id === row.id)
        .slice(0, attemptsShown)
        .map((attempt) => ({
          at: attempt.at.toISOString(),
          statusCode: attempt.status_code,
          durationMs: attempt.duration_ms,
          responseExcerpt: attempt.response_excerpt,
          error: attempt.error,
          isSuccess: attempt.is_success,
        })),
    })),
    nextCursor,
    total,
  };
}

/**
 * Sends a message the subscription already had once more, by hand (same `webhook-id` and
 * payload: a receiver that keeps ids knows it). It goes after its stream's pending ones.
 */
export async function replayMessage(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  id: string,
  messageId: string,
): Promise<{ deliveryId: string }> {
  await subscriptionFor(deps, auth, scope, id);
  return inTransaction(deps.db, async (trx) => {
    if (!(await repository.hasDeliveryOf(trx, id, messageId))) {
      throw new DomainError('not_found', 'This webhook never had this message');
    }
    const message = await repository.findMessage(trx, messageId);
    if (!message) throw new DomainError('not_found', 'Message not found');
    const [deliveryId] = await repository.insertDeliveries(trx, [
      {
        subscriptionId: id,
        messageId,
        orderingKey: message.ordering_key,
        isReplay: true,
        needsJob: true,
        at: deps.clock(),
      },
    ]);
    await audit({ ...deps, db: trx }, auth, 'webhook_replayed', id, { messageId });
    return { deliveryId: deliveryId ?? '' };
  });
}
