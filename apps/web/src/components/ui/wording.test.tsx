import { render, screen } from '@testing-library/react';
import { t } from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ofName } from '../../lib/format.ts';
import { changeLocale } from '../../lib/i18n/index.ts';
import { BillingSentence } from './billing-sentence.tsx';

afterEach(async () => {
  await changeLocale('fr');
});

const free = (left: number) =>
  ({ kind: 'free', freeChangesLeft: left }) as Parameters<typeof BillingSentence>[0]['billing'];

describe('wording: plurals, elision and numbers in each language', () => {
  it.each([
    [1, 'il vous restera 1 changement gratuit ce mois-ci'],
    [0, 'il vous restera 0 changement gratuit ce mois-ci'],
    [2, 'il vous restera 2 changements gratuits ce mois-ci'],
    [1500, /il vous restera 1\s500 changements gratuits ce mois-ci/],
  ])('« %s changement(s) gratuit(s) » in French', (left, expected) => {
    render(<BillingSentence billing={free(left)} isPreview />);
    expect(document.body.textContent).toMatch(expected);
    expect(document.body.textContent).not.toContain('(s)');
  });

  it.each([
    [1, 'you will have 1 free change left this month'],
    [2, 'you will have 2 free changes left this month'],
  ])('« %s free change(s) » in English', async (left, expected) => {
    await changeLocale('en');
    render(<BillingSentence billing={free(left)} isPreview />);
    expect(screen.getByText(new RegExp(expected))).toBeTruthy();
  });

  it('elides « de » before a vowel or a mute h in French', () => {
    expect(ofName('Alex Martin', 'fr')).toBe("d'Alex Martin");
    expect(ofName('Hélène Dupont', 'fr')).toBe("d'Hélène Dupont");
    expect(ofName('Camille Martin', 'fr')).toBe('de Camille Martin');
    expect(ofName('Alex Martin', 'en')).toBe('of Alex Martin');
    expect(t('rights.add.grantsIntro', { name: 'Alex', ofName: ofName('Alex', 'fr') })).toContain(
      "Choisissez le profil d'Alex sur",
    );
    expect(t('rights.users.editAccessOf', { name: 'Ines', ofName: ofName('Ines', 'fr') })).toBe(
      "Modifier les accès d'Ines",
    );
  });

  it('says « added » without « ajouté(e) »', () => {
    const text = t('rights.users.added', { name: 'Alex', email: 'alex@acme.example' });
    expect(text).not.toContain('(e)');
    expect(text).toContain('Alex');
  });
});
