import type { TFunction } from 'i18next';
import { isApiError } from '../../lib/api-client.ts';

const knownRules = ['last_active_admin', 'self_deactivation'] as const;

/**
 * The words for a refused change: the rules of operator accounts by their key (never the
 * server's text), anything else by its error code.
 */
export function operatorErrorText(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.unavailable');
  const rule = knownRules.find((known) => error.details.some((detail) => detail.rule === known));
  if (rule) return t(`operatorAccounts.errors.${rule}`);
  return t('operatorAccounts.errors.generic', { message: t(`errors.${error.code}`) });
}
