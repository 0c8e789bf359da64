import { z } from 'zod';
import { CustomerDueDateView } from './due-dates.ts';
import { portalGroups, requestActions, requestStatuses } from '@guichet/domain';
import {
  ContractId,
  LocalizedText,
  Uuid,
  page,
  singleLineText,
  pageQuery,
  searchText,
} from './common.ts';
import { FormChanges } from './forms.ts';
import { RequestExecutionView } from './executions.ts';
import { ValueChangeView } from './questions.ts';
import { WindowInput, WindowView, WindowWarnings } from './execution-windows.ts';

export const BillingDecisionView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('included') }),
  z.object({ kind: z.literal('free'), freeChangesLeft: z.number().int() }),
  z.object({ kind: z.literal('billable'), priceTokens: z.number().int(), priceEur: z.number() }),
  z.object({ kind: z.literal('quote') }),
]);
export type BillingDecisionView = z.infer<typeof BillingDecisionView>;

const FormValuesBody = z.record(z.string(), z.unknown());

/** What the change form holds; everything optional in a draft, checked on confirm. */
export const RequestFields = z.object({
  contractId: ContractId,
  assetId: Uuid.nullable().optional(),
  catalogId: Uuid.nullable().optional(),
  articleId: Uuid.nullable().optional(),
  values: FormValuesBody.default({}),
  /** Stored as sent (issue 18: it was trimmed without a word); one line. */
  customerReference: singleLineText(100).nullable().optional(),
  comment: z.string().max(4000).nullable().optional(),
  outsideBusinessHours: z.boolean().default(false),
  /** The execution window asked (decision 0037), local to the contract's time zone. */
  executionWindow: WindowInput.nullable().optional(),
});
export type RequestFields = z.infer<typeof RequestFields>;

export const CreateRequestBody = RequestFields.extend({
  /** `draft` saves without validation; `confirm` validates and submits, or writes nothing. */
  action: z.enum(['draft', 'confirm']),
  acknowledgeBilling: z.boolean().default(false),
});
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const UpdateDraftBody = RequestFields.extend({ version: z.number().int().min(1) });
export type UpdateDraftBody = z.infer<typeof UpdateDraftBody>;

export const ConfirmDraftBody = UpdateDraftBody.extend({
  acknowledgeBilling: z.boolean().default(false),
});
export type ConfirmDraftBody = z.infer<typeof ConfirmDraftBody>;

export const PreviewBody = z.object({
  contractId: ContractId,
  assetId: Uuid.nullable().optional(),
  articleId: Uuid.nullable().optional(),
  outsideBusinessHours: z.boolean().default(false),
  /** The request being edited, left out of the « déjà en cours » warning. */
  requestId: Uuid.optional(),
  /** The window asked: the answer warns when it falls in a freeze or overlaps another change. */
  executionWindow: WindowInput.nullable().optional(),
});
export type PreviewBody = z.infer<typeof PreviewBody>;

export const PreviewView = z.object({
  billing: BillingDecisionView.nullable(),
  freeChangesLeft: z.number().int(),
  freeChangesPerMonth: z.number().int(),
  openRequests: z.array(
    z.object({ id: Uuid, number: z.string(), status: z.enum(requestStatuses) }),
  ),
  /** Warnings on the execution window asked (decision 0037); empty lists without one. */
  windowWarnings: WindowWarnings,
});
export type PreviewView = z.infer<typeof PreviewView>;

export type RequestEventView = z.infer<typeof RequestEventView>;
export const RequestEventView = z.object({
  at: z.string(),
  kind: z.string(),
  actorName: z.string().nullable(),
  fromStatus: z.enum(requestStatuses).nullable(),
  toStatus: z.enum(requestStatuses).nullable(),
  /** The lifecycle move that made the event (`start_review`, `reject`…), if any. */
  action: z.enum(requestActions).nullable().optional(),
  /** What the actor wrote with the move: a rejection's reason, a planned day… */
  note: z.string().nullable().optional(),
  /** An answer to a question that sent new values: what changed, field by field (decision 0035). */
  changes: z.array(ValueChangeView).optional(),
  /** An approval's answer given by a substitute: the approver they stood in for (0034). */
  onBehalfOfName: z.string().nullable().optional(),
});

