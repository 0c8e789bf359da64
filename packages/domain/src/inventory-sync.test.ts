import { describe, expect, it } from 'vitest';
import {
  findInvalidText,
  inventorySyncOutcome,
  mayHoldInvalidText,
  parseCsvRecord,
} from './inventory-sync.ts';

describe('parseCsvRecord', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['a,,c', ['a', '', 'c']],
    ['', ['']],
    ['a,', ['a', '']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    ['"two\nlines",x', ['two\nlines', 'x']],
    ['x,"{""quotas"":{""vcpus"":20}}"', ['x', '{"quotas":{"vcpus":20}}']],
    ['"",""', ['', '']],
  ])('%j → %j', (text, fields) => {
    expect(parseCsvRecord(text)).toEqual(fields);
  });

  it.each([['"open,b'], ['"a"b,c'], ['a"b,c'], ['"a""']])('%j is broken quoting', (text) => {
    expect(parseCsvRecord(text)).toBeNull();
  });
});

describe('findInvalidText', () => {
  it.each([
    ['plain text', 'Service Flexible Engine acme-prod', null],
    ['accents and emoji', 'Accès GIN Val-de-Reuil 🚀', null],
    ['a tab', 'a\tb', ''],
    ['a NUL', 'a\u0000b', ''],
    ['a C1 control', 'a\u0085b', ''],
    ['DEL', 'a\u007fb', ''],
    ['a lone high surrogate', 'a\ud800b', ''],
    ['a lone low surrogate', '\udc00', ''],
    ['a number', 12, null],
  ])('%s', (_name, value, expected) => {
    expect(findInvalidText(value)).toBe(expected);
  });

  it('names the nested field, or the key, at fault', () => {
    expect(
      findInvalidText({ quotas: { vcpus: 2 }, notes: ['ok', 'bad\u0001'] }, 'attributes'),
    ).toBe('attributes.notes.1');
    expect(findInvalidText({ ['k\u0002']: 1 }, 'attributes')).toBe('attributes.k\u0002');
    expect(findInvalidText({ label: 'ok', site: null })).toBeNull();
  });
});

describe('inventorySyncOutcome', () => {
  it.each([
    [false, false, 0, 'applied'],
    [false, false, 3, 'applied'],
    [true, false, 3, 'dry_run'],
    [false, true, 0, 'applied'],
    [false, true, 1, 'rejected'],
    [true, true, 1, 'rejected'],
    [true, true, 0, 'dry_run'],
  ] as const)(
    'dry run %s, strict %s, %i bad lines → %s',
    (isDryRun, isStrict, rejectedLines, expected) => {
      expect(inventorySyncOutcome({ isDryRun, isStrict, rejectedLines })).toBe(expected);
    },
  );
});

describe('mayHoldInvalidText', () => {
  it.each([
    ['{"label":"Accès GIN"}', false],
    ['{"label":"a\\tb"}', true],
    ['{"label":"\\ud800"}', true],
    ['{"label":"a\u0085b"}', true],
    ['{"label":"🚀"}', true],
    ['a,b,"two\nlines"', true],
  ])('%j → %s', (raw, expected) => {
    expect(mayHoldInvalidText(raw)).toBe(expected);
  });
});
