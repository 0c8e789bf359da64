// @vitest-environment happy-dom
import { createElement } from 'react';
import { act, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { chunk } from './route-chunk.ts';
import { changeLocale, initI18n } from '../lib/i18n/index.ts';

// In the unit project, without the components' setup: i18next starts here as on a first visit.

/** A page of an area (users and rights); what each of its renders said. */
const said: string[] = [];
function UsersTitle() {
  const { t } = useTranslation();
  const title = t('rights.users.title');
  said.push(title);
  return createElement('h1', null, title);
}

describe('the languages and the areas, loaded when needed (decision 0038)', () => {
  it('starts with the first paint of one language; an area route and a switch load the rest first', async () => {
    const i18n = await initI18n();
    expect(i18n.language).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
    expect(i18n.t('changeForm.title')).toBe("Création d'un changement");
    expect(i18n.t('catalogAdmin.formChanges.title')).not.toBe('catalogAdmin.formChanges.title');
    expect(i18next.hasResourceBundle('en', 'translation')).toBe(false);
    expect(i18n.exists('rights.users.title')).toBe(false);

    const router = createMemoryRouter([
      {
        path: '/',
        hydrateFallbackElement: createElement('p', null, '…'),
        lazy: chunk(() => Promise.resolve({ UsersTitle }))('UsersTitle'),
      },
    ]);
    render(createElement(RouterProvider, { router }));
    await screen.findByRole('heading', { name: 'Utilisateurs' });
    expect(said.length).toBeGreaterThan(0);
    expect(said.filter((text) => text !== 'Utilisateurs')).toEqual([]);
    expect(i18next.hasResourceBundle('en', 'translation')).toBe(false);

    await act(() => changeLocale('en'));
    await screen.findByRole('heading', { name: 'Users' });
    expect(said.filter((text) => text !== 'Utilisateurs' && text !== 'Users')).toEqual([]);
    expect(i18n.language).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem('guichet.locale')).toBe('en');
    expect(i18n.t('changeForm.title')).toBe('New change');
  });
});
