import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Locale } from '@guichet/domain';
import { en, fr } from './dictionaries.ts';

export const locales: readonly Locale[] = ['fr', 'en'];
const storageKey = 'guichet.locale';

function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

/** The locale chosen in this browser, if any (it survives logging out). */
export function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function initI18n(): typeof i18next {
  const lng = storedLocale() ?? 'fr';
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng,
    fallbackLng: 'fr',
    supportedLngs: ['fr', 'en'],
    initAsync: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    // i18next otherwise advertises its vendor's service in every user's console.
    showSupportNotice: false,
  });
  return i18next;
}

/** Switches the interface language and remembers it in this browser. */
export async function changeLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // Private browsing may refuse storage: the switch still works for this visit.
  }
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : 'fr';
}
