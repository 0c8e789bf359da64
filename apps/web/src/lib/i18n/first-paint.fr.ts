import { messageCatalogs } from '@guichet/domain';
import core from './core.fr.json';
import areasFirstPaint from './areas-first-paint.fr.json';
import dueDates from './dueDates.fr.json';
import live from './live.fr.json';
import questions from './questions.fr.json';
import signIn from './signIn.fr.json';
import sso from './sso.fr.json';
import windows from './windows.fr.json';

const catalog = messageCatalogs.fr;

/** What the first page needs in this language (decision 0038); `areas.fr.ts` holds the rest. */
export const firstPaint = {
  ...core,
  errors: { ...core.errors, ...catalog.codes, reasons: catalog.reasons, rules: catalog.rules },
  live,
  signIn,
  sso,
  questions,
  windows,
  dueDates,
  ...areasFirstPaint,
};
