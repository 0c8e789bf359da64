/**
 * Change-article forms are data (DESIGN §3, STYLE "forms as data"). A form is a list of
 * fields with labels in French and English, conditions that show, hide or require a field
 * depending on other answers, and cross-field rules. `toJsonSchema` turns it into the JSON
 * Schema stored with each published article version (the server validates with Ajv against
 * it); `validateForm` checks the same things in pure TypeScript, so the browser shows errors
 * as the user types and the server applies what Ajv cannot (rules, conditional requiredness).
 *
 * The format is documented in docs/forms.md; `lintForm` (form-lint.ts) refuses definitions
 * that cannot work, and `migrateValues` (form-migration.ts) carries a draft's answers to a
 * newer version of its form.
 */
import type { ErrorDetail, MessageParams } from './errors.ts';
import { calendarDay } from './calendar.ts';
import type { Locale } from './locale.ts';
import { ruleDetail } from './messages/catalog.ts';
import type { MessageRule } from './messages/keys.ts';
import { textFault } from './text.ts';

export { calendarDay };
export type { Locale };
export interface Text {
  fr: string;
  en: string;
}

/** A literal a condition compares an answer with. */
export type ScalarValue = string | number | boolean;

/**
 * When a field shows (`visibleWhen`) or must be answered (`requiredWhen`). `field` names a
 * field of the same level (a sibling inside rows, where a top-level field may be named too);
 * it must come before the field whose condition it is (the linter checks).
 * - `filled` / `empty`: answered or not (an empty multiple choice is empty);
 * - `equals` / `notEquals`: the answer is (is not) `value` (no answer is not equal);
 * - `in`: the answer is one of `values` (a multiple choice: has one of them);
 * - `includes`: a multiple choice has `value` among its answers;
 * - `gt` / `gte` / `lt` / `lte`: a number compared with `value`;
 * - `all` / `any`: every one / at least one of `conditions`.
 */
export type Condition =
  | { op: 'filled' | 'empty'; field: string }
  | { op: 'equals' | 'notEquals'; field: string; value: ScalarValue }
  | { op: 'in'; field: string; values: ScalarValue[] }
  | { op: 'includes'; field: string; value: string }
  | { op: 'gt' | 'gte' | 'lt' | 'lte'; field: string; value: number }
  | { op: 'all' | 'any'; conditions: Condition[] };

export const conditionOps = [
  'filled',
  'empty',
  'equals',
  'notEquals',
  'in',
  'includes',
  'gt',
  'gte',
  'lt',
  'lte',
  'all',
  'any',
] as const;
export type ConditionOp = (typeof conditionOps)[number];

interface FieldBase {
  key: string;
  label: Text;
  help?: Text;
  /**
   * Always part of the request. A field that may be hidden needs a `default` to be required
   * (it then holds the default while hidden); use `requiredWhen` otherwise.
   */
  required?: boolean;
  /** Required when the condition holds (and the field shows). */
  requiredWhen?: Condition;
  /** Shown only when the condition holds; a hidden field's answer is dropped, never stored. */
  visibleWhen?: Condition;
}

/**
 * A value taken from the item's attributes: a dotted path, where `{key}` is replaced by the
 * value of a sibling field (e.g. `quotas.{quotaType}`). Read-only fields always mirror the
 * item (the server sets them again); editable ones start with it.
 */
interface Prefilled {
  prefill?: string;
  readOnly?: boolean;
}

