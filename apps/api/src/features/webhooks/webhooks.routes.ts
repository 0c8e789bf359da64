import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateBackOfficeWebhookBody,
  CreateWebhookBody,
  ErrorBody,
  IdParams,
  RotateWebhookSecretBody,
  UpdateWebhookBody,
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookReplayParams,
  WebhookSubscriptionList,
  WebhookSubscriptionView,
  WebhookSubscriptionWithSecret,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './webhooks.service.ts';
import type { Scope } from './webhooks.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const signing =
  ' Deliveries are signed as the Standard Webhooks specification says (`webhook-id`, `webhook-timestamp`, `webhook-signature`: `v1,` + HMAC-SHA256 in base64, space-separated during a rotation).';

/**
 * Outbound webhooks (decision 0028): the same routes for the provider's subscriptions
 * (`/api/back-office/webhooks`, operators who may `manage_webhooks`) and a customer's
 * (`/api/webhooks`, one contract's events, its referent or a Gestionnaire on Utilisateurs).
 */
export const webhooksRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { deps, config }) => {
  const settings = {
    allowPrivate: config.webhooksAllowPrivate,
    secretKey: config.webhooksSecretKey,
  };
  const surfaces: { scope: Scope; base: string; tag: string; who: string }[] = [
    {
      scope: 'provider',
      base: '/api/back-office/webhooks',
      tag: 'back-office',
      who: 'the provider’s, every contract’s events — admins',
    },
    {
      scope: 'customer',
      base: '/api/webhooks',
      tag: 'webhooks',
      who: 'one contract’s events — its referent or a Gestionnaire on Utilisateurs',
    },
  ];
  for (const { scope, base, tag, who } of surfaces) {
    app.get(
      base,
      {
        schema: {
          tags: [tag],
          summary: `Webhook subscriptions (${who})`,
          response: { 200: WebhookSubscriptionList, ...errors },
        },
      },
      async (request) => service.listSubscriptions(deps, authOf(request), scope),
    );

    app.post(
      base,
      {
        schema: {
          tags: [tag],
          summary: `Subscribe a URL to events (${who}); the answer holds the signing secret, shown this once. A loopback or private address is refused (400 on \`url\`, rule \`private_address\`).${signing}`,
          body: scope === 'provider' ? CreateBackOfficeWebhookBody : CreateWebhookBody,
          response: { 201: WebhookSubscriptionWithSecret, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await service.createSubscription(deps, authOf(request), scope, request.body, settings),
          ),
    );

    app.get(
      `${base}/:id`,
      {
        schema: {
          tags: [tag],
          summary: `A webhook subscription (${who})`,
          params: IdParams,
          response: { 200: WebhookSubscriptionView, ...errors },
        },
      },
      async (request) => service.getSubscription(deps, authOf(request), scope, request.params.id),
    );

    app.patch(
      `${base}/:id`,
      {
        schema: {
          tags: [tag],
          summary: `Change a webhook’s URL, events or description, disable or enable it (${who}); enabled again, what waited goes`,
          params: IdParams,
          body: UpdateWebhookBody,
          response: { 200: WebhookSubscriptionView, ...errors },
        },
      },
      async (request) =>
        service.updateSubscription(
          deps,
          authOf(request),
          scope,
          request.params.id,
          request.body,
          settings,
        ),
    );

    app.delete(
      `${base}/:id`,
      {
        schema: {
          tags: [tag],
          summary: `Delete a webhook subscription and its delivery log (${who})`,
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await service.deleteSubscription(deps, authOf(request), scope, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      `${base}/:id/rotate-secret`,
      {
        schema: {
          tags: [tag],
          summary: `A new signing secret, shown this once; the previous one still signs for \`overlapHours\` (24 by default), both signatures sent meanwhile (${who})`,
          params: IdParams,
          body: RotateWebhookSecretBody,
          response: { 200: WebhookSubscriptionWithSecret, ...errors },
        },
      },
      async (request) =>
        service.rotateSecret(
          deps,
          authOf(request),
          scope,
          request.params.id,
          request.body,
          settings,
        ),
    );

    app.get(
      `${base}/:id/deliveries`,
      {
        schema: {
          tags: [tag],
          summary: `A webhook’s deliveries, newest first, each with its attempts (status, duration, the answer’s first bytes) (${who})`,
          params: IdParams,
          querystring: WebhookDeliveryQuery,
          response: { 200: WebhookDeliveryPage, ...errors },
        },
      },
      async (request) =>
        service.listDeliveries(deps, authOf(request), scope, request.params.id, request.query),
    );

    app.post(
      `${base}/:id/messages/:messageId/replay`,
      {
        schema: {
          tags: [tag],
          summary: `Send one of the webhook’s messages again, by hand (same \`webhook-id\` and payload), after its request’s pending ones (${who})`,
          params: WebhookReplayParams,
          response: { 202: z.object({ deliveryId: z.string() }), ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(202)
          .send(
            await service.replayMessage(
              deps,
              authOf(request),
              scope,
              request.params.id,
              request.params.messageId,
            ),
          ),
    );
  }
};
