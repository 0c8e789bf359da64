/**
 * The linter of form definitions: what a catalog manager may not publish because it cannot
 * work for customers. Each problem has a path into the definition (`fields.2.pattern`,
 * `rules.0.field`), a stable rule key and a message in the caller's language.
 */
import type { ErrorDetail, MessageParams } from './errors.ts';
import { ruleDetail } from './messages/catalog.ts';
import { compilePattern, conditionFields, scalarValueErrors, templateKeys } from './form.ts';
import type {
  Condition,
  Field,
  FormDefinition,
  FormRule,
  Locale,
  ScalarField,
  ScalarValue,
  Text,
} from './form.ts';

// The linter's rules live beside the catalog that words them (messages/keys.ts).
export { lintRules } from './messages/keys.ts';
import type { LintRule } from './messages/keys.ts';
export type { LintRule };

const keyPattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** A field as a condition or a rule sees it: where it is, and whether it can ever show. */
interface Known {
  field: Field;
  index: number;
  isReachable: boolean;
}

/** The fields one level's conditions may name: its own earlier fields, then the top level's. */
interface Level {
  own: Map<string, Known>;
  /** Top-level fields before the rows field (inside rows only). */
  outer: Map<string, Known> | null;
}

class Linter {
  readonly issues: ErrorDetail[] = [];
  constructor(private readonly locale: Locale) {}

  /** A problem worded by the catalog: `rules.<rule>_<case>` (or `rules.<rule>`) and its params. */
  add(path: string, rule: LintRule, variant?: string, params: MessageParams = {}): void {
    const all = variant === undefined ? params : { case: variant, ...params };
    this.issues.push(ruleDetail(path, rule, all, this.locale));
  }

  text(path: string, value: Text | undefined, isOptional: boolean): void {
    if (value === undefined) {
      if (!isOptional) this.add(path, 'missing_label');
      return;
    }
    for (const language of ['fr', 'en'] as const) {
      if (typeof value[language] !== 'string' || value[language].trim() === '') {
        this.add(`${path}.${language}`, 'missing_label', language);
      }
    }
  }
}

function isNonNegativeInteger(value: number | undefined): boolean {
  return value === undefined || (Number.isInteger(value) && value >= 0);
}

function checkBounds(
  linter: Linter,
  path: string,
  low: number | undefined,
  high: number | undefined,
  names: [string, string],
): void {
  if (low !== undefined && high !== undefined && low > high) {
    linter.add(`${path}.${names[0]}`, 'invalid_bounds', undefined, {
      low: names[0],
      high: names[1],
    });
  }
}

function checkScalar(linter: Linter, field: ScalarField, path: string, siblings: Field[]): void {
  switch (field.kind) {
    case 'text':
      if (!isNonNegativeInteger(field.minLength) || !isNonNegativeInteger(field.maxLength)) {
        linter.add(`${path}.maxLength`, 'invalid_bounds', 'lengths');
      }
      checkBounds(linter, path, field.minLength, field.maxLength, ['minLength', 'maxLength']);
      if (field.pattern !== undefined && compilePattern(field.pattern) === null) {
        linter.add(`${path}.pattern`, 'invalid_pattern');
      }
      break;
    case 'integer':
    case 'decimal':
      checkBounds(linter, path, field.min, field.max, ['min', 'max']);
      if (
        field.step !== undefined &&
        (!(field.step > 0) || (field.kind === 'integer' && !Number.isInteger(field.step)))
      ) {
        linter.add(
          `${path}.step`,
          'invalid_step',
          field.kind === 'integer' ? 'integer' : undefined,
        );
      }
      break;
    case 'choice':
    case 'multichoice': {
      if (field.options.length === 0) {
        linter.add(`${path}.options`, 'no_options');
      }
      const seen = new Set<string>();
      field.options.forEach((option, index) => {
        const optionPath = `${path}.options.${index}`;
        if (option.value === '' || seen.has(option.value)) {
          linter.add(`${optionPath}.value`, 'duplicate_option');
        }
        seen.add(option.value);
        linter.text(`${optionPath}.label`, option.label, false);
      });
      if (field.kind === 'multichoice') {
        if (!isNonNegativeInteger(field.minItems) || !isNonNegativeInteger(field.maxItems)) {
          linter.add(`${path}.maxItems`, 'invalid_bounds', 'choices');
        }
        checkBounds(linter, path, field.minItems, field.maxItems, ['minItems', 'maxItems']);
        if (field.minItems !== undefined && field.minItems > field.options.length) {
          linter.add(`${path}.minItems`, 'invalid_bounds', 'offered');
        }
      }
      break;
    }
    case 'boolean':
    case 'date':
      break;
  }
  const fallback = 'default' in field ? field.default : undefined;
  if (fallback !== undefined && scalarValueErrors(field, fallback).length > 0) {
    linter.add(`${path}.default`, 'invalid_default');
  }
  if ('readOnly' in field && field.readOnly && !field.prefill) {
    linter.add(`${path}.prefill`, 'invalid_prefill', 'read_only');
  }
  if ('prefill' in field && field.prefill !== undefined) {
    const keys = new Set(siblings.map((sibling) => sibling.key));
    if (field.prefill.trim() === '' || templateKeys(field.prefill).some((key) => !keys.has(key))) {
      linter.add(`${path}.prefill`, 'invalid_prefill');
    }
  }
}

