import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/field-errors.ts';

/**
 * A follow-up form's sending (a comment, a file): one at a time, the problem that stopped it
 * (the form's own check, or the server's error code in words) and that it went through.
 */
export function useSending() {
  const { t } = useTranslation();
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isDone, setIsDone] = useState(false);

  /**
   * Sends unless busy or `problem` says why not; `action` sends and resets the form, `then`
   * runs once the form says it went through (reading the list again).
   */
  const send = async (
    problem: string | null,
    action: () => Promise<void>,
    then?: () => unknown,
  ) => {
    if (isBusy) return;
    setIsDone(false);
    if (problem !== null) {
      setError(problem);
      return;
    }
    setIsBusy(true);
    setError(null);
    try {
      await action();
      setIsDone(true);
      await then?.();
    } catch (caught) {
      setError(errorText(caught, t));
    } finally {
      setIsBusy(false);
    }
  };

  return { isBusy, error, setError, isDone, send };
}
