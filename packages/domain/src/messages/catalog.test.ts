import { describe, expect, it } from 'vitest';
import { errorCodes } from '../errors.ts';
import { lintRules } from '../form-lint.ts';
import type { MessageParams } from '../errors.ts';
import type { Locale } from '../locale.ts';
import {
  codeMessage,
  messageCatalogs,
  messageValues,
  renderMessage,
  ruleMessage,
  ruleMessageKey,
} from './catalog.ts';
import { messageReasons, messageRules } from './keys.ts';
import type { MessageCatalog } from './keys.ts';

const locales: Locale[] = ['fr', 'en'];
const sections: (keyof MessageCatalog)[] = ['codes', 'reasons', 'rules'];

function variables(template: string): string[] {
  return [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] as string).sort();
}

function keysOf(locale: Locale): string[] {
  return sections.flatMap((section) =>
    Object.keys(messageCatalogs[locale][section]).map((name) => `${section}.${name}`),
  );
}

describe('the message catalogs', () => {
  it.each(locales)('%s words every error code', (locale) => {
    for (const code of errorCodes) {
      expect(messageCatalogs[locale].codes[code], code).toMatch(/\S/);
    }
  });

  it.each(locales)('%s words every reason and every rule', (locale) => {
    const { reasons, rules } = messageCatalogs[locale];
    for (const reason of messageReasons) expect(reasons[reason], reason).toMatch(/\S/);
    for (const rule of messageRules) {
      expect(rules[rule] ?? rules[`${rule}_other`], rule).toMatch(/\S/);
    }
  });

  it('has the same keys in both locales', () => {
    expect(keysOf('en').sort()).toEqual(keysOf('fr').sort());
  });

  it('interpolates the same variables in both locales', () => {
    for (const key of keysOf('fr')) {
      const [section, name] = key.split('.') as [keyof MessageCatalog, string];
      const fr = (messageCatalogs.fr[section] as Record<string, string>)[name] ?? '';
      const en = (messageCatalogs.en[section] as Record<string, string>)[name] ?? '';
      expect(variables(en), key).toEqual(variables(fr));
    }
  });

  it.each(locales)('%s pairs every `_one` with an `_other`', (locale) => {
    const rules = messageCatalogs[locale].rules;
    for (const name of Object.keys(rules).filter((key) => key.endsWith('_one'))) {
      expect(rules[name.replace(/_one$/, '_other')], name).toBeDefined();
    }
  });

  it('words only known rules: every rule key is a rule, a plural or a variant of one', () => {
    for (const name of Object.keys(messageCatalogs.fr.rules)) {
      const base = name.replace(/_(one|other)$/, '');
      expect(
        messageRules.some((rule) => base === rule || base.startsWith(`${rule}_`)),
        name,
      ).toBe(true);
    }
  });

  it('words every rule of the form linter', () => {
    for (const rule of lintRules) expect(messageRules, rule).toContain(rule);
  });
});

describe('renderMessage', () => {
  it.each<[Locale, string, MessageParams, string]>([
    ['fr', 'rules.required', {}, 'Ce champ est obligatoire'],
    ['en', 'rules.required', {}, 'This field is required'],
    ['fr', 'rules.max', { max: 10 }, 'Au plus 10'],
    ['en', 'rules.max', { max: 10 }, 'At most 10'],
    ['fr', 'rules.min', { min: 0.5 }, 'Au moins 0,5'],
    ['en', 'rules.min', { min: 0.5 }, 'At least 0.5'],
    ['fr', 'rules.min', { min: 10000 }, 'Au moins 10000'],
    ['fr', 'rules.maxLength', { count: 1 }, 'Au plus 1 caractère'],
    ['fr', 'rules.maxLength', { count: 0 }, 'Au plus 0 caractère'],
    ['fr', 'rules.maxLength', { count: 4000 }, 'Au plus 4000 caractères'],
    ['en', 'rules.maxLength', { count: 1 }, 'At most 1 character'],
    ['en', 'rules.maxLength', { count: 0 }, 'At most 0 characters'],
    ['en', 'rules.maxRows', { count: 2 }, 'At most 2 rows'],
    [
      'fr',
      'rules.range',
      { from: '1900-01-01', to: '2999-12-31' },
      'Date entre le 1900-01-01 et le 2999-12-31',
    ],
    ['fr', 'rules.rule', { fr: 'Non', en: 'No' }, 'Non'],
    ['en', 'rules.rule', { fr: 'Non', en: 'No' }, 'No'],
    ['en', 'reasons.no_route', { method: 'GET', path: '/api/x' }, 'No route GET /api/x.'],
    ['fr', 'codes.payload_too_large', {}, 'Le fichier est trop volumineux (10 Mo au plus).'],
    ['en', 'rules.max', {}, 'At most {{max}}'],
  ])('%s %s %j', (locale, key, params, expected) => {
    expect(renderMessage(locale, key, params)).toBe(expected);
  });

  it('refuses a key the catalog does not have', () => {
    expect(() => renderMessage('fr', 'rules.nothing')).toThrow(/no entry/);
    expect(() => renderMessage('fr', 'nothing.at_all')).toThrow(/no section/);
  });
});

describe('ruleMessageKey and ruleMessage', () => {
  it.each<[string, MessageParams, string | null]>([
    ['type', { expected: 'integer' }, 'rules.type_integer'],
    ['type', { expected: 'text' }, 'rules.type_text'],
    ['type', { expected: 'symbol' }, 'rules.type'],
    ['type', {}, 'rules.type'],
    ['format', { format: 'date' }, 'rules.format_date'],
    ['format', { format: 'uuid' }, 'rules.format'],
    ['maxLength', { count: 3 }, 'rules.maxLength'],
    ['min', { min: 1 }, 'rules.min'],
    ['name_taken', {}, null],
  ])('%s %j → %s', (rule, params, key) => {
    expect(ruleMessageKey(rule, params)).toBe(key);
  });

  it.each<[string, MessageParams, string | null, string | null]>([
    ['type', { expected: 'integer' }, 'Nombre entier attendu', 'Whole number expected'],
    ['format', { format: 'email' }, 'Adresse e-mail invalide', 'Invalid e-mail address'],
    ['step', { step: 0.25 }, 'Par pas de 0,25', 'In steps of 0.25'],
    ['minItems', { count: 2 }, 'Au moins 2 choix', 'At least 2 choice(s)'],
    ['name_taken', {}, null, null],
  ])('%s %j in both locales', (rule, params, fr, en) => {
    expect(ruleMessage(rule, params, 'fr')).toBe(fr);
    expect(ruleMessage(rule, params, 'en')).toBe(en);
  });

  it('words each code', () => {
    expect(codeMessage('not_found', 'fr')).toBe(
      'Élément introuvable : il a peut-être été supprimé.',
    );
    expect(codeMessage('not_found', 'en')).toBe('Not found: it may have been deleted.');
  });

  it('writes numbers in the locale but keeps `count` a number for the plural', () => {
    expect(messageValues({ min: 1.5, count: 3, unit: 'Go' }, 'fr')).toEqual({
      min: '1,5',
      count: 3,
      unit: 'Go',
    });
  });

  it("takes an author's words in the caller's language as `text`", () => {
    expect(messageValues({ fr: 'Non', en: 'No' }, 'en')).toEqual({
      fr: 'Non',
      en: 'No',
      text: 'No',
    });
  });
});