export interface TextField extends FieldBase, Prefilled {
  kind: 'text';
  multiline?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: string;
}
export interface IntegerField extends FieldBase, Prefilled {
  kind: 'integer';
  min?: number;
  max?: number;
  /** Answers are multiples of `step` (counted from 0, as JSON Schema's `multipleOf`). */
  step?: number;
  default?: number;
}
export interface DecimalField extends FieldBase, Prefilled {
  kind: 'decimal';
  min?: number;
  max?: number;
  /** Answers are multiples of `step` (counted from 0), e.g. 0.5 or 0.01. */
  step?: number;
  default?: number;
}
export interface ChoiceOption {
  value: string;
  label: Text;
}
export interface ChoiceField extends FieldBase {
  kind: 'choice';
  options: ChoiceOption[];
  default?: string;
}
export interface MultiChoiceField extends FieldBase {
  kind: 'multichoice';
  options: ChoiceOption[];
  minItems?: number;
  maxItems?: number;
  default?: string[];
}
export interface BooleanField extends FieldBase {
  kind: 'boolean';
  default?: boolean;
}
export interface DateField extends FieldBase {
  kind: 'date';
}
export interface RowsField extends FieldBase {
  kind: 'rows';
  fields: ScalarField[];
  minRows?: number;
  maxRows?: number;
  /**
   * Cells no two rows may share (e.g. `['quotaType']`: one row per quota type); a row that
   * repeats an earlier row's answer is refused on that cell (`distinctRow`).
   */
  distinct?: string[];
}
export type ScalarField =
  | TextField
  | IntegerField
  | DecimalField
  | ChoiceField
  | MultiChoiceField
  | BooleanField
  | DateField;
export type Field = ScalarField | RowsField;
export type FieldKind = Field['kind'];
export const fieldKinds = [
  'text',
  'integer',
  'decimal',
  'choice',
  'multichoice',
  'boolean',
  'date',
  'rows',
] as const satisfies readonly FieldKind[];

/**
 * A value on the right of a comparison: another field (in the same row), an item attribute
 * (a dotted path that may name sibling fields as `{key}`, like a prefill) or a number.
 */
export type Operand = { field: string } | { asset: string } | { value: number };

export interface CompareRule {
  kind: 'compare';
  /** The field checked; inside rows, `rows.field` (e.g. `lines.requested`). */
  field: string;
  op: 'gt' | 'gte' | 'lt' | 'lte';
  than: Operand;
  message: Text;
}
/** A date at least `minDays` days after today (1 by default: strictly in the future). */
export interface FutureDateRule {
  kind: 'futureDate';
  field: string;
  minDays?: number;
  message: Text;
}
export type FormRule = CompareRule | FutureDateRule;

export interface FormDefinition {
  fields: Field[];
  rules?: FormRule[];
}

export type FormValues = Record<string, unknown>;
export type AssetAttributes = Record<string, unknown>;

/** What validation needs from outside: today's date (`YYYY-MM-DD`) for date rules. */
export interface ValidationContext {
  today?: string;
}

type JsonSchema = Record<string, unknown>;

/**
 * The Ajv option the API's validator must use so that `multipleOf` (a field's `step`) judges
 * decimals as `validateForm` does: 0.3 is a multiple of 0.1 despite binary floating point.
 */
export const multipleOfPrecision = 9;

function isMultipleOf(value: number, step: number): boolean {
  const quotient = value / step;
  return Math.abs(Math.round(quotient) - quotient) <= 10 ** -multipleOfPrecision;
}

/** A field that may be hidden is only always present when hidden fields take a default. */
function isAlwaysPresent(field: Field): boolean {
  if (!field.required) return false;
  return field.visibleWhen === undefined || ('default' in field && field.default !== undefined);
}

function numberSchema(field: IntegerField | DecimalField): JsonSchema {
  return {
    type: field.kind === 'integer' ? 'integer' : 'number',
    ...(field.min !== undefined ? { minimum: field.min } : {}),
    ...(field.max !== undefined ? { maximum: field.max } : {}),
    ...(field.step !== undefined ? { multipleOf: field.step } : {}),
  };
}

