import { z } from 'zod';
import { quoteStatuses, requestStatuses } from '@guichet/domain';
import { Uuid, emptyOnceTrimmed } from './common.ts';

/** A calendar day, `YYYY-MM-DD`. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date looks like 2026-12-31')
  .meta({ format: 'date' });

export const AttachmentView = z
  .object({
    id: Uuid,
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    /** Operators only: never listed to customers. */
    isInternal: z.boolean(),
    uploadedByName: z.string(),
    uploadedByKind: z.enum(['customer', 'operator']),
    createdAt: z.string(),
  })
  .meta({ id: 'AttachmentView' });
export type AttachmentView = z.infer<typeof AttachmentView>;

export const QuoteView = z
  .object({
    id: Uuid,
    /** 1 for the first quote of the request; a new quote supersedes the one awaiting an answer. */
    version: z.number().int(),
    amountTokens: z.number().int(),
    amountEur: z.number(),
    validUntil: CalendarDate,
    text: z.string(),
    attachment: AttachmentView.nullable(),
    status: z.enum(quoteStatuses),
    createdAt: z.string(),
    createdByName: z.string(),
    answeredAt: z.string().nullable(),
    answeredByName: z.string().nullable(),
  })
  .meta({ id: 'QuoteView' });
export type QuoteView = z.infer<typeof QuoteView>;

export const CommentView = z
  .object({
    id: Uuid,
    body: z.string(),
    /** Operators only: never shown to customers, in the UI, the API or e-mail. */
    isInternal: z.boolean(),
    authorName: z.string(),
    authorKind: z.enum(['customer', 'operator']),
    createdAt: z.string(),
  })
  .meta({ id: 'CommentView' });
export type CommentView = z.infer<typeof CommentView>;

export const CommentBody = z.object({
  body: z.string().trim().min(1, emptyOnceTrimmed).max(10_000),
});
export type CommentBody = z.infer<typeof CommentBody>;

/** The customer's moves on a confirmed request. */
export const customerActions = ['cancel', 'accept_quote', 'refuse_quote'] as const;

/** Quotes, comments and attachments of a request, as its customer sees them. */
export const RequestFollowUp = z
  .object({
    quotes: z.array(QuoteView),
    comments: z.array(CommentView),
    attachments: z.array(AttachmentView),
    /** What the caller may do now (a Visiteur: nothing). */
    allowedActions: z.array(z.enum(customerActions)),
    canComment: z.boolean(),
  })
  .meta({ id: 'RequestFollowUp' });
export type RequestFollowUp = z.infer<typeof RequestFollowUp>;

/** Answering names the quote the customer read: a newer one makes the answer a conflict. */
export const QuoteAnswerParams = z.object({ id: Uuid, quoteId: Uuid });
export type QuoteAnswerParams = z.infer<typeof QuoteAnswerParams>;

export const CancelBody = z.object({
  reason: z.string().trim().max(2000).optional(),
  /**
   * The status the customer saw: when the request left it meanwhile (an approver let it
   * through, an agent took it), the cancellation answers 409 `invalid_transition`.
   */
  expectedStatus: z.enum(requestStatuses).optional(),
});
export type CancelBody = z.infer<typeof CancelBody>;

export const AttachmentParams = z.object({ id: Uuid, attachmentId: Uuid });
export type AttachmentParams = z.infer<typeof AttachmentParams>;

export const AttachmentUploadQuery = z.object({
  /** Operators only. */
  internal: z.enum(['true', 'false']).default('false'),
});

export const NotificationView = z
  .object({
    id: Uuid,
    /** `request_confirmed`, `status_changed`, `quote_sent`, `quote_answered`, `comment_added`… */
    kind: z.string(),
    requestId: Uuid.nullable(),
    requestNumber: z.string().nullable(),
    toStatus: z.enum(requestStatuses).nullable(),
    actorName: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'NotificationView' });
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const NotificationList = z.object({
  items: z.array(NotificationView),
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const MarkNotificationsReadBody = z.object({
  /** Those notifications; all of the caller's when left out. */
  ids: z.array(Uuid).max(100).optional(),
});
export type MarkNotificationsReadBody = z.infer<typeof MarkNotificationsReadBody>;
