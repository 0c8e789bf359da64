import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Locale } from '@guichet/domain';

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

type Dictionary = Record<string, unknown>;

/**
 * Each language comes in two chunks (decision 0038): its first paint (the customer's list and
 * change form, sign-in, the layouts) and its areas (the back-office, catalogs, rights,
 * statements…), asked for by the routes that show them. Literal `import()`s, so that Vite
 * makes one chunk of each.
 */
const parts: Record<Locale, Record<'firstPaint' | 'areas', () => Promise<Dictionary>>> = {
  fr: {
    firstPaint: async () => (await import('./first-paint.fr.ts')).firstPaint,
    areas: async () => (await import('./areas.fr.ts')).areas,
  },
  en: {
    firstPaint: async () => (await import('./first-paint.en.ts')).firstPaint,
    areas: async () => (await import('./areas.en.ts')).areas,
  },
};
type Part = keyof (typeof parts)[Locale];

const loading = new Map<string, Promise<void>>();
/** Once a route of the areas was asked for, a switch of language brings them in the other one too. */
let areAreasWanted = false;
/** The language the interface shows, or is being switched to (its words may still be on the way). */
let targetLocale: Locale | null = null;

function target(): Locale {
  return targetLocale ?? storedLocale() ?? 'fr';
}

/** Adds one part of a language to i18next, once; later calls wait for the same load. */
function loadPart(locale: Locale, part: Part): Promise<void> {
  const key = `${locale}.${part}`;
  let load = loading.get(key);
  if (!load) {
    load = parts[locale][part]().then((dictionary) => {
      i18next.addResourceBundle(locale, 'translation', dictionary, true, true);
    });
    // A failed load (a network error) may be tried again by the next navigation.
    void load.catch(() => loading.delete(key));
    loading.set(key, load);
  }
  return load;
}

async function loadLocale(locale: Locale): Promise<void> {
  await loadPart(locale, 'firstPaint');
  // Checked after the first part: a route of the areas may have been asked for meanwhile.
  if (areAreasWanted) await loadPart(locale, 'areas');
}

/**
 * The words of the areas, in the interface's language and in the one it is being switched to:
 * a route of the areas renders once they are there (app/router.tsx).
 */
export async function loadAreas(): Promise<void> {
  areAreasWanted = true;
  const shown = isLocale(i18next.language) ? i18next.language : target();
  await Promise.all([...new Set([shown, target()])].map((locale) => loadPart(locale, 'areas')));
}

/**
 * Starts i18next in this browser's language and loads that language's first paint; the other
 * language is loaded when the user switches to it.
 */
export async function initI18n(): Promise<typeof i18next> {
  const lng = target();
  targetLocale = lng;
  document.documentElement.lang = lng;
  await i18next.use(initReactI18next).init({
    resources: {},
    lng,
    fallbackLng: 'fr',
    supportedLngs: ['fr', 'en'],
    initAsync: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    // i18next otherwise advertises its vendor's service in every user's console.
    showSupportNotice: false,
  });
  await loadLocale(lng);
  // i18next chose no resolved language while it had none of its words: it chooses now.
  await i18next.changeLanguage(lng);
  return i18next;
}

/** Switches the interface language (once its words are there) and remembers it in this browser. */
export async function changeLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // Private browsing may refuse storage: the switch still works for this visit.
  }
  targetLocale = locale;
  await loadLocale(locale);
  // A later switch won the race: this one's words are loaded, its language is not shown.
  if (targetLocale !== locale) return;
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : 'fr';
}