function scalarSchema(field: ScalarField): JsonSchema {
  switch (field.kind) {
    case 'text':
      return {
        type: 'string',
        ...(field.minLength !== undefined ? { minLength: field.minLength } : {}),
        ...(field.maxLength !== undefined ? { maxLength: field.maxLength } : { maxLength: 4000 }),
        ...(field.pattern !== undefined ? { pattern: field.pattern } : {}),
        // One line unless multi-line (the text rule, text.ts), so that Ajv agrees with the engine.
        ...(field.multiline === true ? {} : { not: { pattern: '[\\t\\n\\r]' } }),
      };
    case 'integer':
    case 'decimal':
      return numberSchema(field);
    case 'choice':
      return { type: 'string', enum: field.options.map((option) => option.value) };
    case 'multichoice': {
      // A required multiple choice needs one answer at least: `required` alone accepts [].
      const minItems = Math.max(field.minItems ?? 0, field.required ? 1 : 0);
      return {
        type: 'array',
        items: { type: 'string', enum: field.options.map((option) => option.value) },
        uniqueItems: true,
        ...(minItems > 0 ? { minItems } : {}),
        ...(field.maxItems !== undefined ? { maxItems: field.maxItems } : {}),
      };
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      // The years of `dateRange` (1900–2999), so that Ajv refuses what the engine refuses.
      return { type: 'string', format: 'date', pattern: '^(19|2[0-9])[0-9]{2}-' };
  }
}

function objectSchema(fields: readonly Field[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of fields) {
    properties[field.key] =
      field.kind === 'rows'
        ? {
            type: 'array',
            items: objectSchema(field.fields),
            ...(field.minRows !== undefined ? { minItems: field.minRows } : {}),
            maxItems: field.maxRows ?? 100,
          }
        : scalarSchema(field);
  }
  const required = fields.filter(isAlwaysPresent).map((field) => field.key);
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

/**
 * The JSON Schema of the answers, once hidden fields are dropped (`normalizeValues`). It
 * holds what is unconditional: types, bounds, options, and the fields always required;
 * conditional requiredness and cross-field rules are `validateForm`'s alone.
 */
export function toJsonSchema(form: FormDefinition): JsonSchema {
  return objectSchema(form.fields);
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Answered: not blank, and a multiple choice with one answer at least. */
export function isFilled(value: unknown): boolean {
  return !isBlank(value) && !(Array.isArray(value) && value.length === 0);
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The days a date answer may take (issue 18: `0000-01-01` was accepted). */
export const dateRange = { from: '1900-01-01', to: '2999-12-31' } as const;

/** `Date.parse` rolls 2026-02-30 over to March 2 instead of refusing it, unlike Ajv's `date`. */
function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

export function isDateValue(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    datePattern.test(value) &&
    isCalendarDate(value) &&
    value >= dateRange.from &&
    value <= dateRange.to
  );
}

/** The calendar day `days` after `day` (both `YYYY-MM-DD`). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The failures of one value: a path, a catalog rule and its parameters, worded by `locale`. */
type Fail = (path: string, rule: MessageRule, params?: MessageParams) => ErrorDetail;

function failIn(locale: Locale): Fail {
  return (path, rule, params = {}) => ruleDetail(path, rule, params, locale);
}

function numberErrors(
  field: IntegerField | DecimalField,
  value: unknown,
  path: string,
  fail: Fail,
): ErrorDetail[] {
  const isInteger = field.kind === 'integer';
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (isInteger && !Number.isInteger(value))
  ) {
    return [fail(path, 'type', { expected: isInteger ? 'integer' : 'number' })];
  }
  if (field.min !== undefined && value < field.min) return [fail(path, 'min', { min: field.min })];
  if (field.max !== undefined && value > field.max) return [fail(path, 'max', { max: field.max })];
  if (field.step !== undefined && field.step > 0 && !isMultipleOf(value, field.step)) {
    return [fail(path, 'step', { step: field.step })];
  }
  return [];
}

/** The problems of one answer to a field, required or not (for the linter and migrations). */
export function scalarValueErrors(
  field: ScalarField,
  value: unknown,
  locale: Locale = 'fr',
): ErrorDetail[] {
  return scalarErrors(field, value, 'value', false, locale);
}

function scalarErrors(
  field: ScalarField,
  value: unknown,
  path: string,
  isRequired: boolean,
  locale: Locale,
): ErrorDetail[] {
  const fail = failIn(locale);
  const required = (): ErrorDetail[] => (isRequired ? [fail(path, 'required')] : []);
  if (!isFilled(value)) return required();
  switch (field.kind) {
    case 'text': {
      if (typeof value !== 'string') return [fail(path, 'type', { expected: 'text' })];
      const fault = textFault(value, { allowsLineBreaks: field.multiline === true });
      if (fault !== null) return [fail(path, fault)];
      // In code points, as JSON Schema (and Ajv) count them: an emoji is one character.
      const length = [...value].length;
      if (field.minLength !== undefined && length < field.minLength) {
        return [fail(path, 'minLength', { count: field.minLength })];
      }
      const max = field.maxLength ?? 4000;
      if (length > max) {
        return [fail(path, 'maxLength', { count: max })];
      }
      if (field.pattern !== undefined && !matchesPattern(field.pattern, value)) {
        return [fail(path, 'pattern')];
      }
      return [];
    }
    case 'integer':
    case 'decimal':
      return numberErrors(field, value, path, fail);
    case 'choice':
      return typeof value === 'string' && field.options.some((option) => option.value === value)
        ? []
        : [fail(path, 'enum')];
    case 'multichoice': {
      if (!Array.isArray(value)) return [fail(path, 'type', { expected: 'choices' })];
      if (
        value.some(
          (item) =>
            typeof item !== 'string' || !field.options.some((option) => option.value === item),
        )
      ) {
        return [fail(path, 'enum')];
      }
      if (new Set(value).size !== value.length) {
        return [fail(path, 'unique')];
      }
      if (field.minItems !== undefined && value.length < field.minItems) {
        return [fail(path, 'minItems', { count: field.minItems })];
      }
      if (field.maxItems !== undefined && value.length > field.maxItems) {
        return [fail(path, 'maxItems', { count: field.maxItems })];
      }
      return [];
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : [fail(path, 'type', { expected: 'boolean' })];
    case 'date':
      if (isDateValue(value)) return [];
      if (typeof value === 'string' && datePattern.test(value) && isCalendarDate(value)) {
        return [fail(path, 'range', { from: dateRange.from, to: dateRange.to })];
      }
      return [fail(path, 'format', { format: 'date' })];
  }
}

const compiledPatterns = new Map<string, RegExp | null>();

/** A pattern as JSON Schema (and Ajv, with its `u` flag) reads it; null when it is not valid. */
export function compilePattern(pattern: string): RegExp | null {
  if (!compiledPatterns.has(pattern)) {
    let compiled: RegExp | null;
    try {
      compiled = new RegExp(pattern, 'u');
    } catch {
      compiled = null;
    }
    compiledPatterns.set(pattern, compiled);
  }
  return compiledPatterns.get(pattern) ?? null;
}

function matchesPattern(pattern: string, value: string): boolean {
  return compilePattern(pattern)?.test(value) ?? false;
}

// ---------------------------------------------------------------------------------------
// Conditions and visibility

function compareNumbers(op: 'gt' | 'gte' | 'lt' | 'lte', left: number, right: number): boolean {
  switch (op) {
    case 'gt':
      return left > right;
    case 'gte':
      return left >= right;
    case 'lt':
      return left < right;
    case 'lte':
      return left <= right;
  }
}

/** Whether `condition` holds, reading answers with `valueOf` (hidden fields read as absent). */
export function evaluateCondition(
  condition: Condition,
  valueOf: (key: string) => unknown,
): boolean {
  switch (condition.op) {
    case 'all':
      return condition.conditions.every((inner) => evaluateCondition(inner, valueOf));
    case 'any':
      return condition.conditions.some((inner) => evaluateCondition(inner, valueOf));
    case 'filled':
      return isFilled(valueOf(condition.field));
    case 'empty':
      return !isFilled(valueOf(condition.field));
    case 'equals':
      return valueOf(condition.field) === condition.value;
    case 'notEquals':
      return valueOf(condition.field) !== condition.value;
    case 'in': {
      const value = valueOf(condition.field);
      return Array.isArray(value)
        ? value.some((item) => condition.values.includes(item as ScalarValue))
        : condition.values.includes(value as ScalarValue);
    }
    case 'includes': {
      const value = valueOf(condition.field);
      return Array.isArray(value) && value.includes(condition.value);
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const value = valueOf(condition.field);
      return typeof value === 'number' && compareNumbers(condition.op, value, condition.value);
    }
  }
}

/** The fields a condition reads, in the order they appear. */
export function conditionFields(condition: Condition): string[] {
  return 'conditions' in condition
    ? condition.conditions.flatMap(conditionFields)
    : [condition.field];
}

export interface FieldState<F extends Field = Field> {
  field: F;
  isVisible: boolean;
  isRequired: boolean;
}

/**
 * Which fields of one level show and must be answered, given that level's answers (`scope`)
 * and, inside rows, the form's top-level answers (`parent`, hidden ones already dropped).
 * Fields are decided in order and a condition reads earlier fields only as they are decided:
 * the answer of a hidden field counts as absent.
 */
export function fieldStatesOf<F extends Field>(
  fields: readonly F[],
  scope: FormValues,
  parent?: FormValues,
): FieldState<F>[] {
  const keys = new Set(fields.map((field) => field.key));
  const hidden = new Set<string>();
  const valueOf = (key: string): unknown =>
    keys.has(key) ? (hidden.has(key) ? undefined : scope[key]) : parent?.[key];
  return fields.map((field) => {
    const isVisible =
      field.visibleWhen === undefined || evaluateCondition(field.visibleWhen, valueOf);
    if (!isVisible) hidden.add(field.key);
    const isRequired =
      isVisible &&
      (field.required === true ||
        (field.requiredWhen !== undefined && evaluateCondition(field.requiredWhen, valueOf)));
    return { field, isVisible, isRequired };
  });
}

function pruneLevel(
  fields: readonly Field[],
  scope: FormValues,
  parent: FormValues | undefined,
): FormValues {
  let result: FormValues = scope;
  const replace = (key: string, value: unknown) => {
    if (result === scope) result = { ...scope };
    if (value === undefined) delete result[key];
    else result[key] = value;
  };
  for (const { field, isVisible } of fieldStatesOf(fields, scope, parent)) {
    if (!isVisible) {
      const fallback = field.required && 'default' in field ? field.default : undefined;
      if (scope[field.key] !== fallback) replace(field.key, fallback);
      continue;
    }
    if (field.kind !== 'rows' || !Array.isArray(scope[field.key])) continue;
    const rows = scope[field.key] as unknown[];
    const top = parent ?? result;
    const pruned = rows.map((row) =>
      typeof row === 'object' && row !== null && !Array.isArray(row)
        ? pruneLevel(field.fields, row as FormValues, top)
        : row,
    );
    if (pruned.some((row, index) => row !== rows[index])) replace(field.key, pruned);
  }
  return result;
}

/**
 * The answers without those of hidden fields (a required hidden field takes its default):
 * what is checked and stored. Unknown keys are left for validation to refuse.
 */
export function pruneHidden(form: FormDefinition, values: FormValues): FormValues {
  return pruneLevel(form.fields, values, undefined);
}

// ---------------------------------------------------------------------------------------
// Validation

function fieldsErrors(
  fields: readonly Field[],
  values: FormValues,
  parent: FormValues | undefined,
  prefix: string,
  locale: Locale,
): ErrorDetail[] {
  const fail = failIn(locale);
  const errors: ErrorDetail[] = [];
  const known = new Set(fields.map((field) => field.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) errors.push(fail(`${prefix}${key}`, 'unknown'));
  }
  for (const { field, isVisible, isRequired } of fieldStatesOf(fields, values, parent)) {
    if (!isVisible) continue;
    const path = `${prefix}${field.key}`;
    const value = values[field.key];
    if (field.kind !== 'rows') {
      errors.push(...scalarErrors(field, value, path, isRequired, locale));
      continue;
    }
    if (value === undefined && !isRequired) continue;
    if (!Array.isArray(value)) {
      errors.push(fail(path, 'type', { expected: 'list' }));
      continue;
    }
    if (field.minRows !== undefined && value.length < field.minRows) {
      errors.push(fail(path, 'minRows', { count: field.minRows }));
    }
    const maxRows = field.maxRows ?? 100;
    if (value.length > maxRows) {
      errors.push(fail(path, 'maxRows', { count: maxRows }));
      continue;
    }
    const firstRowOf = new Map<string, number>();
    value.forEach((row, index) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        errors.push(fail(`${path}.${index}`, 'type', { expected: 'row' }));
        return;
      }
      errors.push(
        ...fieldsErrors(
          field.fields,
          row as FormValues,
          parent ?? values,
          `${path}.${index}.`,
          locale,
        ),
      );
      for (const key of field.distinct ?? []) {
        const cell = (row as FormValues)[key];
        if (isBlank(cell) || typeof cell === 'object') continue;
        const seen = JSON.stringify([key, cell]);
        const first = firstRowOf.get(seen);
        if (first === undefined) firstRowOf.set(seen, index);
        else errors.push(fail(`${path}.${index}.${key}`, 'distinctRow', { row: first + 1 }));
      }
    });
  }
  return errors;
}

function resolveAttribute(attributes: AssetAttributes, dottedPath: string): unknown {
  let current: unknown = attributes;
  for (const part of dottedPath.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The attribute path a prefill points at, once `{sibling}` placeholders are filled in. */
export function prefillPath(template: string, row: FormValues): string | null {
  let missing = false;
  const path = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = row[key];
    if (typeof value !== 'string' || value === '') missing = true;
    return typeof value === 'string' ? value : '';
  });
  return missing ? null : path;
}

/** The sibling fields a prefill (or asset operand) template names as `{key}`. */
export function templateKeys(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
}

export function prefillValue(
  template: string,
  row: FormValues,
  attributes: AssetAttributes,
): unknown {
  const path = prefillPath(template, row);
  return path === null ? undefined : resolveAttribute(attributes, path);
}

function operandValue(operand: Operand, row: FormValues, attributes: AssetAttributes): unknown {
  if ('value' in operand) return operand.value;
  if ('field' in operand) return row[operand.field];
  const path = prefillPath(operand.asset, row);
  return path === null ? undefined : resolveAttribute(attributes, path);
}

/** Where a rule applies: the field itself, or that field in every row of its rows field. */
function ruleScopes(
  field: string,
  values: FormValues,
): { row: FormValues; path: string; key: string }[] {
  const [head, tail] = field.split('.', 2) as [string, string | undefined];
  if (tail === undefined) return [{ row: values, path: head, key: head }];
  const rows = values[head];
  return (Array.isArray(rows) ? (rows as unknown[]) : []).flatMap((row, index) =>
    typeof row === 'object' && row !== null && !Array.isArray(row)
      ? [{ row: row as FormValues, path: `${head}.${index}.${tail}`, key: tail }]
      : [],
  );
}

function ruleErrors(
  rule: FormRule,
  values: FormValues,
  attributes: AssetAttributes,
  context: ValidationContext,
  locale: Locale,
): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  for (const scope of ruleScopes(rule.field, values)) {
    const left = scope.row[scope.key];
    if (rule.kind === 'futureDate') {
      if (!isDateValue(left)) continue;
      if (context.today === undefined) {
        // A programming error, not a user's: the caller must say what day it is.
        throw new Error('validateForm: a futureDate rule needs context.today');
      }
      if (left < addDays(context.today, rule.minDays ?? 1)) {
        errors.push(ruleDetail(scope.path, 'rule', { ...rule.message }, locale));
      }
      continue;
    }
    const right = operandValue(rule.than, scope.row, attributes);
    const comparable =
      (typeof left === 'number' && typeof right === 'number') ||
      (isDateValue(left) && isDateValue(right));
    if (!comparable) continue;
    const order = left < right ? -1 : left > right ? 1 : 0;
    if (!compareNumbers(rule.op, order, 0)) {
      errors.push(ruleDetail(scope.path, 'rule', { ...rule.message }, locale));
    }
  }
  return errors;
}

