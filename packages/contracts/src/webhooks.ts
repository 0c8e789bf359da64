import { z } from 'zod';
import { webhookEventTypes, webhookSubscriptionKinds } from '@guichet/domain';
import { ContractId, Uuid, page, singleLineText } from './common.ts';
import { ExecutionRequested } from './executions.ts';

// Outbound webhooks (issue 17, decision 0028): the provider's (back-office) and a customer's
// (one contract's events).

export const WebhookEventType = z.enum(webhookEventTypes);

const eventTypes = z
  .array(WebhookEventType)
  .min(1)
  .max(webhookEventTypes.length)
  .refine((types) => new Set(types).size === types.length, { message: 'Each event once' });

/** An http(s) URL without credentials; where it leads is checked by the API (no private address). */
const WebhookUrl = z
  .string()
  .max(2000)
  .refine((value) => /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(value), {
    message: 'An http:// or https:// URL',
    params: { rule: 'url' },
  });

export const WebhookSubscriptionView = z
  .object({
    id: Uuid,
    /** null: the provider's, every contract's events. */
    contractId: z.string().nullable(),
    /** `executor`: the provider's automation, sent the executions routed to it (decision 0032). */
    kind: z.enum(webhookSubscriptionKinds),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(WebhookEventType),
    isEnabled: z.boolean(),
    /** `failing`: disabled after three days of failed attempts (its owner was mailed). */
    disabledReason: z.enum(['failing', 'by_hand']).nullable(),
    disabledAt: z.string().nullable(),
    /** The first failed attempt since the last success. */
    failingSince: z.string().nullable(),
    /** Until then the previous secret signs too (after a rotation). */
    previousSecretExpiresAt: z.string().nullable(),
    ownerName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WebhookSubscriptionView' });
export type WebhookSubscriptionView = z.infer<typeof WebhookSubscriptionView>;

export const WebhookSubscriptionList = z.object({ items: z.array(WebhookSubscriptionView) });
export type WebhookSubscriptionList = z.infer<typeof WebhookSubscriptionList>;

/** A subscription with its signing secret (`whsec_…`): answered once, at creation or rotation. */
export const WebhookSubscriptionWithSecret = WebhookSubscriptionView.extend({
  secret: z.string(),
}).meta({ id: 'WebhookSubscriptionWithSecret' });
export type WebhookSubscriptionWithSecret = z.infer<typeof WebhookSubscriptionWithSecret>;

const CreateWebhookFields = z.object({
  url: WebhookUrl,
  description: singleLineText(200).default(''),
  eventTypes,
});

export const CreateBackOfficeWebhookBody = CreateWebhookFields.extend({
  /** `executor`: hears `execution.requested` only, for the articles that name it. */
  kind: z.enum(webhookSubscriptionKinds).default('events'),
});
export type CreateBackOfficeWebhookBody = z.infer<typeof CreateBackOfficeWebhookBody>;

export const CreateWebhookBody = CreateWebhookFields.extend({ contractId: ContractId });
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const UpdateWebhookBody = z
  .object({
    url: WebhookUrl.optional(),
    description: singleLineText(200).optional(),
    eventTypes: eventTypes.optional(),
    isEnabled: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'Nothing to change',
  });
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBody>;

export const RotateWebhookSecretBody = z.object({
  /** How long the previous secret still signs (both signatures are sent meanwhile). */
  overlapHours: z.number().int().min(0).max(168).default(24),
});
export type RotateWebhookSecretBody = z.infer<typeof RotateWebhookSecretBody>;

export const WebhookAttemptView = z.object({
  at: z.string(),
  /** null: no answer (refused address, connection error, timeout). */
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  /** The answer's first bytes (at most 1 000 characters). */
  responseExcerpt: z.string(),
  error: z.string().nullable(),
  isSuccess: z.boolean(),
});

export const WebhookDeliveryView = z
  .object({
    id: z.string(),
    messageId: z.string(),
    eventType: WebhookEventType,
    requestId: z.string().nullable(),
    state: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    isReplay: z.boolean(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    /** The latest attempts first (at most 20). */
    attemptLog: z.array(WebhookAttemptView),
  })
  .meta({ id: 'WebhookDeliveryView' });
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>;

export const WebhookDeliveryQuery = z.object({
  state: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});
export type WebhookDeliveryQuery = z.infer<typeof WebhookDeliveryQuery>;
export const WebhookDeliveryPage = page(WebhookDeliveryView);
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPage>;

export const WebhookReplayParams = z.object({
  id: Uuid,
  messageId: z.string().regex(/^msg_[0-9A-Za-z]{1,40}$/),
});
export type WebhookReplayParams = z.infer<typeof WebhookReplayParams>;

/** What a receiver gets (the body of every delivery), with `webhook-id` its message id. */
export const WebhookPayload = z
  .object({
    type: WebhookEventType,
    /** When it happened (ISO 8601). */
    timestamp: z.string(),
    data: z.object({
      /** The request as `GET /api/requests/:id` shows it, with its `version`. */
      request: z.record(z.string(), z.unknown()).optional(),
      /** The move a request event is about (the request above is read just after it). */
      change: z
        .object({
          fromStatus: z.string().nullable(),
          toStatus: z.string().nullable(),
          action: z.string().nullable(),
        })
        .optional(),
      quote: z.record(z.string(), z.unknown()).optional(),
      comment: z.record(z.string(), z.unknown()).optional(),
      inventory: z.object({ contractId: z.string(), version: z.number().int() }).optional(),
      /** `execution.requested`: the execution to answer, and the item as the inventory holds it. */
      execution: ExecutionRequested.optional(),
    }),
  })
  .meta({ id: 'WebhookPayload' });
export type WebhookPayload = z.infer<typeof WebhookPayload>;
