/**
 * The linter of form definitions: what a catalog manager may not publish because it cannot
 * work for customers. Each problem has a path into the definition (`fields.2.pattern`,
 * `rules.0.field`), a stable rule key and a message in the caller's language.
 */
import type { ErrorDetail } from './errors.ts';
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

export const lintRules = [
  'invalid_key',
  'duplicate_key',
  'missing_label',
  'invalid_pattern',
  'invalid_bounds',
  'invalid_step',
  'invalid_default',
  'no_options',
  'duplicate_option',
  'empty_rows',
  'invalid_prefill',
  'unknown_field',
  'forward_reference',
  'invalid_condition',
  'unreachable_field',
  'hidden_required',
  'invalid_rule',
] as const;
export type LintRule = (typeof lintRules)[number];

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

  add(path: string, rule: LintRule, fr: string, en: string): void {
    this.issues.push({ path, rule, message: this.locale === 'fr' ? fr : en });
  }

  text(path: string, value: Text | undefined, isOptional: boolean): void {
    if (value === undefined) {
      if (!isOptional) this.add(path, 'missing_label', 'Texte manquant', 'Missing text');
      return;
    }
    for (const language of ['fr', 'en'] as const) {
      if (typeof value[language] !== 'string' || value[language].trim() === '') {
        this.add(
          `${path}.${language}`,
          'missing_label',
          language === 'fr' ? 'Texte français manquant' : 'Texte anglais manquant',
          language === 'fr' ? 'Missing French text' : 'Missing English text',
        );
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
    linter.add(
      `${path}.${names[0]}`,
      'invalid_bounds',
      `${names[0]} dépasse ${names[1]}`,
      `${names[0]} is above ${names[1]}`,
    );
  }
}

function checkScalar(linter: Linter, field: ScalarField, path: string, siblings: Field[]): void {
  switch (field.kind) {
    case 'text':
      if (!isNonNegativeInteger(field.minLength) || !isNonNegativeInteger(field.maxLength)) {
        linter.add(
          `${path}.maxLength`,
          'invalid_bounds',
          'Les longueurs sont des entiers positifs',
          'Lengths are whole numbers, zero or more',
        );
      }
      checkBounds(linter, path, field.minLength, field.maxLength, ['minLength', 'maxLength']);
      if (field.pattern !== undefined && compilePattern(field.pattern) === null) {
        linter.add(
          `${path}.pattern`,
          'invalid_pattern',
          'Expression régulière invalide',
          'Invalid regular expression',
        );
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
          field.kind === 'integer'
            ? 'Le pas est un entier supérieur à 0'
            : 'Le pas est supérieur à 0',
          field.kind === 'integer' ? 'The step is a whole number above 0' : 'The step is above 0',
        );
      }
      break;
    case 'choice':
    case 'multichoice': {
      if (field.options.length === 0) {
        linter.add(`${path}.options`, 'no_options', 'Aucun choix proposé', 'No option offered');
      }
      const seen = new Set<string>();
      field.options.forEach((option, index) => {
        const optionPath = `${path}.options.${index}`;
        if (option.value === '' || seen.has(option.value)) {
          linter.add(
            `${optionPath}.value`,
            'duplicate_option',
            'Valeur de choix vide ou en double',
            'Empty or duplicate option value',
          );
        }
        seen.add(option.value);
        linter.text(`${optionPath}.label`, option.label, false);
      });
      if (field.kind === 'multichoice') {
        if (!isNonNegativeInteger(field.minItems) || !isNonNegativeInteger(field.maxItems)) {
          linter.add(
            `${path}.maxItems`,
            'invalid_bounds',
            'Les nombres de choix sont des entiers positifs',
            'Choice counts are whole numbers, zero or more',
          );
        }
        checkBounds(linter, path, field.minItems, field.maxItems, ['minItems', 'maxItems']);
        if (field.minItems !== undefined && field.minItems > field.options.length) {
          linter.add(
            `${path}.minItems`,
            'invalid_bounds',
            'Plus de choix exigés que proposés',
            'More choices required than offered',
          );
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
    linter.add(
      `${path}.default`,
      'invalid_default',
      'La valeur par défaut ne respecte pas le champ',
      'The default does not fit the field',
    );
  }
  if ('readOnly' in field && field.readOnly && !field.prefill) {
    linter.add(
      `${path}.prefill`,
      'invalid_prefill',
      'Un champ en lecture seule doit être prérempli depuis l’élément de parc',
      'A read-only field must be prefilled from the inventory item',
    );
  }
  if ('prefill' in field && field.prefill !== undefined) {
    const keys = new Set(siblings.map((sibling) => sibling.key));
    if (field.prefill.trim() === '' || templateKeys(field.prefill).some((key) => !keys.has(key))) {
      linter.add(
        `${path}.prefill`,
        'invalid_prefill',
        'Le préremplissage nomme un champ inconnu',
        'The prefill names an unknown field',
      );
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
      linter.add(path, 'invalid_condition', 'Condition vide', 'Empty condition');
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
    linter.add(
      path,
      'invalid_condition',
      'Cette condition ne s’applique pas à ce type de champ',
      'This condition does not apply to this kind of field',
    );
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
        linter.add(
          path,
          'forward_reference',
          `La condition porte sur « ${key} », qui n’est pas placé avant ce champ`,
          `The condition reads "${key}", which does not come before this field`,
        );
      }
      continue;
    }
    if (!level.outer?.has(key)) {
      linter.add(
        path,
        'unknown_field',
        `La condition porte sur un champ inconnu : « ${key} »`,
        `The condition reads an unknown field: "${key}"`,
      );
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
      linter.add(
        `${path}.key`,
        'invalid_key',
        'Clé invalide : une lettre puis lettres, chiffres ou _',
        'Invalid key: a letter, then letters, digits or _',
      );
    }
    if (declared.get(field.key) !== index) {
      linter.add(`${path}.key`, 'duplicate_key', 'Clé en double', 'Duplicate key');
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
      linter.add(
        `${path}.visibleWhen`,
        'unreachable_field',
        'Ce champ ne peut jamais s’afficher : sa condition ne peut pas être remplie',
        'This field can never show: its condition can never hold',
      );
    }
    const hasDefault = 'default' in field && field.default !== undefined;
    if (field.required && field.visibleWhen !== undefined && !hasDefault) {
      linter.add(
        `${path}.required`,
        'hidden_required',
        'Champ obligatoire qui peut être masqué sans valeur par défaut : utilisez « obligatoire si » ou donnez une valeur par défaut',
        'A required field that can be hidden has no default: use "required when" or give a default',
      );
    }
    const known: Known = { field, index, isReachable };
    if (!earlier.has(field.key)) earlier.set(field.key, known);
    if (declared.get(field.key) === index) all.set(field.key, known);

    if (field.kind === 'rows') {
      if (field.fields.length === 0) {
        linter.add(`${path}.fields`, 'empty_rows', 'Aucune colonne', 'No column');
      }
      if (!isNonNegativeInteger(field.minRows) || !isNonNegativeInteger(field.maxRows)) {
        linter.add(
          `${path}.maxRows`,
          'invalid_bounds',
          'Les nombres de lignes sont des entiers positifs',
          'Row counts are whole numbers, zero or more',
        );
      }
      checkBounds(linter, path, field.minRows, field.maxRows, ['minRows', 'maxRows']);
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
    linter.add(
      `${path}.field`,
      'unknown_field',
      `La règle porte sur un champ inconnu : « ${rule.field} »`,
      `The rule checks an unknown field: "${rule.field}"`,
    );
    return;
  }
  const kind = target.field.kind;
  if (rule.kind === 'futureDate') {
    if (kind !== 'date') {
      linter.add(
        `${path}.field`,
        'invalid_rule',
        'Une règle de date porte sur un champ date',
        'A date rule checks a date field',
      );
    }
    if (!isNonNegativeInteger(rule.minDays)) {
      linter.add(
        `${path}.minDays`,
        'invalid_rule',
        'Le nombre de jours est un entier positif',
        'The number of days is a whole number, zero or more',
      );
    }
    return;
  }
  const isNumeric = kind === 'integer' || kind === 'decimal';
  if (!isNumeric && kind !== 'date') {
    linter.add(
      `${path}.field`,
      'invalid_rule',
      'Une comparaison porte sur un nombre ou une date',
      'A comparison checks a number or a date',
    );
    return;
  }
  const than = rule.than;
  if ('value' in than) {
    if (!isNumeric || typeof than.value !== 'number' || !Number.isFinite(than.value)) {
      linter.add(
        `${path}.than`,
        'invalid_rule',
        'Comparez un nombre à un nombre',
        'Compare a number with a number',
      );
    }
    return;
  }
  if ('asset' in than) {
    const keys = new Set(target.siblings.map((sibling) => sibling.key));
    if (than.asset.trim() === '' || templateKeys(than.asset).some((key) => !keys.has(key))) {
      linter.add(
        `${path}.than`,
        'unknown_field',
        'L’attribut de l’élément de parc nomme un champ inconnu',
        'The item attribute names an unknown field',
      );
    }
    return;
  }
  const other = target.siblings.find((sibling) => sibling.key === than.field);
  if (!other) {
    linter.add(
      `${path}.than`,
      'unknown_field',
      `La règle compare avec un champ inconnu : « ${than.field} »`,
      `The rule compares with an unknown field: "${than.field}"`,
    );
    return;
  }
  const otherNumeric = other.kind === 'integer' || other.kind === 'decimal';
  if (isNumeric !== otherNumeric || (!isNumeric && other.kind !== 'date')) {
    linter.add(
      `${path}.than`,
      'invalid_rule',
      'Les deux champs comparés sont des nombres, ou des dates',
      'Both fields compared are numbers, or dates',
    );
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
