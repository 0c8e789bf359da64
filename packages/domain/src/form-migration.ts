/**
 * Drafts survive a new version of their article's form: the answers that still fit are kept,
 * the others are dropped, and the customer is told what changed (issue 5, point 5).
 */
import { initialRow, isFilled, scalarValueErrors } from './form.ts';
import type { Field, FormDefinition, FormValues, ScalarField, Text } from './form.ts';

/**
 * One thing the customer should know about their draft's new form, at a path of the
 * answers (`values.x`, `values.lines.0.y`; a column of rows: `values.lines.*.y`):
 * - `added`: a new question (`isRequired` when it must be answered);
 * - `removed`: a question that is gone (`previous`: the answer it had, if any);
 * - `dropped`: an answer that no longer fits its question (an option withdrawn, another kind);
 * - `toReview`: an answer kept that breaks the new constraints (bounds, length, format);
 * - `nowRequired`: a question that became required and has no answer;
 * - `relabelled`: a question asked in other words (`previousLabel`).
 */
export interface FormChange {
  kind: 'added' | 'removed' | 'dropped' | 'toReview' | 'nowRequired' | 'relabelled';
  path: string;
  label: Text;
  previous?: unknown;
  /** The previous answer as the customer read it (the labels of the options chosen). */
  previousText?: Text;
  previousLabel?: Text;
  isRequired?: boolean;
}

export interface MigratedValues {
  values: FormValues;
  changes: FormChange[];
}

function sameText(left: Text | undefined, right: Text | undefined): boolean {
  return left?.fr === right?.fr && left?.en === right?.en;
}

/** The labels of the options an answer chose, in both languages; undefined for other kinds. */
function answerText(field: Field, value: unknown): Text | undefined {
  if (field.kind !== 'choice' && field.kind !== 'multichoice') return undefined;
  const chosen = (Array.isArray(value) ? value : [value]).map((item) =>
    field.options.find((option) => option.value === item),
  );
  if (chosen.length === 0 || chosen.some((option) => option === undefined)) return undefined;
  const labels = chosen as { label: Text }[];
  return {
    fr: labels.map((option) => option.label.fr).join(', '),
    en: labels.map((option) => option.label.en).join(', '),
  };
}

/** `previous` and, for choices, how the customer read it. */
function previousOf(field: Field, value: unknown): Pick<FormChange, 'previous' | 'previousText'> {
  const text = answerText(field, value);
  return { previous: value, ...(text ? { previousText: text } : {}) };
}

