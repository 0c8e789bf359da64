import type { Field, FormDefinition, FormValues, ScalarField, Text } from './form.ts';
import type { RequestAction, RequestStatus } from './lifecycle.ts';

/**
 * Questions back to the customer (issue 20, decision 0035): when the reminders go out, when
 * an unanswered question cancels its request, where the answer sends the request, and what
 * a new revision of the values changed.
 */

/** Days after the question at which the customer is reminded (each reminder once). */
export const questionReminderDays = [3, 7] as const;

/** Days without an answer after which the request is cancelled, unless configured otherwise. */
export const defaultQuestionCancelAfterDays = 14;

const dayMs = 86_400_000;

/** When an unanswered question cancels its request: fixed when it is asked, and announced. */
export function questionExpiresAt(askedAt: Date, cancelAfterDays: number): Date {
  return new Date(askedAt.getTime() + cancelAfterDays * dayMs);
}

export type QuestionFollowUp =
  | { kind: 'wait' }
  /** Send reminder number `reminder` (1-based): the latest one due, never one already sent. */
  | { kind: 'remind'; reminder: number }
  | { kind: 'cancel' };

/**
 * What the scheduled job does for an open question at `now`. Reminders falling on or after
 * the cancellation are not sent (the cancellation says it all); when several are due at once
 * (the job was stopped), only the latest goes out, and counts for the earlier ones.
 */
export function questionFollowUp(
  question: { askedAt: Date; expiresAt: Date; remindersSent: number },
  now: Date,
): QuestionFollowUp {
  if (now.getTime() >= question.expiresAt.getTime()) return { kind: 'cancel' };
  const due = questionReminderDays.filter((days) => {
    const at = question.askedAt.getTime() + days * dayMs;
    return at <= now.getTime() && at < question.expiresAt.getTime();
  }).length;
  return due > question.remindersSent ? { kind: 'remind', reminder: due } : { kind: 'wait' };
}

/** The move that answers a question asked from `askedFrom`: back to the same step. */
export function answerActionFor(askedFrom: RequestStatus): RequestAction {
  return askedFrom === 'quote_pending' ? 'answer_question_on_quote' : 'answer_question';
}

/** One answer that a revision changed, worded in both languages (null: no answer). */
export interface ValueChange {
  /** The value's path in `values`, as form errors name it: `values.lines.0.requested`. */
  path: string;
  label: Text;
  before: Text | null;
  after: Text | null;
}

const yesNo = { true: { fr: 'Oui', en: 'Yes' }, false: { fr: 'Non', en: 'No' } } as const;

function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

function same(a: unknown, b: unknown): boolean {
  if (isBlank(a) && isBlank(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

function plain(value: unknown): Text {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { fr: text, en: text };
}

function optionLabel(field: { options: { value: string; label: Text }[] }, value: unknown): Text {
  return field.options.find((option) => option.value === value)?.label ?? plain(value);
}

/** An answer as a reader reads it: an option's label, Oui/Non, the text or number as given. */
function display(field: ScalarField, value: unknown): Text | null {
  if (isBlank(value)) return null;
  switch (field.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? yesNo[`${value}`] : plain(value);
    case 'choice':
      return optionLabel(field, value);
    case 'multichoice': {
      if (!Array.isArray(value)) return plain(value);
      const labels = value.map((item) => optionLabel(field, item));
      return {
        fr: labels.map((label) => label.fr).join(', '),
        en: labels.map((label) => label.en).join(', '),
      };
    }
    default:
      return typeof value === 'number' ? plain(String(value)) : plain(value);
  }
}

function rowsOf(value: unknown): FormValues[] {
  return Array.isArray(value)
    ? value.map((row) => (row !== null && typeof row === 'object' ? (row as FormValues) : {}))
    : [];
}

function fieldChanges(field: Field, before: FormValues, after: FormValues): ValueChange[] {
  const old = before[field.key];
  const now = after[field.key];
  if (field.kind !== 'rows') {
    if (same(old, now)) return [];
    return [
      {
        path: `values.${field.key}`,
        label: field.label,
        before: display(field, old),
        after: display(field, now),
      },
    ];
  }
  const oldRows = rowsOf(old);
  const newRows = rowsOf(now);
  const changes: ValueChange[] = [];
  for (let index = 0; index < Math.max(oldRows.length, newRows.length); index += 1) {
    for (const cell of field.fields) {
      const a = oldRows[index]?.[cell.key];
      const b = newRows[index]?.[cell.key];
      if (same(a, b)) continue;
      changes.push({
        path: `values.${field.key}.${index}.${cell.key}`,
        label: {
          fr: `${field.label.fr} (ligne ${index + 1}) — ${cell.label.fr}`,
          en: `${field.label.en} (row ${index + 1}) — ${cell.label.en}`,
        },
        before: display(cell, a),
        after: display(cell, b),
      });
    }
  }
  return changes;
}

/**
 * What changed from one revision of a request's values to the next, field by field in the
 * form's order (rows cell by cell), with the form's labels. Keys the form does not know are
 * never stored (the values are validated first), so they are not compared.
 */
export function revisionChanges(
  form: FormDefinition,
  before: FormValues,
  after: FormValues,
): ValueChange[] {
  return form.fields.flatMap((field) => fieldChanges(field, before, after));
}