/** Whether `value` may ever be the answer of `field` (the form's own constraints). */
function canBeAnswer(field: Field, value: ScalarValue): boolean {
  if (field.kind === 'rows' || field.kind === 'multichoice') return false;
  return scalarValueErrors(field, value).length === 0;
}

function canHold(condition: Condition, resolve: (key: string) => Known | undefined): boolean {
  if (condition.op === 'all') {
    if (!condition.conditions.every((inner) => canHold(inner, resolve))) return false;
    // Two answers asked of one field at once can never both hold.
    const wanted = new Map<string, ScalarValue>();
    for (const inner of condition.conditions) {
      if (inner.op !== 'equals') continue;
      const previous = wanted.get(inner.field);
      if (previous !== undefined && previous !== inner.value) return false;
      wanted.set(inner.field, inner.value);
    }
    return condition.conditions.every(
      (inner) =>
        !(
          (inner.op === 'notEquals' && wanted.get(inner.field) === inner.value) ||
          (inner.op === 'empty' && wanted.has(inner.field))
        ),
    );
  }
  if ('conditions' in condition)
    return condition.conditions.some((inner) => canHold(inner, resolve));
  const known = resolve(condition.field);
  if (!known) return false;
  const { field } = known;
  switch (condition.op) {
    case 'empty':
    case 'notEquals':
      return true;
    case 'filled':
      return known.isReachable;
    case 'equals':
      return known.isReachable && canBeAnswer(field, condition.value);
    case 'in':
      return (
        known.isReachable &&
        condition.values.some((value) =>
          field.kind === 'multichoice'
            ? field.options.some((option) => option.value === value)
            : canBeAnswer(field, value),
        )
      );
    case 'includes':
      return (
        known.isReachable &&
        field.kind === 'multichoice' &&
        field.options.some((option) => option.value === condition.value)
      );
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (!known.isReachable || (field.kind !== 'integer' && field.kind !== 'decimal'))
        return false;
      const { min, max } = field;
      switch (condition.op) {
        case 'gt':
          return max === undefined || max > condition.value;
        case 'gte':
          return max === undefined || max >= condition.value;
        case 'lt':
          return min === undefined || min < condition.value;
        case 'lte':
          return min === undefined || min <= condition.value;
      }
    }
  }
}

function checkConditionShape(
  linter: Linter,
  condition: Condition,
  path: string,
  resolve: (key: string) => Known | undefined,
): void {
  if ('conditions' in condition) {
    if (condition.conditions.length === 0) {
      linter.add(path, 'invalid_condition', 'empty');
    }
    condition.conditions.forEach((inner, index) =>
      checkConditionShape(linter, inner, `${path}.conditions.${index}`, resolve),
    );
    return;
  }
  const known = resolve(condition.field);
  if (!known) return;
  const kind = known.field.kind;
  const isNumeric = kind === 'integer' || kind === 'decimal';
  const mismatch =
    (condition.op === 'includes' && kind !== 'multichoice') ||
    (['gt', 'gte', 'lt', 'lte'].includes(condition.op) && !isNumeric) ||
    (condition.op === 'in' && condition.values.length === 0) ||
    (kind === 'rows' && condition.op !== 'filled' && condition.op !== 'empty');
  if (mismatch) {
    linter.add(path, 'invalid_condition', 'kind');
  }
}

function checkCondition(
  linter: Linter,
  condition: Condition,
  path: string,
  level: Level,
  index: number,
  selfKey: string,
): void {
  for (const key of conditionFields(condition)) {
    const own = level.own.get(key);
    if (own) {
      if (own.index >= index || key === selfKey) {
        linter.add(path, 'forward_reference', undefined, { key });
      }
      continue;
    }
    if (!level.outer?.has(key)) {
      linter.add(path, 'unknown_field', undefined, { key });
    }
  }
  checkConditionShape(
    linter,
    condition,
    path,
    (key) => level.own.get(key) ?? level.outer?.get(key),
  );
}

