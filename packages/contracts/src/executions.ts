import { z } from 'zod';
import { executionStates, executionTimeLimitMinutes } from '@guichet/domain';
import { Uuid, singleLineText } from './common.ts';

// Standard changes executed automatically (issue 17, decision 0032).

/** A value as an executor reports it: text, a number, yes/no, or nothing. */
const ReportedValue = z.union([z.string().max(500), z.number().finite(), z.boolean()]).nullable();

/**
 * One value the executor changed: e.g. `{ key: 'quotas.vcpus', label: { fr: 'vCPU (ECS)',
 * en: 'vCPUs (ECS)' }, before: 20, after: 40 }` (the label in both languages: the page shows
 * the reader's, as it shows the form's own labels).
 */
export const ExecutionChangeView = z
  .object({
    key: singleLineText(200).min(1),
    label: z
      .object({ fr: singleLineText(200), en: singleLineText(200) })
      .strict()
      .optional(),
    before: ReportedValue,
    after: ReportedValue,
  })
  .strict()
  .meta({ id: 'ExecutionChangeView' });
export type ExecutionChangeView = z.infer<typeof ExecutionChangeView>;

/**
 * `POST /api/back-office/requests/:id/execution`: the executor's answer. `started` once it
 * begins; then `succeeded` with what it changed (before and after) or `failed` with a reason.
 * The same answer again is answered as the first was (idempotent).
 */
export const ExecutionAnswerBody = z
  .discriminatedUnion('state', [
    z.object({ state: z.literal('started') }).strict(),
    z
      .object({
        state: z.literal('succeeded'),
        changes: z.array(ExecutionChangeView).min(1).max(50),
      })
      .strict(),
    z
      .object({
        state: z.literal('failed'),
        /** Shown to the agents who take the request over. */
        reason: z.string().min(1).max(2000),
      })
      .strict(),
  ])
  .meta({ id: 'ExecutionAnswerBody' });
export type ExecutionAnswerBody = z.infer<typeof ExecutionAnswerBody>;

export const ExecutionView = z
  .object({
    id: Uuid,
    requestId: Uuid,
    state: z.enum(executionStates),
    requestedAt: z.string(),
    /** No final answer by then: the request goes to the agents' queue. */
    deadlineAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    changes: z.array(ExecutionChangeView).nullable(),
    /** The executor's reason of a failure, or the timeout's. */
    reason: z.string().nullable(),
  })
  .meta({ id: 'ExecutionView' });
export type ExecutionView = z.infer<typeof ExecutionView>;

/** What the customer sees of an automatic execution on the request page. */
export const RequestExecutionView = z
  .object({
    state: z.enum(executionStates),
    finishedAt: z.string().nullable(),
    changes: z.array(ExecutionChangeView).nullable(),
  })
  .meta({ id: 'RequestExecutionView' });
export type RequestExecutionView = z.infer<typeof RequestExecutionView>;

/** One delivery of `execution.requested` to the executor, and how its last attempt went. */
export const ExecutionDeliveryView = z
  .object({
    id: z.string(),
    state: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    isReplay: z.boolean(),
    createdAt: z.string(),
    /** The next try while pending (retries over 24 h, decision 0028). */
    nextAttemptAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    lastAttempt: z
      .object({
        at: z.string(),
        /** null: no answer (refused address, connection error, timeout). */
        statusCode: z.number().int().nullable(),
        error: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'ExecutionDeliveryView' });
export type ExecutionDeliveryView = z.infer<typeof ExecutionDeliveryView>;

/** `GET /api/back-office/executors`: what a catalog manager may name (the provider's subscriptions of kind `executor`). */
export const ExecutorView = z
  .object({
    id: Uuid,
    description: z.string(),
    url: z.string(),
    isEnabled: z.boolean(),
  })
  .meta({ id: 'ExecutorView' });
export type ExecutorView = z.infer<typeof ExecutorView>;

/**
 * What the agents see of an automatic execution on the back-office request page: the
 * customer's view, plus when it was sent, started and ended, the reason of a failure or of
 * the timeout, the executor (the provider's webhook subscription, null once deleted) and
 * the deliveries it was sent by.
 */
export const BackOfficeExecutionView = RequestExecutionView.extend({
  requestedAt: z.string(),
  deadlineAt: z.string(),
  startedAt: z.string().nullable(),
  reason: z.string().nullable(),
  executor: ExecutorView.nullable(),
  deliveries: z.array(ExecutionDeliveryView),
}).meta({ id: 'BackOfficeExecutionView' });
export type BackOfficeExecutionView = z.infer<typeof BackOfficeExecutionView>;

/**
 * `PUT /api/back-office/articles/:id/versions/:version/execution`: a catalog manager marks
 * the version automatic (naming an executor and a time limit) or manual again.
 */
/** An automatic execution's time limit, in minutes: the executor answers within it. */
export const ExecutionTimeLimit = z
  .number()
  .int()
  .min(executionTimeLimitMinutes.min)
  .max(executionTimeLimitMinutes.max)
  .default(executionTimeLimitMinutes.default);

export const ArticleExecutionBody = z
  .discriminatedUnion('mode', [
    z.object({ mode: z.literal('manual') }).strict(),
    z
      .object({
        mode: z.literal('automatic'),
        /** A webhook subscription of kind `executor` (`POST /api/back-office/webhooks`). */
        executorId: Uuid,
        timeLimitMinutes: ExecutionTimeLimit,
      })
      .strict(),
  ])
  .meta({ id: 'ArticleExecutionBody' });
export type ArticleExecutionBody = z.infer<typeof ArticleExecutionBody>;

export const ArticleExecutionView = z
  .object({
    articleVersionId: Uuid,
    mode: z.enum(['manual', 'automatic']),
    executorId: Uuid.nullable(),
    executorUrl: z.string().nullable(),
    timeLimitMinutes: z.number().int().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'ArticleExecutionView' });
export type ArticleExecutionView = z.infer<typeof ArticleExecutionView>;

/** The item as the inventory sync takes it: what an executor reads and writes back. */
export const ExecutionAsset = z.object({
  contract: z.string(),
  reference: z.string(),
  type: z.string(),
  label: z.string(),
  site: z.string().nullable(),
  solution: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
});

/** `data.execution` of an `execution.requested` delivery. */
export const ExecutionRequested = z.object({
  id: Uuid,
  deadlineAt: z.string(),
  /** Where to answer on Guichet's address (`POST`, with a token whose role may `execute_requests`). */
  answerPath: z.string(),
  asset: ExecutionAsset.nullable(),
});
export type ExecutionRequested = z.infer<typeof ExecutionRequested>;

export const ExecutorList = z.object({ items: z.array(ExecutorView) }).meta({ id: 'ExecutorList' });
export type ExecutorList = z.infer<typeof ExecutorList>;