/**
 * Every problem with `values`, each with its path under `values.`. Field checks mirror the
 * JSON Schema of `toJsonSchema`; hidden fields are not checked (their answers do not count);
 * rules compare fields with each other, with the item, or a date with `context.today`.
 */
export function validateForm(
  form: FormDefinition,
  values: FormValues,
  attributes: AssetAttributes,
  locale: Locale = 'fr',
  context: ValidationContext = {},
): ErrorDetail[] {
  const visible = pruneHidden(form, values);
  const fieldErrors = fieldsErrors(form.fields, visible, undefined, '', locale);
  const failed = new Set(fieldErrors.map((error) => error.path));
  const ruleFailures = (form.rules ?? [])
    .flatMap((rule) => ruleErrors(rule, visible, attributes, context, locale))
    .filter((error) => !failed.has(error.path));
  return [...fieldErrors, ...ruleFailures].map((error) => ({
    ...error,
    path: `values.${error.path}`,
  }));
}

// ---------------------------------------------------------------------------------------
// Values: initial, prefilled, normalised

function defaultOf(field: ScalarField): unknown {
  return 'default' in field ? field.default : undefined;
}

/** Initial values of a new form on an item: defaults, one empty row where rows are required. */
export function initialValues(form: FormDefinition): FormValues {
  const values: FormValues = {};
  for (const field of form.fields) {
    if (field.kind === 'rows') {
      if ((field.minRows ?? 0) > 0) {
        values[field.key] = [initialRow(field)];
      }
      continue;
    }
    const value = defaultOf(field);
    if (value !== undefined)
      values[field.key] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  return values;
}

/** A new row of a rows field: its cells' defaults. */
export function initialRow(field: RowsField): FormValues {
  return initialValues({ fields: field.fields });
}

export interface PrefillOptions {
  /** Also start editable prefilled fields with the item's value when they have no answer. */
  fillEditable?: boolean;
}

function expectedType(field: ScalarField): 'string' | 'number' | null {
  switch (field.kind) {
    case 'text':
      return 'string';
    case 'integer':
    case 'decimal':
      return 'number';
    default:
      return null;
  }
}

function prefillLevel(
  fields: readonly Field[],
  values: FormValues,
  attributes: AssetAttributes,
  options: PrefillOptions,
): FormValues {
  let result = values;
  const set = (key: string, value: unknown) => {
    if (result === values) result = { ...values };
    if (value === undefined) delete result[key];
    else result[key] = value;
  };
  for (const field of fields) {
    if (field.kind === 'rows') {
      const rows = values[field.key];
      if (!Array.isArray(rows)) continue;
      const next = rows.map((row: unknown) =>
        typeof row === 'object' && row !== null && !Array.isArray(row)
          ? prefillLevel(field.fields, row as FormValues, attributes, options)
          : row,
      );
      if (next.some((row, index) => row !== rows[index])) set(field.key, next);
      continue;
    }
    if (!('prefill' in field) || field.prefill === undefined) continue;
    const type = expectedType(field);
    if (field.readOnly) {
      const value = prefillValue(field.prefill, result, attributes);
      const fitting = typeof value === type ? value : undefined;
      if (fitting !== result[field.key]) set(field.key, fitting);
    } else if (options.fillEditable && result[field.key] === undefined) {
      const value = prefillValue(field.prefill, result, attributes);
      if (typeof value === type) set(field.key, value);
    }
  }
  return result;
}

/**
 * Read-only prefilled fields take the item's current values (e.g. the current quota): the
 * browser shows them, and the server sets them again so a tampered value is never stored.
 * With `fillEditable`, editable prefilled fields start with the item's value. Returns the
 * same object when nothing changes.
 */
export function applyPrefill(
  form: FormDefinition,
  values: FormValues,
  attributes: AssetAttributes,
  options: PrefillOptions = {},
): FormValues {
  return prefillLevel(form.fields, values, attributes, options);
}

/**
 * The values without blank answers ('' and null, also inside rows): a blank optional field
 * is no answer, the same for the browser, the JSON Schema and the rules.
 */
export function dropBlankValues(values: FormValues): FormValues {
  const result: FormValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (isBlank(value)) continue;
    result[key] = Array.isArray(value)
      ? value.map((row: unknown) =>
          typeof row === 'object' && row !== null && !Array.isArray(row)
            ? dropBlankValues(row as FormValues)
            : row,
        )
      : value;
  }
  return result;
}

