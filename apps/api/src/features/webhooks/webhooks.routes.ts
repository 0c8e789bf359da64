import { z } from 'zod';
import {
  CreateBackOfficeWebhookBody,
  CreateWebhookBody,
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
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './webhooks.service.ts';
import type { Scope } from './webhooks.service.ts';

const signing =
  ' Deliveries are signed as the Standard Webhooks specification says (`webhook-id`, `webhook-timestamp`, `webhook-signature`: `v1,` + HMAC-SHA256 in base64, space-separated during a rotation).';

/**
 * Outbound webhooks (decision 0028): the same routes for the provider's subscriptions
 * (`/api/back-office/webhooks`, operators who may `manage_webhooks`) and a customer's
 * (`/api/webhooks`, one contract's events, its referent or a Gestionnaire on Utilisateurs).
 */
export const webhooksRoutes = routesPlugin(
  { tags: ['webhooks'], errors: [400, 401, 403, 404] },
  ({ deps, config }) => {
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
    return surfaces.flatMap(({ scope, base, tag, who }) => {
      const tags = [tag];
      return [
        route(`GET ${base}`, {
          tags,
          summary: `Webhook subscriptions (${who})`,
          ok: WebhookSubscriptionList,
          handle: ({ auth }) => service.listSubscriptions(deps, auth, scope),
        }),
        route(`POST ${base}`, {
          tags,
          summary: `Subscribe a URL to events (${who}); the answer holds the signing secret, shown this once. A loopback or private address is refused (400 on \`url\`, rule \`private_address\`).${signing}`,
          body: scope === 'provider' ? CreateBackOfficeWebhookBody : CreateWebhookBody,
          ok: WebhookSubscriptionWithSecret,
          status: 201,
          handle: ({ auth, body }) => service.createSubscription(deps, auth, scope, body, settings),
        }),
        route(`GET ${base}/:id`, {
          tags,
          summary: `A webhook subscription (${who})`,
          params: IdParams,
          ok: WebhookSubscriptionView,
          handle: ({ auth, params }) => service.getSubscription(deps, auth, scope, params.id),
        }),
        route(`PATCH ${base}/:id`, {
          tags,
          summary: `Change a webhook’s URL, events or description, disable or enable it (${who}); enabled again, what waited goes`,
          params: IdParams,
          body: UpdateWebhookBody,
          ok: WebhookSubscriptionView,
          handle: ({ auth, params, body }) =>
            service.updateSubscription(deps, auth, scope, params.id, body, settings),
        }),
        route(`DELETE ${base}/:id`, {
          tags,
          summary: `Delete a webhook subscription and its delivery log (${who})`,
          params: IdParams,
          status: 204,
          handle: ({ auth, params }) => service.deleteSubscription(deps, auth, scope, params.id),
        }),
        route(`POST ${base}/:id/rotate-secret`, {
          tags,
          summary: `A new signing secret, shown this once; the previous one still signs for \`overlapHours\` (24 by default), both signatures sent meanwhile (${who})`,
          params: IdParams,
          body: RotateWebhookSecretBody,
          ok: WebhookSubscriptionWithSecret,
          handle: ({ auth, params, body }) =>
            service.rotateSecret(deps, auth, scope, params.id, body, settings),
        }),
        route(`GET ${base}/:id/deliveries`, {
          tags,
          summary: `A webhook’s deliveries, newest first, each with its attempts (status, duration, the answer’s first bytes) (${who})`,
          params: IdParams,
          querystring: WebhookDeliveryQuery,
          ok: WebhookDeliveryPage,
          handle: ({ auth, params, query }) =>
            service.listDeliveries(deps, auth, scope, params.id, query),
        }),
        route(`POST ${base}/:id/messages/:messageId/replay`, {
          tags,
          summary: `Send one of the webhook’s messages again, by hand (same \`webhook-id\` and payload), after its request’s pending ones (${who})`,
          params: WebhookReplayParams,
          ok: z.object({ deliveryId: z.string() }),
          status: 202,
          handle: ({ auth, params }) =>
            service.replayMessage(deps, auth, scope, params.id, params.messageId),
        }),
      ];
    });
  },
);
