import i18next from 'i18next';
import { messageValues, ruleMessageKey } from '@guichet/domain';
import type { Locale } from '@guichet/domain';
import type { TFunction } from 'i18next';
import { isApiError } from './api-client.ts';
import type { ErrorDetail } from './api-client.ts';

/** The DOM id of the input for an error path: `values.lines.0.requested` → `field-values-lines-0-requested`. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/** The id of the element carrying the error message of a field. */
export function errorId(path: string): string {
  return `${fieldId(path)}-error`;
}

// Keys come from the catalog at run time (`ruleMessageKey`), not from literals the types know.
const translate = i18next.t.bind(i18next) as (key: string, values: object) => string;

/**
 * The words of a detail in the interface's language (decision 0024): a detail of a catalog
 * rule (it carries `params`) is rendered from `errors.rules.*` by its rule and params, the
 * server's text never shown raw; a detail without params is a service's own words (or the
 * page's), shown as they came.
 */
export function detailMessage(detail: ErrorDetail): string {
  if (detail.rule === undefined || detail.params === undefined) return detail.message;
  const key = ruleMessageKey(detail.rule, detail.params);
  if (key === null) return detail.message;
  const locale: Locale = i18next.language === 'en' ? 'en' : 'fr';
  return translate(`errors.${key}`, messageValues(detail.params, locale));
}

/** First message per path: what is shown beside each field. */
export function messagesByPath(details: readonly ErrorDetail[]): Map<string, string> {
  const messages = new Map<string, string>();
  for (const detail of details) {
    if (!messages.has(detail.path)) messages.set(detail.path, detailMessage(detail));
  }
  return messages;
}

/** Whether `path` is `under` or inside it (`values.lines.0` is under `values.lines`). */
export function isUnder(path: string, under: string): boolean {
  return path === under || path.startsWith(`${under}.`);
}

/** The errors left once a field (and everything inside it) has changed. */
export function withoutErrorsUnder(details: readonly ErrorDetail[], path: string): ErrorDetail[] {
  return details.filter((detail) => !isUnder(detail.path, path));
}

/** A refusal in the interface's words, by its code (`errors.<code>`); anything else is `errors.internal`. */
export function errorText(error: unknown, t: TFunction): string {
  return isApiError(error) ? t(`errors.${error.code}`) : t('errors.internal');
}

/** The words of a refusal's first detail, else those of its code (a dialog with no fields). */
export function firstDetailText(error: unknown, t: TFunction): string {
  return (
    (isApiError(error) ? error.details.map(detailMessage)[0] : undefined) ?? errorText(error, t)
  );
}