/** An empty multiple choice is no answer: left out, as a blank text is. */
function dropEmptyChoices(fields: readonly Field[], values: FormValues): FormValues {
  const result: FormValues = { ...values };
  for (const field of fields) {
    const value = result[field.key];
    if (field.kind === 'multichoice' && Array.isArray(value) && value.length === 0) {
      delete result[field.key];
    } else if (field.kind === 'rows' && Array.isArray(value)) {
      result[field.key] = value.map((row: unknown) =>
        typeof row === 'object' && row !== null && !Array.isArray(row)
          ? dropEmptyChoices(field.fields, row as FormValues)
          : row,
      );
    }
  }
  return result;
}

/**
 * The answers as they are checked (by Ajv and `validateForm`) and stored: blanks dropped,
 * read-only prefills taken from the item, hidden fields dropped. Prefilling comes first, as
 * a condition may read a prefilled value, and again after hiding, as a prefill may read a
 * hidden sibling (it then has no value).
 */
export function normalizeValues(
  form: FormDefinition,
  values: FormValues,
  attributes: AssetAttributes,
): FormValues {
  const answered = dropEmptyChoices(form.fields, dropBlankValues(values));
  const visible = pruneHidden(form, applyPrefill(form, answered, attributes));
  return pruneHidden(form, applyPrefill(form, visible, attributes));
}