export const RequestSummary = z.object({
  id: Uuid,
  number: z.string().nullable(),
  requestType: z.enum(['change', 'incident', 'order']),
  status: z.enum(requestStatuses),
  group: z.enum(portalGroups),
  contractId: ContractId,
  assetReference: z.string().nullable(),
  assetLabel: z.string().nullable(),
  catalogName: LocalizedText.nullable(),
  articleName: LocalizedText.nullable(),
  customerReference: z.string().nullable(),
  authorName: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

export const RequestDetail = RequestSummary.extend({
  assetId: Uuid.nullable(),
  /** When the item was retired from the inventory (the request still shows it); null otherwise. */
  assetRetiredAt: z.string().nullable(),
  catalogId: Uuid.nullable(),
  categoryName: LocalizedText.nullable(),
  articleId: Uuid.nullable(),
  articleVersionId: Uuid.nullable(),
  /** The article version the request was filled with (its form renders the values). */
  form: z.unknown().nullable(),
  values: z.record(z.string(), z.unknown()),
  comment: z.string().nullable(),
  outsideBusinessHours: z.boolean(),
  /** The execution window the customer asked, and the one the agent planned (decision 0037). */
  executionWindow: WindowView.nullable(),
  plannedWindow: WindowView.nullable(),
  billing: BillingDecisionView.nullable(),
  version: z.number().int(),
  canEdit: z.boolean(),
  events: z.array(RequestEventView),
  /**
   * A draft started on an older version of its article is shown with the current one: its
   * values are those that still fit, and this says what changed (absent otherwise).
   */
  formChanges: FormChanges.optional(),
  /** An automatic article's execution (decision 0032): its state and the values before and after. */
  execution: RequestExecutionView.nullable().optional(),
  /** « Réalisation prévue avant le … » (issue 20); absent before the request reaches the provider. */
  dueDate: CustomerDueDateView.optional(),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

/** `POST /api/requests/dry-run`: a confirmation's body, checked and never written. */
export const DryRunBody = RequestFields.extend({
  acknowledgeBilling: z.boolean().default(false),
  /** The draft this would confirm, left out of the « déjà en cours » warning. */
  requestId: Uuid.optional(),
});
export type DryRunBody = z.infer<typeof DryRunBody>;

export const DryRunView = z.object({
  /** Whether confirming these values now would be accepted. */
  isValid: z.boolean(),
  /** What a confirmation would refuse, field by field (the paths of a 400's `details`). */
  errors: z.array(z.object({ path: z.string(), message: z.string(), rule: z.string().optional() })),
  /** The answers as they would be stored: hidden, blank and read-only values settled. */
  values: z.record(z.string(), z.unknown()),
  /** The article version the values were checked against. */
  articleVersionId: Uuid.nullable(),
  /** The cost decision if confirmed now (no free change is taken by a dry run). */
  billing: BillingDecisionView.nullable(),
  freeChangesLeft: z.number().int(),
  /** « ATTENTION : Changement(s) déjà en cours sur le même élément de parc » (a warning). */
  openRequests: z.array(
    z.object({ id: Uuid, number: z.string(), status: z.enum(requestStatuses) }),
  ),
  /** Warnings on the execution window asked: a freeze hit, another change overlapping. */
  windowWarnings: WindowWarnings,
});
export type DryRunView = z.infer<typeof DryRunView>;

export const RequestListQuery = z.object({
  group: z.enum(portalGroups).optional(),
  q: searchText(),
  contractId: ContractId.optional(),
  assetId: Uuid.optional(),
  ...pageQuery(20, 100, 200),
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;
export const RequestPage = page(RequestSummary);
export type RequestPage = z.infer<typeof RequestPage>;
