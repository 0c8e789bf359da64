import { render, screen } from '@testing-library/react';
import { t } from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { frenchOf } from '../../lib/format.ts';
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
    expect(frenchOf('Alex Martin')).toBe("d'Alex Martin");
    expect(frenchOf('Hélène Dupont')).toBe("d'Hélène Dupont");
    expect(frenchOf('Camille Martin')).toBe('de Camille Martin');
    expect(t('rights.add.grantsIntro', { name: 'Alex', ofName: frenchOf('Alex') })).toContain(
      "Choisissez le profil d'Alex sur",
    );
    expect(t('rights.users.editAccessOf', { name: 'Ines', ofName: frenchOf('Ines') })).toBe(
      "Modifier les accès d'Ines",
    );
  });

  it('says « added » without « ajouté(e) »', () => {
    const text = t('rights.users.added', { name: 'Alex', email: 'alex@acme.example' });
    expect(text).not.toContain('(e)');
    expect(text).toContain('Alex');
  });
});
