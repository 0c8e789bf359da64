import { applyPrefill as applyDomainPrefill } from '@guichet/domain';
import type { AssetAttributes, Field, FormDefinition, FormValues, Locale } from '@guichet/domain';

export function isFormDefinition(value: unknown): value is FormDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { fields?: unknown }).fields)
  );
}

/**
 * The same shape with its form typed. The OpenAPI document leaves a form open (its conditions
 * are recursive data, checked where they are authored), so the client's types cannot say
 * `FormDefinition`; the API lets a form out only through this same check, made again here
 * rather than cast.
 */
export function withForm<T extends { form: unknown }>(
  owner: T,
): Omit<T, 'form'> & { form: FormDefinition } {
  const { form } = owner;
  if (!isFormDefinition(form)) throw new TypeError('The API answered a form without fields');
  return { ...owner, form };
}

function isRow(value: unknown): value is FormValues {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The rows of a rows field, whatever the stored value holds. */
export function rowsOf(value: unknown): FormValues[] {
  return Array.isArray(value) ? value.map((row) => (isRow(row) ? row : {})) : [];
}

/**
 * The values with every prefilled field (e.g. the current quota) taken from the item's
 * attributes, editable ones only while unanswered: the domain's own prefill, as the server
 * applies it. Applied on every render, so a change of item or of a sibling choice shows at
 * once; the same object comes back when nothing changes.
 */
export function applyPrefill(
  form: FormDefinition,
  values: FormValues,
  attributes: AssetAttributes,
): FormValues {
  return applyDomainPrefill(form, values, attributes, { fillEditable: true });
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * The values as the API expects them: blank answers left out (an empty optional choice is
 * "no answer", not the invalid option ""), rows kept in place so error paths stay stable.
 */
export function compactValues(values: FormValues): FormValues {
  const compact: FormValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (isBlank(value)) continue;
    compact[key] = Array.isArray(value)
      ? value.map((row: unknown) => (isRow(row) ? compactValues(row) : row))
      : value;
  }
  return compact;
}

/** Keeps only the keys the form knows: values of another article must not travel with this one. */
export function pickKnownValues(form: FormDefinition, values: FormValues): FormValues {
  const known: FormValues = {};
  for (const field of form.fields) {
    if (values[field.key] !== undefined) known[field.key] = values[field.key];
  }
  return known;
}

export function localize(
  text: { fr: string; en: string } | null | undefined,
  locale: Locale,
): string {
  if (!text) return '';
  return text[locale] || text.fr;
}

/** The label of a stored answer, as the form shows it (choice labels, yes/no, numbers). */
export function displayValue(
  field: Field,
  value: unknown,
  locale: Locale,
  yesNo: { yes: string; no: string },
): string {
  if (isBlank(value)) return '';
  switch (field.kind) {
    case 'choice': {
      const option = field.options.find((candidate) => candidate.value === value);
      return option ? localize(option.label, locale) : String(value);
    }
    case 'boolean':
      return value === true ? yesNo.yes : value === false ? yesNo.no : String(value);
    case 'integer':
    case 'decimal':
      return typeof value === 'number'
        ? new Intl.NumberFormat(locale, { maximumFractionDigits: 10 }).format(value)
        : String(value);
    case 'multichoice':
      return Array.isArray(value)
        ? value
            .map((item) => {
              const option = field.options.find((candidate) => candidate.value === item);
              return option ? localize(option.label, locale) : String(item);
            })
            .join(', ')
        : String(value);
    case 'date':
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(`${value}T00:00:00Z`),
        );
      }
      return String(value);
    case 'text':
      return String(value);
    case 'rows':
      return '';
  }
}

/**
 * The label of the field an error path points at, as the user reads it:
 * `values.lines.0.requested` → `Quotas — ligne 1 — Valeur demandée`. Null when the form has no such field.
 */
export function labelAtPath(
  form: FormDefinition,
  path: string,
  locale: Locale,
  rowLabel: (number: number) => string,
): string | null {
  const parts = path.split('.');
  if (parts[0] !== 'values' || parts.length < 2) return null;
  const field = form.fields.find((candidate) => candidate.key === parts[1]);
  if (!field) return null;
  const label = localize(field.label, locale);
  if (parts.length === 2) return label;
  if (field.kind !== 'rows') return null;
  const index = Number(parts[2]);
  if (!Number.isInteger(index) || index < 0) return null;
  const row = `${label} — ${rowLabel(index + 1)}`;
  if (parts.length === 3) return row;
  const cell = field.fields.find((candidate) => candidate.key === parts[3]);
  return cell && parts.length === 4 ? `${row} — ${localize(cell.label, locale)}` : null;
}
