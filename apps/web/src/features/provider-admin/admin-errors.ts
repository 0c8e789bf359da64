import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api-client.ts';
import { errorText } from '../../lib/field-errors.ts';
import type { ErrorDetail } from '../../lib/api-client.ts';
import type { SummaryItem } from '../../components/ui/error-summary.tsx';

/** The rules the customers and contracts API gives its field errors (`details[].rule`). */
const rules = [
  'contract_id',
  'id_taken',
  'name_taken',
  'email_taken',
  'not_found',
  'support_level',
  'free_changes',
  'positive',
  'max',
  'cents',
  'time_zone',
  'date',
  'ends_before_start',
] as const;
type Rule = (typeof rules)[number];

function isRule(rule: string | undefined): rule is Rule {
  return (rules as readonly (string | undefined)[]).includes(rule);
}

/**
 * The API's errors for a form: each on its field by `details[].path`, in the user's language
 * by its `rule` (never the server's own text), a general message, and whether it was a 409
 * because someone else changed the row meanwhile.
 */
export type AdminErrors = ReturnType<typeof useAdminErrors>;

export function useAdminErrors(labels: Record<string, string>) {
  const { t } = useTranslation();
  const [details, setDetails] = useState<ErrorDetail[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const [isStale, setIsStale] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const messageOf = (detail: ErrorDetail) =>
    isRule(detail.rule)
      ? t(`providerAdmin.rules.${detail.rule}`)
      : t('providerAdmin.rules.invalid');
  const at = (path: string): string | null => {
    const detail = details.find((item) => item.path === path);
    return detail ? messageOf(detail) : null;
  };
  const summary: SummaryItem[] = details.map((detail) => ({
    path: detail.path,
    message: messageOf(detail),
    ...(labels[detail.path] ? { label: labels[detail.path] } : {}),
    hasField: labels[detail.path] !== undefined,
  }));

  return {
    at,
    summary,
    general,
    isStale,
    attempt,
    clear: () => {
      setDetails([]);
      setGeneral(null);
      setIsStale(false);
    },
    take: (error: unknown) => {
      setAttempt((count) => count + 1);
      if (isApiError(error) && error.details.length > 0) {
        setDetails(error.details);
        setGeneral(null);
        return;
      }
      setDetails([]);
      if (isApiError(error, 'conflict')) {
        setIsStale(true);
        return;
      }
      setGeneral(errorText(error, t));
    },
  };
}
