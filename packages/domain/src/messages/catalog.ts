/**
 * One catalog of error words per locale (decision 0024). An error carries a code, and each of
 * its details a path, a rule and the rule's parameters; the words are chosen here, once, with
 * i18next's conventions so that the web app loads the same objects into i18next:
 * `{{name}}` interpolates a parameter, `key_one` / `key_other` are chosen by `count`
 * (`Intl.PluralRules`), and a rule with a context (`type`, `format`) has `rule_context` keys.
 */
import type { ErrorCode, ErrorDetail, MessageParams } from '../errors.ts';
import type { Locale } from '../locale.ts';
import type { MessageCatalog, MessageRule } from './keys.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';

/**
 * The parameter that picks a rule's variant: `type` by what was expected, `format` by which
 * format, `required` by what is to be chosen (`what: 'article'` → `required_article`), any
 * other rule by `case`.
 */
const contextParams: Partial<Record<MessageRule, string>> = {
  type: 'expected',
  format: 'format',
  required: 'what',
};
const variantParam = 'case';

export const messageCatalogs: Record<Locale, MessageCatalog> = { fr, en };

function hasEntry(entries: Record<string, string>, key: string): boolean {
  return key in entries || `${key}_other` in entries;
}

/**
 * The catalog key of a field rule (`rules.type_integer`, `rules.maxLength`), or null when the
 * catalog does not word that rule (a service's own rule, still worded where it is raised).
 */
export function ruleMessageKey(rule: string, params: MessageParams = {}): string | null {
  const rules = fr.rules as Record<string, string>;
  const contextParam = contextParams[rule as MessageRule] ?? variantParam;
  const context = contextParam === undefined ? undefined : params[contextParam];
  if (context !== undefined && hasEntry(rules, `${rule}_${String(context)}`)) {
    return `rules.${rule}_${String(context)}`;
  }
  return hasEntry(rules, rule) ? `rules.${rule}` : null;
}

/** A number as the locale writes it, without grouping (`0,5` in French, `0.5` in English). */
export function formatMessageNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: 10,
    useGrouping: false,
  }).format(value);
}

/**
 * The values to interpolate: numbers written in the locale; `count` stays a number, for
 * i18next chooses the plural with it (whole numbers read the same in both locales). Words an
 * author wrote in both languages (a form's rule: params `fr` and `en`) are `{{text}}`.
 */
export function messageValues(params: MessageParams, locale: Locale): MessageParams {
  const values: MessageParams = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      typeof value === 'number' && name !== 'count' ? formatMessageNumber(value, locale) : value,
    ]),
  );
  const own = params[locale];
  if (typeof own === 'string' && !('text' in params)) values.text = own;
  return values;
}

const pluralRules: Record<Locale, Intl.PluralRules> = {
  fr: new Intl.PluralRules('fr-FR'),
  en: new Intl.PluralRules('en-GB'),
};

/** `key` (`codes.…`, `reasons.…`, `rules.…`) in `locale`, as i18next would render it. */
export function renderMessage(locale: Locale, key: string, params: MessageParams = {}): string {
  const [section, name] = key.split('.', 2) as [keyof MessageCatalog, string];
  const entries = messageCatalogs[locale][section] as Record<string, string> | undefined;
  if (entries === undefined) throw new Error(`renderMessage: no section in ${key}`);
  const count = params.count;
  const plural =
    typeof count === 'number' ? entries[`${name}_${pluralRules[locale].select(count)}`] : undefined;
  const template = plural ?? entries[name] ?? entries[`${name}_other`];
  if (template === undefined) throw new Error(`renderMessage: no entry ${key}`);
  const values = messageValues(params, locale);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, variable: string) =>
    variable in values ? String(values[variable]) : whole,
  );
}

/** The words of an error code in `locale`. */
export function codeMessage(code: ErrorCode, locale: Locale): string {
  return renderMessage(locale, `codes.${code}`);
}

/** The words of a field rule in `locale`, or null when the catalog does not word it. */
export function ruleMessage(rule: string, params: MessageParams, locale: Locale): string | null {
  const key = ruleMessageKey(rule, params);
  return key === null ? null : renderMessage(locale, key, params);
}

/** A detail of a catalog rule, its message rendered in `locale`. */
export function ruleDetail(
  path: string,
  rule: MessageRule,
  params: MessageParams,
  locale: Locale,
): ErrorDetail {
  return { path, rule, params, message: ruleMessage(rule, params, locale) ?? rule };
}
