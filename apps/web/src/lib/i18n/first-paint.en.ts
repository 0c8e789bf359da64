import { messageCatalogs } from '@guichet/domain';
import core from './core.en.json';
import areasFirstPaint from './areas-first-paint.en.json';
import dueDates from './dueDates.en.json';
import live from './live.en.json';
import questions from './questions.en.json';
import signIn from './signIn.en.json';
import sso from './sso.en.json';
import windows from './windows.en.json';

const catalog = messageCatalogs.en;

/** What the first page needs in this language (decision 0038); `areas.en.ts` holds the rest. */
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
