import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api-client.ts';
import type { ErrorDetail } from '../../lib/api-client.ts';
import { messagesByPath } from '../../lib/field-errors.ts';

/** What the API refused in a catalog form: one message per field, and one for the form. */
export function useFormErrors() {
  const { t } = useTranslation();
  const [details, setDetails] = useState<ErrorDetail[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const messages = messagesByPath(details);
  return {
    general,
    /** The message on the field at `path`. */
    at: (path: string): string | null => messages.get(path) ?? null,
    /** The first message on a list field or any of its items (`assetTypes`, `assetTypes.1`). */
    under: (path: string): string | null =>
      [...messages].find(([candidate]) => candidate.startsWith(path))?.[1] ?? null,
    clear: () => {
      setDetails([]);
      setGeneral(null);
    },
    take: (error: unknown) => {
      if (isApiError(error) && error.details.length > 0) setDetails(error.details);
      setGeneral(
        isApiError(error) ? error.message || t(`errors.${error.code}`) : t('errors.internal'),
      );
    },
  };
}