// ---------------------------------------------------------------------------------------
// Shapes (drafts)

// A draft keeps an answer as typed ("not yet" in a number field): a scalar, never a structure.
function isScalar(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function shapeOk(field: ScalarField, value: unknown): boolean {
  switch (field.kind) {
    case 'multichoice':
      return Array.isArray(value) && value.every(isScalar);
    default:
      return isScalar(value);
  }
}

/**
 * What a draft may hold (issue 18): only the keys of the article's form, each blank or of its
 * field's shape — a scalar kept as typed for a scalar field, a list of scalars for a multiple
 * choice, rows of the row fields' keys for rows — texts by the text rule (`text.ts`; line
 * breaks only in a multi-line text). Types, bounds, options and requiredness wait for the
 * confirmation (`validateForm`). Unknown keys are refused, with
 * their path, never dropped. Walks level by level without recursing into the values.
 */
export function draftValuesErrors(
  form: FormDefinition,
  values: FormValues,
  locale: Locale = 'fr',
): ErrorDetail[] {
  const fail = failIn(locale);
  const errors: ErrorDetail[] = [];
  const levels: { fields: readonly Field[]; values: FormValues; prefix: string }[] = [
    { fields: form.fields, values, prefix: 'values.' },
  ];
  for (let level = levels.pop(); level !== undefined; level = levels.pop()) {
    const byKey = new Map(level.fields.map((field) => [field.key, field]));
    for (const [key, value] of Object.entries(level.values)) {
      const path = `${level.prefix}${key}`;
      const field = byKey.get(key);
      if (field === undefined) {
        errors.push(fail(path, 'unknown'));
        continue;
      }
      if (value === null || value === undefined || value === '') continue;
      if (field.kind === 'rows') {
        if (!Array.isArray(value)) {
          errors.push(fail(path, 'type', { expected: 'list' }));
          continue;
        }
        value.forEach((row: unknown, index) => {
          if (typeof row !== 'object' || row === null || Array.isArray(row)) {
            errors.push(fail(`${path}.${index}`, 'type', { expected: 'row' }));
          } else {
            levels.push({
              fields: field.fields,
              values: row as FormValues,
              prefix: `${path}.${index}.`,
            });
          }
        });
        continue;
      }
      if (!shapeOk(field, value)) {
        errors.push(fail(path, 'type', { expected: 'answer' }));
        continue;
      }
      const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
      for (const text of texts as string[]) {
        const fault = textFault(text, {
          allowsLineBreaks: field.kind === 'text' && field.multiline === true,
        });
        if (fault !== null) {
          errors.push(fail(path, fault));
          break;
        }
      }
    }
  }
  return errors;
}
