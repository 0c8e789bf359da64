import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateForm } from '@guichet/domain';
import {
  detailMessage,
  errorId,
  errorText,
  fieldId,
  isUnder,
  firstDetailText,
  messagesByPath,
  withoutErrorsUnder,
} from './field-errors.ts';
import { ApiError } from './api-client.ts';
import { en, fr } from './i18n/dictionaries.ts';

/** The French dictionary loaded, as the web app does. */
async function inFrench() {
  await i18next.init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: 'fr',
    fallbackLng: 'fr',
    initAsync: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
}

describe('fieldId', () => {
  it.each([
    ['assetId', 'field-assetId'],
    ['values.project', 'field-values-project'],
    ['values.lines.0.requested', 'field-values-lines-0-requested'],
  ])('%s → %s', (path, id) => {
    expect(fieldId(path)).toBe(id);
  });

  it('derives the error id from the field id', () => {
    expect(errorId('values.lines.0.requested')).toBe('field-values-lines-0-requested-error');
  });
});

describe('isUnder', () => {
  it.each([
    ['values.lines.0.requested', 'values.lines', true],
    ['values.lines', 'values.lines', true],
    ['values.linesExtra', 'values.lines', false],
    ['values.project', 'values.lines', false],
  ])('%s under %s: %s', (path, under, expected) => {
    expect(isUnder(path, under)).toBe(expected);
  });
});

describe('error lists', () => {
  const details = [
    { path: 'values.lines.0.requested', message: 'Too low' },
    { path: 'values.lines.0.requested', message: 'Second problem' },
    { path: 'values.lines.1.quotaType', message: 'Required' },
    { path: 'assetId', message: 'Not in contract' },
  ];

  it('keeps the first message of each path', () => {
    expect([...messagesByPath(details)]).toEqual([
      ['values.lines.0.requested', 'Too low'],
      ['values.lines.1.quotaType', 'Required'],
      ['assetId', 'Not in contract'],
    ]);
  });

  it('forgets the errors of a changed field and of everything inside it', () => {
    expect(withoutErrorsUnder(details, 'values.lines').map((detail) => detail.path)).toEqual([
      'assetId',
    ]);
    expect(withoutErrorsUnder(details, 'assetId')).toHaveLength(3);
  });
});

describe('a server detail in the interface language (decision 0024)', () => {
  beforeAll(inFrench);

  // As the API sends it to an English caller: its `message` must not reach a French screen.
  const tooLong = {
    path: 'comment',
    rule: 'maxLength',
    params: { count: 2000 },
    message: 'At most 2000 characters',
  };

  it.each<['fr' | 'en', Parameters<typeof detailMessage>[0], string]>([
    ['fr', tooLong, 'Au plus 2000 caractères'],
    ['en', tooLong, 'At most 2000 characters'],
    ['fr', { ...tooLong, params: { count: 1 } }, 'Au plus 1 caractère'],
    [
      'fr',
      { path: 'x', rule: 'min', params: { min: 0.5 }, message: 'At least 0.5' },
      'Au moins 0,5',
    ],
    [
      'fr',
      { path: 'x', rule: 'type', params: { expected: 'integer' }, message: '?' },
      'Nombre entier attendu',
    ],
    [
      'fr',
      { path: 'x', rule: 'format', params: { format: 'email' }, message: '?' },
      'Adresse e-mail invalide',
    ],
    ['en', { path: 'x', rule: 'rule', params: { fr: 'Non', en: 'No' }, message: 'Non' }, 'No'],
    [
      'fr',
      { path: 'x', rule: 'required', params: {}, message: 'This field is required' },
      'Ce champ est obligatoire',
    ],
    // A service's own words (no params) and a rule the catalog does not word: as they came.
    [
      'fr',
      { path: 'login', rule: 'login_taken', message: 'Identifiant déjà pris' },
      'Identifiant déjà pris',
    ],
    [
      'fr',
      { path: 'x', rule: 'name_taken', params: {}, message: 'Nom déjà pris' },
      'Nom déjà pris',
    ],
  ])('%s: %j', async (locale, detail, expected) => {
    await i18next.changeLanguage(locale);
    expect(detailMessage(detail)).toBe(expected);
    expect(messagesByPath([detail]).get(detail.path)).toBe(expected);
  });

  it('says what the domain says, in either language, for a form checked in the browser', async () => {
    const form = {
      fields: [{ kind: 'integer' as const, key: 'n', label: { fr: 'n', en: 'n' }, max: 3 }],
    };
    for (const locale of ['fr', 'en'] as const) {
      await i18next.changeLanguage(locale);
      const details = validateForm(form, { n: 4 }, {}, locale);
      expect(details.map(detailMessage)).toEqual(details.map((detail) => detail.message));
    }
    await i18next.changeLanguage('fr');
    expect(validateForm(form, { n: 4 }, {}, 'en').map(detailMessage)).toEqual(['Au plus 3']);
  });
});

describe('a refusal in the interface words: by its code, its first detail, else « internal »', () => {
  beforeAll(inFrench);
  const t = i18next.t.bind(i18next);
  const refusal = (details: { path: string; message: string }[] = []) =>
    new ApiError(409, { error: { code: 'conflict', message: 'Changed meanwhile', details } });

  it.each([
    ['an API refusal', refusal(), fr.errors.conflict],
    ['anything else', new Error('network down'), fr.errors.internal],
  ])('errorText of %s', (_, error, expected) => {
    expect(errorText(error, t)).toBe(expected);
  });

  it.each([
    ['with a detail', refusal([{ path: 'label', message: 'Taken' }]), 'Taken'],
    ['without details', refusal(), fr.errors.conflict],
    ['not an API refusal', new Error('network down'), fr.errors.internal],
  ])('firstDetailText %s', (_, error, expected) => {
    expect(firstDetailText(error, t)).toBe(expected);
  });
});