function checkLevel(
  linter: Linter,
  fields: Field[],
  prefix: string,
  outer: Map<string, Known> | null,
  isLevelReachable: boolean,
): void {
  const declared = new Map<string, number>();
  for (const [index, field] of fields.entries()) {
    if (!declared.has(field.key)) declared.set(field.key, index);
  }
  // Conditions are checked against every field of the level (to tell "later" from "unknown")
  // but can hold only through earlier ones, as the engine decides fields in order.
  const all = new Map<string, Known>(
    fields.map((field, index) => [field.key, { field, index, isReachable: false }]),
  );
  const earlier = new Map<string, Known>();
  for (const [index, field] of fields.entries()) {
    const path = `${prefix}${index}`;
    if (!keyPattern.test(field.key)) {
      linter.add(`${path}.key`, 'invalid_key');
    }
    if (declared.get(field.key) !== index) {
      linter.add(`${path}.key`, 'duplicate_key');
    }
    linter.text(`${path}.label`, field.label, false);
    linter.text(`${path}.help`, field.help, true);

    for (const name of ['visibleWhen', 'requiredWhen'] as const) {
      const condition = field[name];
      if (condition) {
        checkCondition(linter, condition, `${path}.${name}`, { own: all, outer }, index, field.key);
      }
    }
    const isReachable =
      isLevelReachable &&
      (field.visibleWhen === undefined ||
        canHold(field.visibleWhen, (key) => earlier.get(key) ?? outer?.get(key)));
    if (isLevelReachable && !isReachable) {
      linter.add(`${path}.visibleWhen`, 'unreachable_field');
    }
    const hasDefault = 'default' in field && field.default !== undefined;
    if (field.required && field.visibleWhen !== undefined && !hasDefault) {
      linter.add(`${path}.required`, 'hidden_required');
    }
    const known: Known = { field, index, isReachable };
    if (!earlier.has(field.key)) earlier.set(field.key, known);
    if (declared.get(field.key) === index) all.set(field.key, known);

    if (field.kind === 'rows') {
      if (field.fields.length === 0) {
        linter.add(`${path}.fields`, 'empty_rows');
      }
      if (!isNonNegativeInteger(field.minRows) || !isNonNegativeInteger(field.maxRows)) {
        linter.add(`${path}.maxRows`, 'invalid_bounds', 'rows');
      }
      checkBounds(linter, path, field.minRows, field.maxRows, ['minRows', 'maxRows']);
      for (const key of field.distinct ?? []) {
        if (!field.fields.some((cell) => cell.key === key)) {
          linter.add(`${path}.distinct`, 'unknown_field', 'distinct', { key });
        }
      }
      if (outer === null) {
        const before = new Map([...earlier].filter(([key]) => key !== field.key));
        checkLevel(linter, field.fields, `${path}.fields.`, before, isReachable);
      }
    } else {
      checkScalar(linter, field, path, fields);
    }
  }
}

function fieldAt(form: FormDefinition, dotted: string): { field: Field; siblings: Field[] } | null {
  const [head, tail, extra] = dotted.split('.');
  if (head === undefined || extra !== undefined) return null;
  const top = form.fields.find((field) => field.key === head);
  if (!top) return null;
  if (tail === undefined) return { field: top, siblings: form.fields };
  if (top.kind !== 'rows') return null;
  const cell = top.fields.find((field) => field.key === tail);
  return cell ? { field: cell, siblings: top.fields } : null;
}

function checkRule(linter: Linter, form: FormDefinition, rule: FormRule, path: string): void {
  linter.text(`${path}.message`, rule.message, false);
  const target = fieldAt(form, rule.field);
  if (!target) {
    linter.add(`${path}.field`, 'unknown_field', 'rule', { key: rule.field });
    return;
  }
  const kind = target.field.kind;
  if (rule.kind === 'futureDate') {
    if (kind !== 'date') {
      linter.add(`${path}.field`, 'invalid_rule', 'date_field');
    }
    if (!isNonNegativeInteger(rule.minDays)) {
      linter.add(`${path}.minDays`, 'invalid_rule', 'min_days');
    }
    return;
  }
  const isNumeric = kind === 'integer' || kind === 'decimal';
  if (!isNumeric && kind !== 'date') {
    linter.add(`${path}.field`, 'invalid_rule', 'compared');
    return;
  }
  const than = rule.than;
  if ('value' in than) {
    if (!isNumeric || typeof than.value !== 'number' || !Number.isFinite(than.value)) {
      linter.add(`${path}.than`, 'invalid_rule', 'number');
    }
    return;
  }
  if ('asset' in than) {
    const keys = new Set(target.siblings.map((sibling) => sibling.key));
    if (than.asset.trim() === '' || templateKeys(than.asset).some((key) => !keys.has(key))) {
      linter.add(`${path}.than`, 'unknown_field', 'attribute');
    }
    return;
  }
  const other = target.siblings.find((sibling) => sibling.key === than.field);
  if (!other) {
    linter.add(`${path}.than`, 'unknown_field', 'than', { key: than.field });
    return;
  }
  const otherNumeric = other.kind === 'integer' || other.kind === 'decimal';
  if (isNumeric !== otherNumeric || (!isNumeric && other.kind !== 'date')) {
    linter.add(`${path}.than`, 'invalid_rule', 'same_kind');
  }
}

/**
 * Every reason not to publish `form`: bad keys, labels, patterns, bounds, steps, defaults
 * and options; conditions and rules on missing, later or ill-typed fields; fields that can
 * never show; required fields that can be hidden with no default.
 */
export function lintForm(form: FormDefinition, locale: Locale = 'fr'): ErrorDetail[] {
  const linter = new Linter(locale);
  checkLevel(linter, form.fields, 'fields.', null, true);
  (form.rules ?? []).forEach((rule, index) => checkRule(linter, form, rule, `rules.${index}`));
  return linter.issues;
}
