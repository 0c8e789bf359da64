import 'i18next';
import type { fr } from './dictionaries.ts';

// Every `t('…')` key is checked against the French dictionary at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
  }
}