function isRow(value: unknown): value is FormValues {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The answer converted to the new field's kind, or undefined when it cannot be. */
function convert(from: Field, to: ScalarField, value: unknown): unknown {
  if (from.kind === to.kind) return value;
  if (to.kind === 'multichoice' && from.kind === 'choice' && typeof value === 'string')
    return [value];
  if (to.kind === 'choice' && from.kind === 'multichoice' && Array.isArray(value))
    return value.length === 1 ? value[0] : undefined;
  if (to.kind === 'decimal' && from.kind === 'integer') return value;
  if (to.kind === 'integer' && from.kind === 'decimal')
    return Number.isInteger(value) ? value : undefined;
  if (to.kind === 'text' && (from.kind === 'integer' || from.kind === 'decimal'))
    return typeof value === 'number' ? String(value) : undefined;
  return undefined;
}

/** Type-level problems (wrong type, withdrawn option) drop an answer; others only flag it. */
const droppingRules = new Set(['type', 'enum', 'format', 'unique']);

function migrateScalar(
  from: Field,
  to: ScalarField,
  value: unknown,
  path: string,
  changes: FormChange[],
): unknown {
  const converted = convert(from, to, value);
  const problems = converted === undefined ? [] : scalarValueErrors(to, converted);
  if (
    converted === undefined ||
    problems.some((problem) => droppingRules.has(problem.rule ?? ''))
  ) {
    changes.push({ kind: 'dropped', path, label: to.label, ...previousOf(from, value) });
    return undefined;
  }
  if (problems.length > 0) changes.push({ kind: 'toReview', path, label: to.label });
  return converted;
}

function isAlwaysRequired(field: Field): boolean {
  return field.required === true;
}

function migrateLevel(
  oldFields: readonly Field[],
  newFields: readonly Field[],
  values: FormValues,
  prefix: string,
  columnPrefix: string,
  changes: FormChange[],
  isRowLevel: boolean,
): FormValues {
  const result: FormValues = {};
  const oldByKey = new Map(oldFields.map((field) => [field.key, field]));
  const newKeys = new Set(newFields.map((field) => field.key));
  for (const field of newFields) {
    const previous = oldByKey.get(field.key);
    const path = `${prefix}${field.key}`;
    const structuralPath = `${columnPrefix}${field.key}`;
    if (!previous) {
      // A new column is reported once, not per row.
      if (!isRowLevel || prefix.endsWith('.0.')) {
        changes.push({
          kind: 'added',
          path: structuralPath,
          label: field.label,
          isRequired: isAlwaysRequired(field),
        });
      }
      if (field.kind !== 'rows' && 'default' in field && field.default !== undefined) {
        result[field.key] = Array.isArray(field.default) ? [...field.default] : field.default;
      } else if (field.kind === 'rows' && (field.minRows ?? 0) > 0) {
        result[field.key] = [initialRow(field)];
      }
      continue;
    }
    if (!sameText(previous.label, field.label) && (!isRowLevel || prefix.endsWith('.0.'))) {
      changes.push({
        kind: 'relabelled',
        path: structuralPath,
        label: field.label,
        previousLabel: previous.label,
      });
    }
    const value = values[field.key];
    if (!isFilled(value)) {
      if (isAlwaysRequired(field) && !isAlwaysRequired(previous) && field.kind !== 'rows') {
        changes.push({ kind: 'nowRequired', path, label: field.label });
      }
      continue;
    }
    if (field.kind === 'rows') {
      if (previous.kind !== 'rows' || !Array.isArray(value)) {
        changes.push({ kind: 'dropped', path, label: field.label, previous: value });
        continue;
      }
      const maxRows = field.maxRows ?? 100;
      const rows = value
        .slice(0, maxRows)
        .map((row: unknown, index) =>
          isRow(row)
            ? migrateLevel(
                previous.fields,
                field.fields,
                row,
                `${path}.${index}.`,
                `${path}.*.`,
                changes,
                true,
              )
            : row,
        );
      if (value.length > maxRows) {
        changes.push({
          kind: 'dropped',
          path,
          label: field.label,
          previous: value.slice(maxRows),
        });
      }
      result[field.key] = rows;
      continue;
    }
    const kept = migrateScalar(previous, field, value, path, changes);
    if (kept !== undefined) result[field.key] = kept;
  }
  for (const field of oldFields) {
    if (newKeys.has(field.key)) continue;
    const value = values[field.key];
    const isFirstRow = !isRowLevel || prefix.endsWith('.0.');
    if (isFilled(value)) {
      changes.push({
        kind: 'removed',
        path: `${prefix}${field.key}`,
        label: field.label,
        ...previousOf(field, value),
      });
    } else if (isFirstRow) {
      changes.push({ kind: 'removed', path: `${columnPrefix}${field.key}`, label: field.label });
    }
  }
  return result;
}

/**
 * The answers of a draft filled with `from`, moved to the form `to`: every answer that still
 * fits is kept (converted where the kind changed in a safe way: a single choice to a multiple
 * one, an integer to a decimal…), new questions take their defaults, and `changes` says what
 * the customer should look at. Answers to unknown keys are dropped silently (they were never
 * part of `from` either).
 */
export function migrateValues(
  from: FormDefinition,
  to: FormDefinition,
  values: FormValues,
): MigratedValues {
  const changes: FormChange[] = [];
  const migrated = migrateLevel(
    from.fields,
    to.fields,
    values,
    'values.',
    'values.',
    changes,
    false,
  );
  return { values: migrated, changes };
}
