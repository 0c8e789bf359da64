import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@guichet/domain';
import { changeLocale, locales, useLocale } from '../../lib/i18n/index.ts';
import { sessionQueryKey } from '../../lib/session.ts';
import { saveLocale } from './session-api.ts';

/** FR | EN. Remembered in this browser, and on the account when logged in. */
export function LocaleSwitch({ isLoggedIn }: { isLoggedIn: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const choose = async (next: Locale) => {
    if (next === locale) return;
    await changeLocale(next);
    if (!isLoggedIn) return;
    try {
      const view = await saveLocale(next);
      queryClient.setQueryData(sessionQueryKey, view);
    } catch {
      // The interface already speaks the new language; the account keeps the old one until next time.
    }
  };
  return (
    <div className="locale-switch" role="group" aria-label={t('header.language')}>
      {locales.map((candidate) => (
        <button
          key={candidate}
          type="button"
          className="locale-switch__button"
          aria-pressed={candidate === locale}
          lang={candidate}
          title={t(`header.languageName.${candidate}`)}
          onClick={() => void choose(candidate)}
        >
          {candidate.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
