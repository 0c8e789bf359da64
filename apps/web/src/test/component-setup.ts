import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initI18n } from '../lib/i18n/index.ts';

// The French interface, as a first visit shows it; a test may switch with changeLocale.
initI18n();

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
