import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initI18n, loadAreas } from '../lib/i18n/index.ts';

// The French interface, as a first visit shows it, with every area's words (as once a route of
// theirs was asked for); a test may switch with changeLocale, which loads the other language.
await initI18n();
await loadAreas();

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
