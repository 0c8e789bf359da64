/**
 * Change-article forms are data (DESIGN §3, STYLE "forms as data"). A form is a list of
 * fields with labels in French and English, plus cross-field rules. `toJsonSchema` turns it
 * into the JSON Schema stored with each published article version (the server validates
 * with Ajv against it); `validateForm` checks the same things in pure TypeScript, so the
 * browser shows errors as the user types and the server applies the rules Ajv cannot.
 */
import type { ErrorDetail } from './errors.ts';

export type Locale = 'fr' | 'en';
export interface Text {
  fr: string;
  en: string;
}

interface FieldBase {
  key: string;
  label: Text;
  help?: Text;
  required?: boolean;
}

export interface TextField extends FieldBase {
  kind: 'text';
  multiline?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}
export interface IntegerField extends FieldBase {
  kind: 'integer';
  min?: number;
  max?: number;
  /**
   * Prefilled from the item's attributes: a dotted path, where `{key}` is replaced by the
   * value of a sibling field (e.g. `quotas.{quotaType}`).
   */
  prefill?: string;
  readOnly?: boolean;
}
export interface ChoiceField extends FieldBase {
  kind: 'choice';
  options: { value: string; label: Text }[];
  default?: string;
}
export interface BooleanField extends FieldBase {
  kind: 'boolean';
}
export interface DateField extends FieldBase {
  kind: 'date';
}
export interface RowsField extends FieldBase {
  kind: 'rows';
  fields: ScalarField[];
  minRows?: number;
  maxRows?: number;
}
export type ScalarField = TextField | IntegerField | ChoiceField | BooleanField | DateField;
export type Field = ScalarField | RowsField;

/**
 * A value on the right of a comparison: another field (in the same row) or an item attribute
 * (a dotted path that may name sibling fields as `{key}`, like a prefill).
 */
export type Operand = { field: string } | { asset: string };

export interface CompareRule {
  kind: 'compare';
  /** The field checked; inside rows, `rows.field` (e.g. `lines.requested`). */
  field: string;
  op: 'gt' | 'gte' | 'lt' | 'lte';
  than: Operand;
  message: Text;
}
export type FormRule = CompareRule;

export interface FormDefinition {
  fields: Field[];
  rules?: FormRule[];
}

export type FormValues = Record<string, unknown>;
export type AssetAttributes = Record<string, unknown>;

type JsonSchema = Record<string, unknown>;

