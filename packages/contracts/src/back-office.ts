import { z } from 'zod';
import { billingModes, operatorRoles, requestStatuses } from '@guichet/domain';
import type { RequestAction } from '@guichet/domain';
import {
  ContractId,
  LocalizedText,
  Uuid,
  page,
  emptyOnceTrimmed,
  pageQuery,
  searchText,
} from './common.ts';
import { AttachmentView, CalendarDate, CommentBody, CommentView, QuoteView } from './follow-up.ts';
import { DueDatesView, dueStates, queueDueFilters } from './due-dates.ts';
import { RequestDetail, RequestSummary } from './requests.ts';
import { ProposedWindow, WindowInput } from './execution-windows.ts';
import { BackOfficeExecutionView } from './executions.ts';

export const OperatorView = z.object({
  id: Uuid,
  displayName: z.string(),
  email: z.string(),
  role: z.enum(operatorRoles),
});
export type OperatorView = z.infer<typeof OperatorView>;
export const OperatorList = z.object({ items: z.array(OperatorView) });
export type OperatorList = z.infer<typeof OperatorList>;

/** The statuses the queue shows: every confirmed request (drafts stay their authors'). */
export const QueueStatus = z.enum(requestStatuses).exclude(['draft']);
/** `due`: the next due date first (decision 0036), requests without one last. */
export const queueSorts = ['oldest', 'newest', 'updated', 'due'] as const;
export type QueueSort = (typeof queueSorts)[number];

export const QueueQuery = z.object({
  status: QueueStatus.optional(),
  /** `open`: every status still to be worked on; the portal groups otherwise. */
  group: z.enum(['open', 'transmise', 'en_cours', 'terminee']).optional(),
  customerId: Uuid.optional(),
  contractId: ContractId.optional(),
  catalogId: Uuid.optional(),
  articleId: Uuid.optional(),
  /** `me`: mine; `none`: unassigned; or an operator's id. */
  assignee: z.union([z.enum(['me', 'none']), Uuid]).optional(),
  /** Submitted at least this many days ago. */
  minAgeDays: z.coerce.number().int().min(0).max(3650).optional(),
  q: searchText(),
  /** « En retard » / « À risque » (decision 0036). */
  due: z.enum(queueDueFilters).optional(),
  sort: z.enum(queueSorts).default('oldest'),
  ...pageQuery(25, 100),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

export const QueueItem = RequestSummary.extend({
  customerId: Uuid,
  customerName: z.string(),
  assigneeId: Uuid.nullable(),
  assigneeName: z.string().nullable(),
  /** The next due date still to answer (take charge, then carry out), and its state. */
  dueAt: z.string().nullable().optional(),
  dueState: z.enum(dueStates).optional(),
});
export type QueueItem = z.infer<typeof QueueItem>;
export const QueuePage = page(QueueItem);
export type QueuePage = z.infer<typeof QueuePage>;

/** What the queue's filters offer. */
export const QueueFilterOptions = z.object({
  customers: z.array(z.object({ id: Uuid, name: z.string() })),
  contracts: z.array(z.object({ id: ContractId, customerId: Uuid })),
  catalogs: z.array(z.object({ id: Uuid, name: LocalizedText })),
  articles: z.array(z.object({ id: Uuid, catalogId: Uuid, name: LocalizedText })),
  operators: z.array(OperatorView),
});
export type QueueFilterOptions = z.infer<typeof QueueFilterOptions>;

/** The operator's moves (DESIGN §4); the customer's and the system's are elsewhere. */
export const operatorActions = [
  'start_review',
  'reject',
  'ask_quote',
  'send_quote',
  'schedule',
  'complete',
  'ask_customer',
] as const satisfies readonly RequestAction[];
export type OperatorAction = (typeof operatorActions)[number];

export const BackOfficeRequestDetail = RequestDetail.omit({ canEdit: true })
  .extend({
    customer: z.object({ id: Uuid, name: z.string() }),
    contract: z.object({
      id: ContractId,
      offer: z.string(),
      supportLevel: z.string(),
      freeChangesPerMonth: z.number().int(),
      tokenPriceEur: z.number(),
      timeZone: z.string(),
    }),
    articleVersion: z
      .object({
        version: z.number().int(),
        billingMode: z.enum(billingModes),
        priceTokens: z.number().int(),
      })
      .nullable(),
    authorEmail: z.string(),
    assignee: OperatorView.nullable(),
    quotes: z.array(QuoteView),
    comments: z.array(CommentView),
    attachments: z.array(AttachmentView),
    allowedActions: z.array(z.enum(operatorActions)),
    /** What « Planifier » proposes: the customer's window, else the next maintenance period. */
    proposedWindow: ProposedWindow.nullable(),
    /** Take-charge and carry-out due dates (issue 20); absent for requests without a clock. */
    dueDates: DueDatesView.optional(),
    /** An automatic article's execution (decision 0032), with what only operators see. */
    execution: BackOfficeExecutionView.nullable().optional(),
  })
  .meta({ id: 'BackOfficeRequestDetail' });
export type BackOfficeRequestDetail = z.infer<typeof BackOfficeRequestDetail>;

export const AssignBody = z.object({ assigneeId: Uuid.nullable() });
export type AssignBody = z.infer<typeof AssignBody>;

/** start review, ask for a quote, complete: an optional note for the history. */
export const MoveBody = z.object({ note: z.string().trim().max(2000).optional() });
export type MoveBody = z.infer<typeof MoveBody>;

export const RejectBody = z.object({ reason: z.string().trim().min(3).max(2000) });
export type RejectBody = z.infer<typeof RejectBody>;

/** Scheduling puts the request in progress (« En cours de réalisation »), for a planned day. */
export const ScheduleBody = MoveBody.extend({
  plannedFor: CalendarDate.optional(),
  /** The planned execution window, local to the contract's time zone (decision 0037). */
  plannedWindow: WindowInput.optional(),
});
export type ScheduleBody = z.infer<typeof ScheduleBody>;

export const SendQuoteBody = z.object({
  amountTokens: z.number().int().min(0).max(1_000_000),
  validUntil: CalendarDate,
  text: z.string().trim().min(1, emptyOnceTrimmed).max(10_000),
  /** A PDF attached to the request beforehand. */
  attachmentId: Uuid.optional(),
});
export type SendQuoteBody = z.infer<typeof SendQuoteBody>;

export const OperatorCommentBody = CommentBody.extend({ isInternal: z.boolean().default(false) });
export type OperatorCommentBody = z.infer<typeof OperatorCommentBody>;

export const mailStatuses = ['pending', 'sent', 'failed', 'kept'] as const;

export const OutboxQuery = z.object({
  status: z.enum(mailStatuses).optional(),
  q: searchText(),
  ...pageQuery(25, 100),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const OutboxMailView = z.object({
  id: Uuid,
  to: z.string(),
  subject: z.string(),
  kind: z.string(),
  status: z.enum(mailStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  requestId: Uuid.nullable(),
  requestNumber: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMailView = z.infer<typeof OutboxMailView>;
export const OutboxPage = page(OutboxMailView);
export type OutboxPage = z.infer<typeof OutboxPage>;
export const OutboxMailDetail = OutboxMailView.extend({ text: z.string() });
export type OutboxMailDetail = z.infer<typeof OutboxMailDetail>;
