import { z } from 'zod';
import { LocalizedText, Uuid, ruleIssue } from './common.ts';

/**
 * Questions back to the customer (issue 20 part 2, decision 0035): the agent's question, the
 * customer's answer with new values if they change some, and what each revision changed.
 */

/** A question or an answer: several lines, stored as sent; not only spaces. */
const writtenText = z
  .string()
  .max(4000)
  .superRefine((text, context) => {
    if (text.trim() === '') {
      context.addIssue(ruleIssue('required', 'Write something (not only spaces)'));
    }
  });

export const AskQuestionBody = z.object({
  /** What the agent needs to know; the customer reads it as written. */
  question: writtenText,
});
export type AskQuestionBody = z.infer<typeof AskQuestionBody>;

export const AnswerQuestionBody = z.object({
  answer: writtenText,
  /**
   * The request's values again, when the customer changes some: validated against the same
   * article version as at confirmation (a 400 `form_values_invalid` names each field's path);
   * left out, the values stay as they are.
   */
  values: z.record(z.string(), z.unknown()).optional(),
});
export type AnswerQuestionBody = z.infer<typeof AnswerQuestionBody>;

export const QuestionParams = z.object({ id: Uuid, questionId: Uuid });
export type QuestionParams = z.infer<typeof QuestionParams>;

export const ValueChangeView = z
  .object({
    /** The answer's path in `values`, e.g. `values.lines.0.requested`. */
    path: z.string(),
    label: LocalizedText,
    /** null: no answer. */
    before: LocalizedText.nullable(),
    after: LocalizedText.nullable(),
  })
  .meta({ id: 'ValueChangeView' });
export type ValueChangeView = z.infer<typeof ValueChangeView>;

export const questionOutcomes = ['answered', 'cancelled', 'expired'] as const;

export const QuestionView = z
  .object({
    id: Uuid,
    question: z.string(),
    askedAt: z.string(),
    askedByName: z.string(),
    /** Without an answer by then, the request is cancelled. */
    expiresAt: z.string(),
    remindersSent: z.number().int(),
    /** null while the question waits for its answer. */
    closedAt: z.string().nullable(),
    outcome: z.enum(questionOutcomes).nullable(),
    answer: z.string().nullable(),
    answeredByName: z.string().nullable(),
    /** What the answer's new revision changed (empty: the values stayed). */
    changes: z.array(ValueChangeView),
  })
  .meta({ id: 'QuestionView' });
export type QuestionView = z.infer<typeof QuestionView>;

export const RequestQuestions = z
  .object({
    /** Newest first. */
    items: z.array(QuestionView),
    /** The operator may ask now (the request is in review or its quote in preparation). */
    canAsk: z.boolean(),
    /** The caller may answer the open question now (a Gestionnaire of the contract). */
    canAnswer: z.boolean(),
  })
  .meta({ id: 'RequestQuestions' });
export type RequestQuestions = z.infer<typeof RequestQuestions>;