function scalarSchema(field: ScalarField): JsonSchema {
  switch (field.kind) {
    case 'text':
      return {
        type: 'string',
        ...(field.minLength !== undefined ? { minLength: field.minLength } : {}),
        ...(field.maxLength !== undefined ? { maxLength: field.maxLength } : { maxLength: 4000 }),
        ...(field.pattern !== undefined ? { pattern: field.pattern } : {}),
      };
    case 'integer':
      return {
        type: 'integer',
        ...(field.min !== undefined ? { minimum: field.min } : {}),
        ...(field.max !== undefined ? { maximum: field.max } : {}),
      };
    case 'choice':
      return { type: 'string', enum: field.options.map((option) => option.value) };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
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
  const required = fields.filter((field) => field.required).map((field) => field.key);
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

export function toJsonSchema(form: FormDefinition): JsonSchema {
  return objectSchema(form.fields);
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** `Date.parse` rolls 2026-02-30 over to March 2 instead of refusing it, unlike Ajv's `date`. */
function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function scalarErrors(
  field: ScalarField,
  value: unknown,
  path: string,
  locale: Locale,
): ErrorDetail[] {
  const say = (fr: string, en: string): string => (locale === 'fr' ? fr : en);
  if (isBlank(value)) {
    return field.required
      ? [
          {
            path,
            rule: 'required',
            message: say('Ce champ est obligatoire', 'This field is required'),
          },
        ]
      : [];
  }
  switch (field.kind) {
    case 'text': {
      if (typeof value !== 'string')
        return [{ path, rule: 'type', message: say('Texte attendu', 'Text expected') }];
      // In code points, as JSON Schema (and Ajv) count them: an emoji is one character.
      const length = [...value].length;
      if (field.minLength !== undefined && length < field.minLength) {
        return [
          {
            path,
            rule: 'minLength',
            message: say(
              `Au moins ${field.minLength} caractères`,
              `At least ${field.minLength} characters`,
            ),
          },
        ];
      }
      const max = field.maxLength ?? 4000;
      if (length > max) {
        return [
          {
            path,
            rule: 'maxLength',
            message: say(`Au plus ${max} caractères`, `At most ${max} characters`),
          },
        ];
      }
      if (field.pattern !== undefined && !new RegExp(field.pattern, 'u').test(value)) {
        return [{ path, rule: 'pattern', message: say('Format invalide', 'Invalid format') }];
      }
      return [];
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return [
          { path, rule: 'type', message: say('Nombre entier attendu', 'Whole number expected') },
        ];
      }
      if (field.min !== undefined && value < field.min) {
        return [
          { path, rule: 'min', message: say(`Au moins ${field.min}`, `At least ${field.min}`) },
        ];
      }
      if (field.max !== undefined && value > field.max) {
        return [
          { path, rule: 'max', message: say(`Au plus ${field.max}`, `At most ${field.max}`) },
        ];
      }
      return [];
    }
    case 'choice':
      return typeof value === 'string' && field.options.some((option) => option.value === value)
        ? []
        : [{ path, rule: 'enum', message: say('Choix invalide', 'Invalid choice') }];
    case 'boolean':
      return typeof value === 'boolean'
        ? []
        : [{ path, rule: 'type', message: say('Oui ou non', 'Yes or no') }];
    case 'date':
      return typeof value === 'string' && datePattern.test(value) && isCalendarDate(value)
        ? []
        : [
            {
              path,
              rule: 'format',
              message: say('Date invalide (AAAA-MM-JJ)', 'Invalid date (YYYY-MM-DD)'),
            },
          ];
  }
}

function fieldsErrors(
  fields: readonly Field[],
  values: FormValues,
  prefix: string,
  locale: Locale,
): ErrorDetail[] {
  const say = (fr: string, en: string): string => (locale === 'fr' ? fr : en);
  const errors: ErrorDetail[] = [];
  const known = new Set(fields.map((field) => field.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key))
      errors.push({
        path: `${prefix}${key}`,
        rule: 'unknown',
        message: say('Champ inconnu', 'Unknown field'),
      });
  }
  for (const field of fields) {
    const path = `${prefix}${field.key}`;
    const value = values[field.key];
    if (field.kind !== 'rows') {
      errors.push(...scalarErrors(field, value, path, locale));
      continue;
    }
    if (value === undefined && !field.required) continue;
    if (!Array.isArray(value)) {
      errors.push({ path, rule: 'type', message: say('Liste attendue', 'List expected') });
      continue;
    }
    if (field.minRows !== undefined && value.length < field.minRows) {
      errors.push({
        path,
        rule: 'minRows',
        message: say(`Au moins ${field.minRows} ligne(s)`, `At least ${field.minRows} row(s)`),
      });
    }
    const maxRows = field.maxRows ?? 100;
    if (value.length > maxRows) {
      errors.push({
        path,
        rule: 'maxRows',
        message: say(`Au plus ${maxRows} lignes`, `At most ${maxRows} rows`),
      });
      continue;
    }
    value.forEach((row, index) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        errors.push({
          path: `${path}.${index}`,
          rule: 'type',
          message: say('Ligne invalide', 'Invalid row'),
        });
        return;
      }
      errors.push(...fieldsErrors(field.fields, row as FormValues, `${path}.${index}.`, locale));
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

export function prefillValue(
  template: string,
  row: FormValues,
  attributes: AssetAttributes,
): unknown {
  const path = prefillPath(template, row);
  return path === null ? undefined : resolveAttribute(attributes, path);
}

function operandValue(operand: Operand, row: FormValues, attributes: AssetAttributes): unknown {
  if ('field' in operand) return row[operand.field];
  const path = prefillPath(operand.asset, row);
  return path === null ? undefined : resolveAttribute(attributes, path);
}

function compare(op: CompareRule['op'], left: number, right: number): boolean {
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

function ruleErrors(
  rule: CompareRule,
  values: FormValues,
  attributes: AssetAttributes,
  locale: Locale,
): ErrorDetail[] {
  const [head, tail] = rule.field.split('.', 2) as [string, string | undefined];
  const scopes: { row: FormValues; path: string; key: string }[] =
    tail === undefined
      ? [{ row: values, path: head, key: head }]
      : (Array.isArray(values[head]) ? (values[head] as unknown[]) : []).flatMap((row, index) =>
          typeof row === 'object' && row !== null
            ? [{ row: row as FormValues, path: `${head}.${index}.${tail}`, key: tail }]
            : [],
        );
  const errors: ErrorDetail[] = [];
  for (const scope of scopes) {
    const left = scope.row[scope.key];
    const right = operandValue(rule.than, scope.row, attributes);
    if (typeof left !== 'number' || typeof right !== 'number') continue;
    if (!compare(rule.op, left, right)) {
      errors.push({ path: scope.path, rule: 'rule', message: rule.message[locale] });
    }
  }
  return errors;
}

/**
 * Every problem with `values`, each with its path under `values.`. Field checks mirror the
 * JSON Schema of `toJsonSchema`; rules compare fields with each other or with the item.
 */
export function validateForm(
  form: FormDefinition,
  values: FormValues,
  attributes: AssetAttributes,
  locale: Locale = 'fr',
): ErrorDetail[] {
  const fieldErrors = fieldsErrors(form.fields, values, '', locale);
  const failed = new Set(fieldErrors.map((error) => error.path));
  const ruleFailures = (form.rules ?? [])
    .flatMap((rule) => ruleErrors(rule, values, attributes, locale))
    .filter((error) => !failed.has(error.path));
  return [...fieldErrors, ...ruleFailures].map((error) => ({
    ...error,
    path: `values.${error.path}`,
  }));
}

/** Initial values of a new form on an item: defaults, one empty row where rows are required. */
export function initialValues(form: FormDefinition): FormValues {
  const values: FormValues = {};
  for (const field of form.fields) {
    if (field.kind === 'choice' && field.default !== undefined) values[field.key] = field.default;
    if (field.kind === 'rows' && (field.minRows ?? 0) > 0) values[field.key] = [{}];
  }
  return values;
}

function prefillFields(
  fields: readonly Field[],
  values: FormValues,
  attributes: AssetAttributes,
): FormValues {
  const result: FormValues = { ...values };
  for (const field of fields) {
    if (field.kind === 'rows') {
      const rows = result[field.key];
      if (Array.isArray(rows)) {
        result[field.key] = rows.map((row: unknown) =>
          typeof row === 'object' && row !== null && !Array.isArray(row)
            ? prefillFields(field.fields, row as FormValues, attributes)
            : row,
        );
      }
    } else if (field.kind === 'integer' && field.prefill !== undefined && field.readOnly) {
      const value = prefillValue(field.prefill, values, attributes);
      if (typeof value === 'number') result[field.key] = value;
      else delete result[field.key];
    }
  }
  return result;
}

/**
 * Read-only prefilled fields take the item's current values (e.g. the current quota): the
 * browser shows them, and the server sets them again so a tampered value is never stored.
 */
export function applyPrefill(
  form: FormDefinition,
  values: FormValues,
  attributes: AssetAttributes,
): FormValues {
  return prefillFields(form.fields, values, attributes);
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
