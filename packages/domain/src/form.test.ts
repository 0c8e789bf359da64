import { describe, expect, it } from 'vitest';
// Ajv is the API's authority on each field; it is not a dependency of this package, so the
// agreement test below borrows the API's own copy (the root holds an older Ajv for ESLint).
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {
  addDays,
  applyPrefill,
  calendarDay,
  dropBlankValues,
  evaluateCondition,
  fieldStatesOf,
  initialRow,
  initialValues,
  multipleOfPrecision,
  normalizeValues,
  prefillPath,
  prefillValue,
  pruneHidden,
  toJsonSchema,
  validateForm,
} from './form.ts';
import type {
  AssetAttributes,
  CompareRule,
  Condition,
  Field,
  RowsField,
  FormDefinition,
  FormValues,
  Locale,
  ScalarField,
  Text,
} from './form.ts';

const text = (value: string): Text => ({ fr: `${value} (fr)`, en: `${value} (en)` });

const quotaTypes = ['instances', 'cores', 'ram'];

/** The shape of the seed's « Modifier mes quotas » article. */
const quotaForm: FormDefinition = {
  fields: [
    {
      kind: 'choice',
      key: 'region',
      label: text('Région'),
      required: true,
      options: [{ value: 'eu-west-0', label: text('eu-west-0') }],
      default: 'eu-west-0',
    },
    {
      kind: 'text',
      key: 'project',
      label: text('Projet'),
      required: true,
      minLength: 2,
      maxLength: 20,
      pattern: '^[a-z0-9-]+$',
    },
    {
      kind: 'rows',
      key: 'lines',
      label: text('Lignes'),
      required: true,
      minRows: 1,
      maxRows: 3,
      fields: [
        {
          kind: 'choice',
          key: 'quotaType',
          label: text('Type de quota'),
          required: true,
          options: quotaTypes.map((value) => ({ value, label: text(value) })),
        },
        {
          kind: 'integer',
          key: 'current',
          label: text('Valeur actuelle'),
          prefill: 'quotas.{quotaType}',
          readOnly: true,
        },
        {
          kind: 'integer',
          key: 'requested',
          label: text('Valeur demandée'),
          required: true,
          min: 1,
          max: 100_000,
        },
      ],
    },
    { kind: 'text', key: 'justification', label: text('Justification'), multiline: true },
  ],
  rules: [
    {
      kind: 'compare',
      field: 'lines.requested',
      op: 'gt',
      than: { asset: 'quotas.{quotaType}' },
      message: { fr: 'Doit dépasser la valeur actuelle', en: 'Must exceed the current value' },
    },
  ],
};

const quotaAttributes: AssetAttributes = { quotas: { instances: 10, cores: 20, ram: 51_200 } };

/** Rule keys of validating one field `x` holding `value` (absent when undefined). */
function rulesOf(
  field: ScalarField,
  value: unknown,
  locale: Locale = 'fr',
): (string | undefined)[] {
  const form: FormDefinition = { fields: [{ ...field, key: 'x' }] };
  const values: FormValues = value === undefined ? {} : { x: value };
  const errors = validateForm(form, values, {}, locale);
  for (const error of errors) expect(error.path).toBe('values.x');
  return errors.map((error) => error.rule);
}

describe('validateForm: one field', () => {
  const textField: ScalarField = {
    kind: 'text',
    key: 'x',
    label: text('x'),
    minLength: 3,
    maxLength: 5,
    pattern: '^[a-z]+$',
  };
  const multiline: ScalarField = { kind: 'text', key: 'x', label: text('x'), multiline: true };
  const emojis: ScalarField = {
    kind: 'text',
    key: 'x',
    label: text('x'),
    minLength: 2,
    maxLength: 3,
  };
  const integer: ScalarField = { kind: 'integer', key: 'x', label: text('x'), min: 1, max: 10 };
  const anyInteger: ScalarField = { kind: 'integer', key: 'x', label: text('x') };
  const choice: ScalarField = {
    kind: 'choice',
    key: 'x',
    label: text('x'),
    options: [
      { value: 'a', label: text('a') },
      { value: 'b', label: text('b') },
    ],
  };
  const boolean: ScalarField = { kind: 'boolean', key: 'x', label: text('x') };
  const date: ScalarField = { kind: 'date', key: 'x', label: text('x') };

  it.each<[string, ScalarField, unknown, string[]]>([
    ['text within bounds', textField, 'abcd', []],
    ['text at minLength', textField, 'abc', []],
    ['text at maxLength', textField, 'abcde', []],
    ['text too short', textField, 'ab', ['minLength']],
    ['text too long', textField, 'abcdef', ['maxLength']],
    ['text off pattern', textField, 'abC', ['pattern']],
    ['text too short and off pattern: one error', textField, 'A', ['minLength']],
    ['text as a number', textField, 12345, ['type']],
    ['text as a boolean', textField, true, ['type']],
    ['text as a list', textField, ['abc'], ['type']],
    ['text of 4000 characters (default max)', multiline, 'a'.repeat(4000), []],
    ['text of 4001 characters (default max)', multiline, 'a'.repeat(4001), ['maxLength']],
    ['multiline text with new lines', multiline, 'first line\nsecond line\n', []],
    ['multiline text as an object', multiline, { line: 'a' }, ['type']],
    ['three emoji are three characters', emojis, '😀😀😀', []],
    ['one emoji is one character', emojis, '😀', ['minLength']],
    ['four emoji are too many', emojis, '😀😀😀😀', ['maxLength']],
    ['integer within bounds', integer, 5, []],
    ['integer at min', integer, 1, []],
    ['integer at max', integer, 10, []],
    ['integer below min', integer, 0, ['min']],
    ['negative integer below min', integer, -3, ['min']],
    ['integer above max', integer, 11, ['max']],
    ['decimal number', integer, 2.5, ['type']],
    ['integer as a string', integer, '5', ['type']],
    ['integer as a boolean', integer, true, ['type']],
    ['NaN', integer, Number.NaN, ['type']],
    ['Infinity', anyInteger, Number.POSITIVE_INFINITY, ['type']],
    ['unbounded negative integer', anyInteger, -1_000_000, []],
    ['unbounded large integer', anyInteger, 2 ** 40, []],
    ['choice among options', choice, 'b', []],
    ['choice outside options', choice, 'c', ['enum']],
    ['choice in the wrong case', choice, 'A', ['enum']],
    ['choice as a number', choice, 1, ['enum']],
    ['boolean true', boolean, true, []],
    ['boolean false is an answer', boolean, false, []],
    ['boolean as a string', boolean, 'true', ['type']],
    ['boolean as a number', boolean, 0, ['type']],
    ['date', date, '2026-02-28', []],
    ['leap day in a leap year', date, '2024-02-29', []],
    ['leap day in 2000', date, '2000-02-29', []],
    ['leap day in a common year', date, '2026-02-29', ['format']],
    ['leap day in 1900', date, '1900-02-29', ['format']],
    ['February 30', date, '2026-02-30', ['format']],
    ['April 31', date, '2026-04-31', ['format']],
    ['December 31', date, '2026-12-31', []],
    ['month 13', date, '2026-13-01', ['format']],
    ['month 00', date, '2026-00-10', ['format']],
    ['day 00', date, '2026-01-00', ['format']],
    ['day 32', date, '2026-01-32', ['format']],
    ['short date', date, '2026-1-1', ['format']],
    ['two-digit year', date, '26-01-01', ['format']],
    ['date and time', date, '2026-01-01T00:00:00Z', ['format']],
    ['French date', date, '01/02/2026', ['format']],
    ['date as a number', date, 20260101, ['format']],
  ])('%s', (_name, field, value, expected) => {
    expect(rulesOf(field, value)).toEqual(expected);
  });

  const kinds: ScalarField[] = [textField, multiline, integer, choice, boolean, date];
  const blanks: [string, unknown][] = [
    ["''", ''],
    ['null', null],
    ['absent', undefined],
  ];

  it.each(
    kinds.flatMap((field) =>
      blanks.map(([blank, value]) => ({ kind: field.kind, blank, field, value })),
    ),
  )('$kind: $blank is required when required, fine when optional', ({ field, value }) => {
    expect(rulesOf({ ...field, required: true }, value)).toEqual(['required']);
    expect(rulesOf({ ...field, required: false }, value)).toEqual([]);
    expect(rulesOf(field, value)).toEqual([]);
  });
});

describe('validateForm: messages', () => {
  const field = (extra: Partial<ScalarField> & Pick<ScalarField, 'kind'>): ScalarField =>
    ({ key: 'x', label: text('x'), ...extra }) as ScalarField;

  it.each<[ScalarField, unknown, string, string]>([
    [
      field({ kind: 'text', required: true }),
      '',
      'Ce champ est obligatoire',
      'This field is required',
    ],
    [field({ kind: 'text' }), 3, 'Texte attendu', 'Text expected'],
    [
      field({ kind: 'text', minLength: 4 }),
      'abc',
      'Au moins 4 caractères',
      'At least 4 characters',
    ],
    [field({ kind: 'text', maxLength: 2 }), 'abc', 'Au plus 2 caractères', 'At most 2 characters'],
    [field({ kind: 'text', pattern: '^a' }), 'b', 'Format invalide', 'Invalid format'],
    [field({ kind: 'integer' }), 1.5, 'Nombre entier attendu', 'Whole number expected'],
    [field({ kind: 'integer', min: 2 }), 1, 'Au moins 2', 'At least 2'],
    [field({ kind: 'integer', max: 2 }), 3, 'Au plus 2', 'At most 2'],
    [field({ kind: 'choice', options: [] }), 'a', 'Choix invalide', 'Invalid choice'],
    [field({ kind: 'boolean' }), 'yes', 'Oui ou non', 'Yes or no'],
    [
      field({ kind: 'date' }),
      '2026-02-30',
      'Date invalide (AAAA-MM-JJ)',
      'Invalid date (YYYY-MM-DD)',
    ],
  ])('%j with %j', (definition, value, fr, en) => {
    const form: FormDefinition = { fields: [definition] };
    expect(validateForm(form, { x: value }, {}, 'fr').map((error) => error.message)).toEqual([fr]);
    expect(validateForm(form, { x: value }, {}, 'en').map((error) => error.message)).toEqual([en]);
    expect(validateForm(form, { x: value }, {}).map((error) => error.message)).toEqual([fr]);
  });

  const rows: FormDefinition = {
    fields: [
      {
        kind: 'rows',
        key: 'lines',
        label: text('lines'),
        minRows: 2,
        maxRows: 2,
        fields: [{ kind: 'integer', key: 'n', label: text('n') }],
      },
    ],
  };

  it.each<[FormDefinition, FormValues, string, string]>([
    [rows, { lines: [{}] }, 'Au moins 2 ligne(s)', 'At least 2 row(s)'],
    [rows, { lines: [{}, {}, {}] }, 'Au plus 2 lignes', 'At most 2 rows'],
    [rows, { lines: 'two' }, 'Liste attendue', 'List expected'],
    [rows, { lines: [{}, 'row'] }, 'Ligne invalide', 'Invalid row'],
    [rows, { lines: [{}, {}], other: 1 }, 'Champ inconnu', 'Unknown field'],
    [
      quotaForm,
      validQuota({ lines: [{ quotaType: 'cores', requested: 20 }] }),
      'Doit dépasser la valeur actuelle',
      'Must exceed the current value',
    ],
  ])('#%# in both languages', (form, values, fr, en) => {
    expect(validateForm(form, values, quotaAttributes, 'fr').map((error) => error.message)).toEqual(
      [fr],
    );
    expect(validateForm(form, values, quotaAttributes, 'en').map((error) => error.message)).toEqual(
      [en],
    );
  });
});

function validQuota(overrides: FormValues = {}): FormValues {
  return {
    region: 'eu-west-0',
    project: 'web-prod',
    lines: [{ quotaType: 'instances', current: 10, requested: 12 }],
    ...overrides,
  };
}

describe('validateForm: a whole form', () => {
  const lines = (...rows: unknown[]): FormValues => validQuota({ lines: rows });

  it.each<[string, FormValues, { path: string; rule: string }[]]>([
    ['a valid request', validQuota(), []],
    ['with a justification', validQuota({ justification: 'Black Friday\nand more' }), []],
    [
      'several valid lines',
      lines({ quotaType: 'instances', requested: 11 }, { quotaType: 'ram', requested: 60_000 }),
      [],
    ],
    [
      'nothing but lines',
      { lines: [{ quotaType: 'instances', requested: 12 }] },
      [
        { path: 'values.region', rule: 'required' },
        { path: 'values.project', rule: 'required' },
      ],
    ],
    ['an unknown key', validQuota({ extra: 1 }), [{ path: 'values.extra', rule: 'unknown' }]],
    [
      'an unknown key inside a row',
      lines({ quotaType: 'instances', requested: 12, colour: 'red' }),
      [{ path: 'values.lines.0.colour', rule: 'unknown' }],
    ],
    ['no line', lines(), [{ path: 'values.lines', rule: 'minRows' }]],
    [
      'too many lines: their contents are not checked',
      lines({}, {}, {}, {}),
      [{ path: 'values.lines', rule: 'maxRows' }],
    ],
    ['lines as text', validQuota({ lines: 'many' }), [{ path: 'values.lines', rule: 'type' }]],
    ['lines as null', validQuota({ lines: null }), [{ path: 'values.lines', rule: 'type' }]],
    [
      'an empty row',
      lines({}),
      [
        { path: 'values.lines.0.quotaType', rule: 'required' },
        { path: 'values.lines.0.requested', rule: 'required' },
      ],
    ],
    [
      'a bad value in the second row',
      lines({ quotaType: 'instances', requested: 12 }, { quotaType: 'gpus', requested: 'x' }),
      [
        { path: 'values.lines.1.quotaType', rule: 'enum' },
        { path: 'values.lines.1.requested', rule: 'type' },
      ],
    ],
    [
      'requested not above the current quota',
      lines({ quotaType: 'instances', requested: 10 }),
      [{ path: 'values.lines.0.requested', rule: 'rule' }],
    ],
    [
      'the rule in each row',
      lines(
        { quotaType: 'instances', requested: 9 },
        { quotaType: 'cores', requested: 21 },
        { quotaType: 'ram', requested: 51_200 },
      ),
      [
        { path: 'values.lines.0.requested', rule: 'rule' },
        { path: 'values.lines.2.requested', rule: 'rule' },
      ],
    ],
    [
      'the rule is skipped when the field already failed',
      lines({ quotaType: 'instances', requested: 0 }),
      [{ path: 'values.lines.0.requested', rule: 'min' }],
    ],
    [
      'the rule compares with the item, not with the submitted current value',
      lines({ quotaType: 'instances', current: 1, requested: 5 }),
      [{ path: 'values.lines.0.requested', rule: 'rule' }],
    ],
    [
      'the rule is skipped when the quota type is unknown to the item',
      lines({ quotaType: 'gpus', requested: 1 }),
      [{ path: 'values.lines.0.quotaType', rule: 'enum' }],
    ],
  ])('%s', (_name, values, expected) => {
    const errors = validateForm(quotaForm, values, quotaAttributes, 'en');
    expect(errors.map(({ path, rule }) => ({ path, rule }))).toEqual(expected);
  });

  it('reports rows that are not objects at their index', () => {
    const errors = validateForm(
      quotaForm,
      lines({ quotaType: 'instances', requested: 12 }, 'row', null),
      quotaAttributes,
    );
    expect(errors.map(({ path, rule }) => ({ path, rule }))).toEqual([
      { path: 'values.lines.1', rule: 'type' },
      { path: 'values.lines.2', rule: 'type' },
    ]);
    const within = validateForm(quotaForm, lines('row', [1]), quotaAttributes);
    expect(within.map(({ path, rule }) => ({ path, rule }))).toEqual([
      { path: 'values.lines.0', rule: 'type' },
      { path: 'values.lines.1', rule: 'type' },
    ]);
  });

  it('checks rows even when there are too few of them', () => {
    const form: FormDefinition = {
      fields: [
        {
          kind: 'rows',
          key: 'lines',
          label: text('lines'),
          minRows: 2,
          fields: [{ kind: 'integer', key: 'n', label: text('n'), min: 1 }],
        },
      ],
    };
    expect(validateForm(form, { lines: [{ n: 0 }] }, {}).map((error) => error.path)).toEqual([
      'values.lines',
      'values.lines.0.n',
    ]);
  });

  it.each<[string, number, string[]]>([
    ['100 rows by default', 100, []],
    ['101 rows by default', 101, ['maxRows']],
  ])('%s', (_name, count, expected) => {
    const form: FormDefinition = {
      fields: [{ kind: 'rows', key: 'lines', label: text('lines'), fields: [] }],
    };
    const values = { lines: Array.from({ length: count }, () => ({})) };
    expect(validateForm(form, values, {}).map((error) => error.rule)).toEqual(expected);
  });

  it.each<[string, boolean | undefined, unknown, string[]]>([
    ['optional rows may be absent', undefined, undefined, []],
    ['required rows may not be absent', true, undefined, ['values.lines']],
    ['optional rows may be empty', undefined, [], []],
  ])('%s', (_name, required, value, expected) => {
    const form: FormDefinition = {
      fields: [{ kind: 'rows', key: 'lines', label: text('lines'), required, fields: [] }],
    };
    const values: FormValues = value === undefined ? {} : { lines: value };
    expect(validateForm(form, values, {}).map((error) => error.path)).toEqual(expected);
  });
});

describe('validateForm: compare rules', () => {
  const pair = (op: CompareRule['op'], than: CompareRule['than']): FormDefinition => ({
    fields: [
      { kind: 'integer', key: 'low', label: text('low') },
      { kind: 'integer', key: 'high', label: text('high'), min: 0 },
    ],
    rules: [{ kind: 'compare', field: 'high', op, than, message: text(op) }],
  });

  it.each<[CompareRule['op'], number, number, boolean]>([
    ['gt', 5, 4, true],
    ['gt', 5, 5, false],
    ['gt', 5, 6, false],
    ['gte', 5, 4, true],
    ['gte', 5, 5, true],
    ['gte', 5, 6, false],
    ['lt', 5, 4, false],
    ['lt', 5, 5, false],
    ['lt', 5, 6, true],
    ['lte', 5, 4, false],
    ['lte', 5, 5, true],
    ['lte', 5, 6, true],
  ])('high %s low with high=%i, low=%i passes: %s', (op, high, low, passes) => {
    const errors = validateForm(pair(op, { field: 'low' }), { low, high }, {}, 'en');
    expect(errors).toEqual(
      passes
        ? []
        : [{ path: 'values.high', rule: 'rule', params: text(op), message: `${op} (en)` }],
    );
  });

  it.each<[CompareRule['op'], number, number, boolean]>([
    ['gt', 5, 4, true],
    ['gt', 4, 4, false],
    ['gte', 4, 4, true],
    ['gte', 3, 4, false],
    ['lt', 3, 4, true],
    ['lt', 4, 4, false],
    ['lte', 4, 4, true],
    ['lte', 5, 4, false],
  ])('high %s the asset with high=%i, held=%i passes: %s', (op, high, held, passes) => {
    const form = pair(op, { asset: 'licences.held' });
    const errors = validateForm(form, { high }, { licences: { held } }, 'fr');
    expect(errors).toEqual(
      passes
        ? []
        : [{ path: 'values.high', rule: 'rule', params: text(op), message: `${op} (fr)` }],
    );
  });

  it.each<[string, FormValues, AssetAttributes]>([
    ['the field is absent', { low: 5 }, {}],
    ['the other field is absent', { high: 1 }, {}],
    ['the other field is not a number', { high: 1, low: 'five' }, {}],
    ['the field already failed', { high: -1, low: 5 }, {}],
  ])('skips the rule when %s', (_name, values, attributes) => {
    const errors = validateForm(pair('gt', { field: 'low' }), values, attributes, 'en');
    expect(errors.filter((error) => error.rule === 'rule')).toEqual([]);
  });

  it.each<[string, AssetAttributes]>([
    ['the attribute is missing', { licences: {} }],
    ['the attribute is not a number', { licences: { held: '4' } }],
    ['the parent is not an object', { licences: 4 }],
    ['there are no attributes', {}],
  ])('skips an asset rule when %s', (_name, attributes) => {
    expect(validateForm(pair('gt', { asset: 'licences.held' }), { high: 0 }, attributes)).toEqual(
      [],
    );
  });

  it('skips a row rule when the rows are not a list', () => {
    const errors = validateForm(quotaForm, validQuota({ lines: 'x' }), quotaAttributes);
    expect(errors.map((error) => error.rule)).toEqual(['type']);
  });

  it('compares with a sibling field inside rows', () => {
    const form: FormDefinition = {
      fields: [
        {
          kind: 'rows',
          key: 'ranges',
          label: text('ranges'),
          fields: [
            { kind: 'integer', key: 'from', label: text('from') },
            { kind: 'integer', key: 'to', label: text('to') },
          ],
        },
      ],
      rules: [
        {
          kind: 'compare',
          field: 'ranges.to',
          op: 'gte',
          than: { field: 'from' },
          message: text('to'),
        },
      ],
    };
    const values = { ranges: [{ from: 1, to: 2 }, { from: 3, to: 2 }, 'x', { from: 4, to: 4 }] };
    expect(validateForm(form, values, {}).map(({ path, rule }) => ({ path, rule }))).toEqual([
      { path: 'values.ranges.2', rule: 'type' },
      { path: 'values.ranges.1.to', rule: 'rule' },
    ]);
  });
});

// A single-line text's schema refuses tab and line breaks (the text rule, text.ts).
const oneLine = { not: { pattern: '[\\t\\n\\r]' } };

describe('toJsonSchema', () => {
  it('describes the quota form', () => {
    expect(toJsonSchema(quotaForm)).toEqual({
      type: 'object',
      properties: {
        region: { type: 'string', enum: ['eu-west-0'] },
        project: {
          type: 'string',
          minLength: 2,
          maxLength: 20,
          pattern: '^[a-z0-9-]+$',
          ...oneLine,
        },
        lines: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              quotaType: { type: 'string', enum: ['instances', 'cores', 'ram'] },
              current: { type: 'integer' },
              requested: { type: 'integer', minimum: 1, maximum: 100_000 },
            },
            required: ['quotaType', 'requested'],
            additionalProperties: false,
          },
          minItems: 1,
          maxItems: 3,
        },
        justification: { type: 'string', maxLength: 4000 },
      },
      required: ['region', 'project', 'lines'],
      additionalProperties: false,
    });
  });

  it.each<[string, Field, Record<string, unknown>]>([
    [
      'text',
      { kind: 'text', key: 'k', label: text('k') },
      { type: 'string', maxLength: 4000, ...oneLine },
    ],
    [
      'multiline text with bounds',
      { kind: 'text', key: 'k', label: text('k'), multiline: true, minLength: 0, maxLength: 10 },
      { type: 'string', minLength: 0, maxLength: 10 },
    ],
    [
      'integer with bounds',
      { kind: 'integer', key: 'k', label: text('k'), min: 0, max: 0 },
      { type: 'integer', minimum: 0, maximum: 0 },
    ],
    [
      'prefilled read-only integer',
      { kind: 'integer', key: 'k', label: text('k'), prefill: 'a.b', readOnly: true },
      { type: 'integer' },
    ],
    [
      'choice with a default',
      {
        kind: 'choice',
        key: 'k',
        label: text('k'),
        default: 'y',
        options: [
          { value: 'x', label: text('x') },
          { value: 'y', label: text('y') },
        ],
      },
      { type: 'string', enum: ['x', 'y'] },
    ],
    [
      'boolean',
      { kind: 'boolean', key: 'k', label: text('k'), help: text('h') },
      { type: 'boolean' },
    ],
    [
      'date',
      { kind: 'date', key: 'k', label: text('k') },
      { type: 'string', format: 'date', pattern: '^(19|2[0-9])[0-9]{2}-' },
    ],
    [
      'rows without bounds',
      { kind: 'rows', key: 'k', label: text('k'), fields: [] },
      {
        type: 'array',
        items: { type: 'object', properties: {}, additionalProperties: false },
        maxItems: 100,
      },
    ],
    [
      'rows with bounds',
      {
        kind: 'rows',
        key: 'k',
        label: text('k'),
        minRows: 0,
        maxRows: 7,
        fields: [{ kind: 'boolean', key: 'b', label: text('b'), required: true }],
      },
      {
        type: 'array',
        items: {
          type: 'object',
          properties: { b: { type: 'boolean' } },
          required: ['b'],
          additionalProperties: false,
        },
        minItems: 0,
        maxItems: 7,
      },
    ],
  ])('%s', (_name, field, property) => {
    expect(toJsonSchema({ fields: [field] })).toEqual({
      type: 'object',
      properties: { k: property },
      additionalProperties: false,
    });
    expect(toJsonSchema({ fields: [{ ...field, required: true }] })).toEqual({
      type: 'object',
      properties: { k: property },
      required: ['k'],
      additionalProperties: false,
    });
  });

  it('has no required list for an empty form', () => {
    expect(toJsonSchema({ fields: [] })).toEqual({
      type: 'object',
      properties: {},
      additionalProperties: false,
    });
  });

  it('leaves rules out', () => {
    const withoutRules = toJsonSchema({ fields: quotaForm.fields });
    expect(toJsonSchema(quotaForm)).toEqual(withoutRules);
  });
});

describe('prefillPath', () => {
  it.each<[string, FormValues, string | null]>([
    ['quotas.{quotaType}', { quotaType: 'instances' }, 'quotas.instances'],
    ['licences.held', {}, 'licences.held'],
    ['{a}.{b}', { a: 'x', b: 'y' }, 'x.y'],
    ['quotas.{quotaType}', {}, null],
    ['quotas.{quotaType}', { quotaType: '' }, null],
    ['quotas.{quotaType}', { quotaType: 3 }, null],
    ['quotas.{quotaType}', { quotaType: null }, null],
    ['{a}.{b}', { a: 'x' }, null],
  ])('%s with %j → %s', (template, row, expected) => {
    expect(prefillPath(template, row)).toBe(expected);
  });
});

describe('prefillValue', () => {
  const attributes: AssetAttributes = {
    quotas: { instances: 10, cores: 0 },
    licences: { held: 4, pools: { a: { size: 2 } } },
    site: 'Paris',
  };

  it.each<[string, FormValues, unknown]>([
    ['quotas.{quotaType}', { quotaType: 'instances' }, 10],
    ['quotas.{quotaType}', { quotaType: 'cores' }, 0],
    ['quotas.{quotaType}', { quotaType: 'ram' }, undefined],
    ['quotas.{quotaType}', {}, undefined],
    ['licences.held', {}, 4],
    ['licences.pools.{pool}.size', { pool: 'a' }, 2],
    ['licences.pools.{pool}.size', { pool: 'b' }, undefined],
    ['site', {}, 'Paris'],
    ['site.name', {}, undefined],
    ['nothing.at.all', {}, undefined],
  ])('%s with %j → %j', (template, row, expected) => {
    expect(prefillValue(template, row, attributes)).toEqual(expected);
  });
});

describe('applyPrefill', () => {
  const licenceForm: FormDefinition = {
    fields: [
      {
        kind: 'integer',
        key: 'held',
        label: text('held'),
        prefill: 'licences.held',
        readOnly: true,
      },
      { kind: 'integer', key: 'suggested', label: text('suggested'), prefill: 'licences.held' },
      { kind: 'integer', key: 'locked', label: text('locked'), readOnly: true },
      { kind: 'integer', key: 'quantity', label: text('quantity') },
    ],
  };

  it.each<[string, FormValues, AssetAttributes, FormValues]>([
    [
      'fills a read-only value',
      { quantity: 2 },
      { licences: { held: 4 } },
      { quantity: 2, held: 4 },
    ],
    [
      'overwrites a tampered read-only value',
      { held: 999, quantity: 2 },
      { licences: { held: 4 } },
      { held: 4, quantity: 2 },
    ],
    ['removes it when the item lacks the attribute', { held: 999 }, { licences: {} }, {}],
    ['removes it when the attribute is not a number', { held: 4 }, { licences: { held: '4' } }, {}],
    [
      'leaves an editable prefilled field alone',
      { suggested: 7 },
      { licences: { held: 4 } },
      { suggested: 7, held: 4 },
    ],
    [
      'leaves a read-only field without prefill alone',
      { locked: 3 },
      { licences: { held: 4 } },
      { locked: 3, held: 4 },
    ],
  ])('%s', (_name, values, attributes, expected) => {
    expect(applyPrefill(licenceForm, values, attributes)).toEqual(expected);
  });

  it('fills each row from its own sibling fields', () => {
    const values: FormValues = {
      region: 'eu-west-0',
      lines: [
        { quotaType: 'instances', current: 999, requested: 12 },
        { quotaType: 'ram', requested: 60_000 },
        { quotaType: 'gpus', current: 5, requested: 1 },
        { requested: 3, current: 5 },
        'not a row',
        null,
      ],
    };
    expect(applyPrefill(quotaForm, values, quotaAttributes)).toEqual({
      region: 'eu-west-0',
      lines: [
        { quotaType: 'instances', current: 10, requested: 12 },
        { quotaType: 'ram', current: 51_200, requested: 60_000 },
        { quotaType: 'gpus', requested: 1 },
        { requested: 3 },
        'not a row',
        null,
      ],
    });
  });

  it.each<[string, unknown]>([
    ['absent', undefined],
    ['text', 'lines'],
    ['null', null],
  ])('leaves rows that are %s as they are', (_name, lines) => {
    const values: FormValues = lines === undefined ? { project: 'p' } : { project: 'p', lines };
    expect(applyPrefill(quotaForm, values, quotaAttributes)).toEqual(values);
  });

  it('does not change the values it is given', () => {
    const values: FormValues = { held: 999, lines: [{ quotaType: 'cores', current: 1 }] };
    const copy = structuredClone(values);
    applyPrefill(licenceForm, values, { licences: { held: 4 } });
    applyPrefill(quotaForm, values, quotaAttributes);
    expect(values).toEqual(copy);
  });
});

describe('initialValues', () => {
  it.each<[string, FormDefinition, FormValues]>([
    ['the quota form', quotaForm, { region: 'eu-west-0', lines: [{}] }],
    ['an empty form', { fields: [] }, {}],
    [
      'fields without defaults',
      {
        fields: [
          { kind: 'text', key: 't', label: text('t'), required: true },
          { kind: 'integer', key: 'i', label: text('i'), prefill: 'a' },
          { kind: 'boolean', key: 'b', label: text('b') },
          { kind: 'date', key: 'd', label: text('d') },
          {
            kind: 'choice',
            key: 'c',
            label: text('c'),
            options: [{ value: 'x', label: text('x') }],
          },
        ],
      },
      {},
    ],
    [
      'optional rows',
      {
        fields: [
          { kind: 'rows', key: 'r', label: text('r'), fields: [] },
          { kind: 'rows', key: 's', label: text('s'), minRows: 0, fields: [] },
          { kind: 'rows', key: 'u', label: text('u'), minRows: 2, fields: [] },
        ],
      },
      { u: [{}] },
    ],
  ])('%s', (_name, form, expected) => {
    expect(initialValues(form)).toEqual(expected);
  });
});

describe('validateForm agrees with the JSON Schema of toJsonSchema', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, multipleOfPrecision });
  (addFormats as unknown as (instance: Ajv2020) => void)(ajv);

  /** mulberry32: a small seeded generator, so a failure replays. */
  function randomFrom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /**
   * Values for a form: each answer is a valid one, or (at the sample's error rate) one drawn
   * from a pool of near misses and wrong types.
   */
  function generatorFor(random: () => number) {
    const integer = (low: number, high: number): number =>
      low + Math.floor(random() * (high - low + 1));
    const pick = <T>(items: readonly T[]): T => items[integer(0, items.length - 1)] as T;
    const anyCharacters = ['a', 'b', 'z', '0', '9', '-', 'A', ' ', '\n', 'é', '😀'];
    const patternCharacters = ['a', 'k', 'z', '0', '9', '-'];
    const pad = (value: number): string => String(value).padStart(2, '0');

    function word(length: number, characters: readonly string[]): string {
      return Array.from({ length }, () => pick(characters)).join('');
    }

    function validScalar(field: ScalarField): unknown {
      switch (field.kind) {
        case 'text':
          return word(
            integer(field.minLength ?? 1, field.maxLength ?? 12),
            field.pattern === undefined ? anyCharacters : patternCharacters,
          );
        case 'integer':
          return integer(field.min ?? -50, field.max ?? 50);
        case 'decimal': {
          const step = field.step ?? 0.25;
          const low = Math.ceil((field.min ?? -50) / step);
          const high = Math.floor((field.max ?? 50) / step);
          return integer(low, high) * step;
        }
        case 'choice':
          return pick(field.options.map((option) => option.value));
        case 'multichoice': {
          const count = integer(
            Math.max(field.minItems ?? 0, field.required ? 1 : 0),
            Math.min(field.maxItems ?? field.options.length, field.options.length),
          );
          const shuffled = field.options
            .map((option) => ({ value: option.value, order: random() }))
            .sort((left, right) => left.order - right.order);
          return shuffled.slice(0, count).map((entry) => entry.value);
        }
        case 'boolean':
          return random() < 0.5;
        case 'date':
          return pick([
            `${integer(1900, 2100)}-${pad(integer(1, 12))}-${pad(integer(1, 28))}`,
            '2024-02-29',
            '2000-02-29',
            '2026-12-31',
          ]);
      }
    }

    function wrongScalar(field: ScalarField): unknown {
      switch (field.kind) {
        case 'text': {
          const max = field.maxLength ?? 12;
          return pick([
            word(integer(1, max + 2), anyCharacters),
            word(max + 1, ['😀', 'a']),
            42,
            true,
            ['abc'],
          ]);
        }
        case 'integer': {
          const low = field.min ?? -50;
          const high = field.max ?? 50;
          return pick([low - 1, high + 1, 2.5, String(low), false]);
        }
        case 'decimal': {
          const low = field.min ?? -50;
          const high = field.max ?? 50;
          const step = field.step ?? 1;
          return pick([low - step, high + step, low + step / 3, String(low), true]);
        }
        case 'choice':
          return pick(['other', 'S', 7]);
        case 'multichoice': {
          const first = field.options[0]?.value ?? 'a';
          return pick([['zz'], [first, first], first, [1], [], field.options.map((o) => o.value)]);
        }
        case 'boolean':
          return pick(['true', 0]);
        case 'date':
          return pick([
            `${integer(1899, 2101)}-${pad(integer(0, 13))}-${pad(integer(0, 32))}`,
            '2026-02-29',
            '1900-02-29',
            '2026-04-31',
            '2026-1-01',
            20260101,
            '2026-01-01T10:00:00Z',
          ]);
      }
    }

    // Blank answers are left out, as the web app's `compactValues` sends them: '' and null
    // are blanks to the engine but values to Ajv, so the two disagree on them.
    function values(fields: readonly Field[], errorRate: number): FormValues {
      const result: FormValues = {};
      for (const field of fields) {
        const wrong = random() < errorRate;
        if ((!field.required || wrong) && random() < 0.15) continue;
        if (field.kind !== 'rows') {
          result[field.key] = wrong ? wrongScalar(field) : validScalar(field);
          continue;
        }
        const low = field.minRows ?? 0;
        const high = field.maxRows ?? 100;
        const count = wrong
          ? pick([Math.max(0, low - 1), high + 1, integer(0, Math.min(high + 1, 5))])
          : integer(low, Math.min(high, 4));
        result[field.key] =
          wrong && random() < 0.2
            ? pick([null, 'rows', {}])
            : Array.from({ length: count }, () =>
                random() < errorRate / 4
                  ? pick([null, 'row', [1], 3])
                  : values(field.fields, errorRate),
              );
      }
      if (random() < errorRate / 4) result[pick(['extra', 'other'])] = 1;
      return result;
    }

    return values;
  }

  const pickRate = (random: () => number): number =>
    [0, 0, 0.02, 0.1, 0.4][Math.floor(random() * 5)] ?? 0;

  /** As apps/api/src/features/requests/form-validation.ts turns an Ajv error into a path. */
  function pathOf(error: ErrorObject): string {
    const base = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    const leaf = params.missingProperty ?? params.additionalProperty;
    const path = leaf === undefined ? base : base === '' ? leaf : `${base}.${leaf}`;
    return path === '' ? 'values' : `values.${path}`;
  }

  /** The top-level field an error belongs to: `values.lines.0.x` → `values.lines`. */
  const topOf = (path: string): string => path.split('.').slice(0, 2).join('.');

  const everyKind: FormDefinition = {
    fields: [
      {
        kind: 'text',
        key: 'code',
        label: text('code'),
        minLength: 2,
        maxLength: 6,
        pattern: '^[a-z0-9-]+$',
      },
      { kind: 'text', key: 'note', label: text('note'), multiline: true, maxLength: 8 },
      { kind: 'integer', key: 'count', label: text('count'), min: 0, max: 9 },
      { kind: 'integer', key: 'delta', label: text('delta') },
      {
        kind: 'choice',
        key: 'size',
        label: text('size'),
        options: [
          { value: 's', label: text('s') },
          { value: 'm', label: text('m') },
        ],
      },
      { kind: 'boolean', key: 'urgent', label: text('urgent') },
      { kind: 'date', key: 'on', label: text('on') },
      { kind: 'decimal', key: 'ratio', label: text('ratio'), min: -1, max: 1, step: 0.01 },
      { kind: 'integer', key: 'even', label: text('even'), min: 0, max: 20, step: 2 },
      {
        kind: 'multichoice',
        key: 'picks',
        label: text('picks'),
        maxItems: 2,
        options: ['x', 'y', 'z'].map((value) => ({ value, label: text(value) })),
      },
    ],
  };
  const allRequired: FormDefinition = {
    fields: everyKind.fields.map((field) => ({ ...field, required: true })),
  };
  const unboundedRows: FormDefinition = {
    fields: [
      {
        kind: 'rows',
        key: 'items',
        label: text('items'),
        required: true,
        fields: [{ kind: 'integer', key: 'n', label: text('n'), required: true, min: 1 }],
      },
    ],
  };
  const conditional: FormDefinition = {
    fields: [
      {
        kind: 'choice',
        key: 'mode',
        label: text('mode'),
        required: true,
        options: [
          { value: 'add', label: text('add') },
          { value: 'remove', label: text('remove') },
        ],
      },
      {
        kind: 'integer',
        key: 'removed',
        label: text('removed'),
        min: 1,
        max: 10,
        step: 2,
        visibleWhen: { op: 'equals', field: 'mode', value: 'remove' },
        requiredWhen: { op: 'equals', field: 'mode', value: 'remove' },
      },
      {
        kind: 'multichoice',
        key: 'tags',
        label: text('tags'),
        minItems: 1,
        maxItems: 2,
        options: ['a', 'b', 'c'].map((value) => ({ value, label: text(value) })),
      },
      {
        kind: 'decimal',
        key: 'size',
        label: text('size'),
        min: 0,
        max: 10,
        step: 0.1,
        visibleWhen: { op: 'includes', field: 'tags', value: 'b' },
      },
      {
        kind: 'text',
        key: 'note',
        label: text('note'),
        required: true,
        default: 'none',
        maxLength: 6,
        visibleWhen: { op: 'filled', field: 'size' },
      },
      {
        kind: 'rows',
        key: 'lines',
        label: text('lines'),
        maxRows: 3,
        visibleWhen: { op: 'notEquals', field: 'mode', value: 'add' },
        fields: [
          { kind: 'boolean', key: 'on', label: text('on') },
          {
            kind: 'decimal',
            key: 'ratio',
            label: text('ratio'),
            min: 0,
            max: 1,
            step: 0.05,
            visibleWhen: { op: 'equals', field: 'on', value: true },
            requiredWhen: { op: 'equals', field: 'on', value: true },
          },
        ],
      },
    ],
  };
  const samples: [string, FormDefinition, number][] = [
    ['the quota form', { fields: quotaForm.fields }, 1],
    ['every kind, optional', everyKind, 2],
    ['every kind, required', allRequired, 3],
    ['rows with the default maximum', unboundedRows, 4],
    ['conditional fields, decimals and multiple choices', conditional, 5],
  ];

  it.each(samples)('%s', (_name, form, seed) => {
    const validate = ajv.compile(toJsonSchema(form));
    const random = randomFrom(seed);
    const nextValues = generatorFor(random);
    const disagreements: unknown[] = [];
    let accepted = 0;
    const runs = 400;
    // Conditional requiredness is the engine's alone: the schema cannot hold it.
    const conditionallyRequired = new Set(
      form.fields
        .flatMap((field) => (field.kind === 'rows' ? [field, ...field.fields] : [field]))
        .filter((field) => field.requiredWhen !== undefined)
        .map((field) => field.key),
    );
    for (let run = 0; run < runs; run += 1) {
      // As the server does: hidden answers and blanks dropped before both checks.
      const values = normalizeValues(form, nextValues(form.fields, pickRate(random)), {});
      const engine = validateForm(form, values, {}, 'en').filter(
        (error) =>
          !(
            error.rule === 'required' &&
            conditionallyRequired.has(error.path.split('.').at(-1) ?? '')
          ),
      );
      const schemaAccepts = validate(values);
      const schemaTops = new Set((validate.errors ?? []).map((error) => topOf(pathOf(error))));
      const engineTops = new Set(engine.map((error) => topOf(error.path)));
      if (schemaAccepts) accepted += 1;
      if (
        (engine.length === 0) !== schemaAccepts ||
        [...schemaTops].sort().join() !== [...engineTops].sort().join()
      ) {
        disagreements.push({ values, engine, ajv: validate.errors });
      }
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
    // Neither side may be trivially true: both outcomes must occur.
    expect(accepted).toBeGreaterThan(runs / 20);
    expect(accepted).toBeLessThan(runs);
  });
});

describe('validateForm: decimal fields', () => {
  const decimal: ScalarField = {
    kind: 'decimal',
    key: 'x',
    label: text('x'),
    min: 0.5,
    max: 10,
    step: 0.25,
  };
  const fine: ScalarField = { kind: 'decimal', key: 'x', label: text('x'), step: 0.1 };
  const free: ScalarField = { kind: 'decimal', key: 'x', label: text('x') };
  const stepped: ScalarField = { kind: 'integer', key: 'x', label: text('x'), step: 5 };

  it.each<[string, ScalarField, unknown, string[]]>([
    ['a decimal on the step', decimal, 2.75, []],
    ['a whole number on the step', decimal, 3, []],
    ['at min', decimal, 0.5, []],
    ['at max', decimal, 10, []],
    ['below min', decimal, 0.25, ['min']],
    ['above max', decimal, 10.25, ['max']],
    ['off the step', decimal, 2.8, ['step']],
    ['0.3 is on a step of 0.1 despite floating point', fine, 0.3, []],
    ['0.7 is on a step of 0.1', fine, 0.7, []],
    ['3 × 0.1 computed is on the step', fine, 3 * 0.1, []],
    ['0.35 is off a step of 0.1', fine, 0.35, ['step']],
    ['negative on the step', fine, -1.2, []],
    ['any number without a step', free, 3.14159, []],
    ['a decimal as a string', free, '1.5', ['type']],
    ['a decimal as a boolean', free, true, ['type']],
    ['Infinity', free, Number.POSITIVE_INFINITY, ['type']],
    ['NaN', free, Number.NaN, ['type']],
    ['an integer on its step', stepped, 15, []],
    ['an integer off its step', stepped, 12, ['step']],
    ['zero is on every step', stepped, 0, []],
  ])('%s', (_name, field, value, expected) => {
    expect(rulesOf(field, value)).toEqual(expected);
  });

  it.each<[ScalarField, unknown, string, string]>([
    [decimal, 0.1, 'Au moins 0,5', 'At least 0.5'],
    [decimal, 11, 'Au plus 10', 'At most 10'],
    [decimal, 1.1, 'Par pas de 0,25', 'In steps of 0.25'],
    [free, 'x', 'Nombre attendu', 'Number expected'],
    [stepped, 3, 'Par pas de 5', 'In steps of 5'],
  ])('%j with %j says it in both languages', (field, value, fr, en) => {
    const form: FormDefinition = { fields: [field] };
    expect(validateForm(form, { x: value }, {}, 'fr').map((error) => error.message)).toEqual([fr]);
    expect(validateForm(form, { x: value }, {}, 'en').map((error) => error.message)).toEqual([en]);
  });

  it('exports the precision the API gives Ajv', () => {
    expect(multipleOfPrecision).toBe(9);
  });
});

describe('validateForm: multiple choice fields', () => {
  const options = ['a', 'b', 'c'].map((value) => ({ value, label: text(value) }));
  const multi: ScalarField = { kind: 'multichoice', key: 'x', label: text('x'), options };
  const bounded: ScalarField = { ...multi, minItems: 2, maxItems: 2 };

  it.each<[string, ScalarField, unknown, string[]]>([
    ['one choice', multi, ['a'], []],
    ['every choice', multi, ['a', 'b', 'c'], []],
    ['no choice is no answer', multi, [], []],
    ['a choice outside the options', multi, ['a', 'z'], ['enum']],
    ['a number among the choices', multi, [1], ['enum']],
    ['a choice twice', multi, ['a', 'a'], ['unique']],
    ['a single string', multi, 'a', ['type']],
    ['an object', multi, { a: true }, ['type']],
    ['as many as required', bounded, ['a', 'c'], []],
    ['too few', bounded, ['a'], ['minItems']],
    ['too many', bounded, ['a', 'b', 'c'], ['maxItems']],
    ['no choice with a minimum is still no answer', bounded, [], []],
  ])('%s', (_name, field, value, expected) => {
    expect(rulesOf(field, value)).toEqual(expected);
  });

  it.each<[unknown, string[]]>([
    [[], ['required']],
    [undefined, ['required']],
    [['b'], []],
  ])('a required multiple choice with %j', (value, expected) => {
    expect(rulesOf({ ...multi, required: true }, value)).toEqual(expected);
  });

  it.each<[ScalarField, unknown, string, string]>([
    [multi, ['z'], 'Choix invalide', 'Invalid choice'],
    [multi, ['a', 'a'], 'Choix en double', 'Duplicate choice'],
    [multi, 'a', 'Liste de choix attendue', 'List expected'],
    [bounded, ['a'], 'Au moins 2 choix', 'At least 2 choice(s)'],
    [bounded, ['a', 'b', 'c'], 'Au plus 2 choix', 'At most 2 choice(s)'],
  ])('%j with %j says it in both languages', (field, value, fr, en) => {
    const form: FormDefinition = { fields: [field] };
    expect(validateForm(form, { x: value }, {}, 'fr').map((error) => error.message)).toEqual([fr]);
    expect(validateForm(form, { x: value }, {}, 'en').map((error) => error.message)).toEqual([en]);
  });
});

describe('evaluateCondition', () => {
  const answers: FormValues = {
    mode: 'remove',
    count: 5,
    on: false,
    tags: ['a', 'b'],
    none: [],
    blank: '',
  };
  const valueOf = (key: string) => answers[key];

  it.each<[string, Condition, boolean]>([
    ['filled: a text', { op: 'filled', field: 'mode' }, true],
    ['filled: false is an answer', { op: 'filled', field: 'on' }, true],
    ['filled: a blank text is not', { op: 'filled', field: 'blank' }, false],
    ['filled: an empty multiple choice is not', { op: 'filled', field: 'none' }, false],
    ['filled: an absent field is not', { op: 'filled', field: 'missing' }, false],
    ['empty: an absent field', { op: 'empty', field: 'missing' }, true],
    ['empty: an empty multiple choice', { op: 'empty', field: 'none' }, true],
    ['empty: an answer is not', { op: 'empty', field: 'count' }, false],
    ['equals the answer', { op: 'equals', field: 'mode', value: 'remove' }, true],
    ['equals another value', { op: 'equals', field: 'mode', value: 'add' }, false],
    ['equals compares types strictly', { op: 'equals', field: 'count', value: '5' }, false],
    ['equals false', { op: 'equals', field: 'on', value: false }, true],
    ['notEquals another value', { op: 'notEquals', field: 'mode', value: 'add' }, true],
    ['notEquals the answer', { op: 'notEquals', field: 'mode', value: 'remove' }, false],
    ['notEquals: no answer is not equal', { op: 'notEquals', field: 'missing', value: 'x' }, true],
    ['in: among the values', { op: 'in', field: 'mode', values: ['add', 'remove'] }, true],
    ['in: not among the values', { op: 'in', field: 'mode', values: ['add'] }, false],
    ['in: a multiple choice sharing one', { op: 'in', field: 'tags', values: ['b', 'z'] }, true],
    ['in: a multiple choice sharing none', { op: 'in', field: 'tags', values: ['z'] }, false],
    ['includes: chosen', { op: 'includes', field: 'tags', value: 'a' }, true],
    ['includes: not chosen', { op: 'includes', field: 'tags', value: 'c' }, false],
    ['includes: not a multiple choice', { op: 'includes', field: 'mode', value: 'remove' }, false],
    ['gt: above', { op: 'gt', field: 'count', value: 4 }, true],
    ['gt: equal', { op: 'gt', field: 'count', value: 5 }, false],
    ['gte: equal', { op: 'gte', field: 'count', value: 5 }, true],
    ['lt: below', { op: 'lt', field: 'count', value: 6 }, true],
    ['lt: equal', { op: 'lt', field: 'count', value: 5 }, false],
    ['lte: equal', { op: 'lte', field: 'count', value: 5 }, true],
    ['gt: not a number', { op: 'gt', field: 'mode', value: 0 }, false],
    ['lt: no answer', { op: 'lt', field: 'missing', value: 100 }, false],
    [
      'all: every one holds',
      {
        op: 'all',
        conditions: [
          { op: 'filled', field: 'mode' },
          { op: 'gt', field: 'count', value: 1 },
        ],
      },
      true,
    ],
    [
      'all: one fails',
      {
        op: 'all',
        conditions: [
          { op: 'filled', field: 'mode' },
          { op: 'gt', field: 'count', value: 9 },
        ],
      },
      false,
    ],
    ['all: none is true', { op: 'all', conditions: [] }, true],
    [
      'any: one holds',
      {
        op: 'any',
        conditions: [
          { op: 'equals', field: 'mode', value: 'add' },
          { op: 'includes', field: 'tags', value: 'b' },
        ],
      },
      true,
    ],
    [
      'any: none holds',
      {
        op: 'any',
        conditions: [
          { op: 'equals', field: 'mode', value: 'add' },
          { op: 'empty', field: 'count' },
        ],
      },
      false,
    ],
    ['any: none is false', { op: 'any', conditions: [] }, false],
  ])('%s', (_name, condition, expected) => {
    expect(evaluateCondition(condition, valueOf)).toBe(expected);
  });
});

/** « Supprimer des licences » with a conditional reason: the example of a rule. */
const licenceForm: FormDefinition = {
  fields: [
    {
      kind: 'choice',
      key: 'action',
      label: text('Action'),
      required: true,
      options: [
        { value: 'add', label: text('add') },
        { value: 'remove', label: text('remove') },
      ],
    },
    { kind: 'integer', key: 'held', label: text('held'), prefill: 'licencesHeld', readOnly: true },
    {
      kind: 'integer',
      key: 'removed',
      label: text('removed'),
      min: 1,
      visibleWhen: { op: 'equals', field: 'action', value: 'remove' },
      requiredWhen: { op: 'equals', field: 'action', value: 'remove' },
    },
    {
      kind: 'text',
      key: 'reason',
      label: text('reason'),
      visibleWhen: { op: 'gte', field: 'removed', value: 10 },
      requiredWhen: { op: 'gte', field: 'removed', value: 10 },
    },
    {
      kind: 'boolean',
      key: 'urgent',
      label: text('urgent'),
      required: true,
      default: false,
      visibleWhen: { op: 'equals', field: 'action', value: 'add' },
    },
    { kind: 'date', key: 'on', label: text('on') },
  ],
  rules: [
    {
      kind: 'compare',
      field: 'removed',
      op: 'lte',
      than: { asset: 'licencesHeld' },
      message: { fr: 'Pas plus que détenues', en: 'No more than held' },
    },
    {
      kind: 'futureDate',
      field: 'on',
      message: { fr: 'Une date future', en: 'A future date' },
    },
  ],
};
const licenceAttributes: AssetAttributes = { licencesHeld: 25 };
const today = '2026-11-20';

describe('conditions: visibility and requiredness', () => {
  const states = (values: FormValues) =>
    Object.fromEntries(
      fieldStatesOf(licenceForm.fields, values).map((state) => [
        state.field.key,
        `${state.isVisible ? 'shown' : 'hidden'}${state.isRequired ? ', required' : ''}`,
      ]),
    );

  it.each<[string, FormValues, Record<string, string>]>([
    [
      'nothing chosen',
      {},
      {
        action: 'shown, required',
        held: 'shown',
        removed: 'hidden',
        reason: 'hidden',
        urgent: 'hidden',
        on: 'shown',
      },
    ],
    [
      'removing a few',
      { action: 'remove', removed: 3 },
      {
        action: 'shown, required',
        held: 'shown',
        removed: 'shown, required',
        reason: 'hidden',
        urgent: 'hidden',
        on: 'shown',
      },
    ],
    [
      'removing many asks why',
      { action: 'remove', removed: 12 },
      {
        action: 'shown, required',
        held: 'shown',
        removed: 'shown, required',
        reason: 'shown, required',
        urgent: 'hidden',
        on: 'shown',
      },
    ],
    [
      'adding hides what only removals need, even with stale answers',
      { action: 'add', removed: 12, reason: 'x' },
      {
        action: 'shown, required',
        held: 'shown',
        removed: 'hidden',
        reason: 'hidden',
        urgent: 'shown, required',
        on: 'shown',
      },
    ],
  ])('%s', (_name, values, expected) => {
    expect(states(values)).toEqual(expected);
  });

  it('reads top-level answers from inside rows', () => {
    const form: FormDefinition = {
      fields: [
        { kind: 'boolean', key: 'detailed', label: text('detailed') },
        {
          kind: 'rows',
          key: 'lines',
          label: text('lines'),
          fields: [
            { kind: 'integer', key: 'n', label: text('n') },
            {
              kind: 'text',
              key: 'why',
              label: text('why'),
              visibleWhen: { op: 'equals', field: 'detailed', value: true },
            },
            {
              kind: 'text',
              key: 'unit',
              label: text('unit'),
              visibleWhen: { op: 'gt', field: 'n', value: 1 },
            },
          ],
        },
      ],
    };
    const row = { n: 2, why: 'w', unit: 'u' };
    expect(
      pruneHidden(form, { detailed: true, lines: [row, { n: 1, why: 'w', unit: 'u' }] }),
    ).toEqual({ detailed: true, lines: [row, { n: 1, why: 'w' }] });
    expect(pruneHidden(form, { detailed: false, lines: [row] })).toEqual({
      detailed: false,
      lines: [{ n: 2, unit: 'u' }],
    });
  });
});

describe('pruneHidden', () => {
  it.each<[string, FormValues, FormValues]>([
    [
      'keeps every shown answer',
      { action: 'add', urgent: true, on: '2026-12-01' },
      { action: 'add', urgent: true, on: '2026-12-01' },
    ],
    [
      'drops the answers of hidden fields',
      { action: 'add', removed: 30, reason: 'because', urgent: true },
      { action: 'add', urgent: true },
    ],
    [
      'a hidden required field takes its default',
      { action: 'remove', removed: 2, urgent: true },
      { action: 'remove', removed: 2, urgent: false },
    ],
    [
      'a field shown by a hidden one is hidden too',
      { removed: 30, reason: 'because' },
      { urgent: false },
    ],
    [
      'keeps unknown keys for validation to refuse',
      { action: 'add', extra: 1 },
      { action: 'add', extra: 1 },
    ],
  ])('%s', (_name, values, expected) => {
    expect(pruneHidden(licenceForm, values)).toEqual(expected);
  });

  it('returns the same object when nothing is hidden, and never changes its input', () => {
    const values = { action: 'add', urgent: true };
    expect(pruneHidden(licenceForm, values)).toBe(values);
    const stale = { action: 'add', removed: 3, urgent: true };
    pruneHidden(licenceForm, stale);
    expect(stale).toEqual({ action: 'add', removed: 3, urgent: true });
  });
});

describe('validateForm: conditional fields and rules', () => {
  const check = (values: FormValues, context = { today }) =>
    validateForm(licenceForm, values, licenceAttributes, 'en', context).map(
      ({ path, rule }) => `${path}:${rule}`,
    );

  it.each<[string, FormValues, string[]]>([
    ['an addition', { action: 'add', urgent: false }, []],
    ['an addition must say if urgent', { action: 'add' }, ['values.urgent:required']],
    ['a small removal', { action: 'remove', removed: 3 }, []],
    ['a removal needs a count', { action: 'remove' }, ['values.removed:required']],
    [
      'a large removal needs a reason',
      { action: 'remove', removed: 12 },
      ['values.reason:required'],
    ],
    ['with its reason', { action: 'remove', removed: 12, reason: 'closing a site' }, []],
    [
      'no more than held (the item has 25)',
      { action: 'remove', removed: 26, reason: 'closing' },
      ['values.removed:rule'],
    ],
    ['as many as held', { action: 'remove', removed: 25, reason: 'closing' }, []],
    [
      'hidden answers are not checked, even when wrong',
      { action: 'add', urgent: true, removed: -4, reason: 42 },
      [],
    ],
    ['a rule on a hidden field does not apply', { action: 'add', urgent: true, removed: 999 }, []],
    ['a date tomorrow', { action: 'add', urgent: false, on: '2026-11-21' }, []],
    [
      'a date today is not in the future',
      { action: 'add', urgent: false, on: '2026-11-20' },
      ['values.on:rule'],
    ],
    ['a date in the past', { action: 'add', urgent: false, on: '2025-01-01' }, ['values.on:rule']],
    [
      'an impossible date fails its format only',
      { action: 'add', urgent: false, on: '2026-02-30' },
      ['values.on:format'],
    ],
  ])('%s', (_name, values, expected) => {
    expect(check(values)).toEqual(expected);
  });

  it('needs to be told what day it is for a date rule', () => {
    expect(() =>
      check({ action: 'add', urgent: false, on: '2026-11-21' }, {} as { today: string }),
    ).toThrow(/context\.today/);
  });

  it.each<[number | undefined, string, boolean]>([
    [undefined, '2026-11-21', true],
    [0, '2026-11-20', true],
    [0, '2026-11-19', false],
    [7, '2026-11-26', false],
    [7, '2026-11-27', true],
  ])('futureDate with minDays %s accepts %s: %s', (minDays, on, passes) => {
    const form: FormDefinition = {
      fields: [{ kind: 'date', key: 'on', label: text('on') }],
      rules: [
        {
          kind: 'futureDate',
          field: 'on',
          ...(minDays === undefined ? {} : { minDays }),
          message: text('later'),
        },
      ],
    };
    expect(validateForm(form, { on }, {}, 'fr', { today })).toEqual(
      passes
        ? []
        : [{ path: 'values.on', rule: 'rule', params: text('later'), message: 'later (fr)' }],
    );
  });

  it.each<[CompareRule['op'], string, string, boolean]>([
    ['gt', '2026-12-02', '2026-12-01', true],
    ['gt', '2026-12-01', '2026-12-01', false],
    ['gte', '2026-12-01', '2026-12-01', true],
    ['lt', '2026-11-30', '2026-12-01', true],
    ['lte', '2026-12-02', '2026-12-01', false],
  ])('compares dates: end %s start with %s and %s passes: %s', (op, end, start, passes) => {
    const form: FormDefinition = {
      fields: [
        { kind: 'date', key: 'start', label: text('start') },
        { kind: 'date', key: 'end', label: text('end') },
      ],
      rules: [{ kind: 'compare', field: 'end', op, than: { field: 'start' }, message: text('d') }],
    };
    expect(validateForm(form, { start, end }, {}).length === 0).toBe(passes);
  });

  it.each<[number, boolean]>([
    [0.5, true],
    [1, false],
    [1.5, false],
  ])('compares with a constant: %s below 1 passes: %s', (value, passes) => {
    const form: FormDefinition = {
      fields: [{ kind: 'decimal', key: 'ratio', label: text('ratio') }],
      rules: [
        { kind: 'compare', field: 'ratio', op: 'lt', than: { value: 1 }, message: text('ratio') },
      ],
    };
    expect(validateForm(form, { ratio: value }, {}).map((error) => error.rule)).toEqual(
      passes ? [] : ['rule'],
    );
  });
});

describe('normalizeValues', () => {
  it.each<[string, FormValues, FormValues]>([
    [
      'drops blanks, hidden answers, and resets read-only prefills from the item',
      { action: 'add', held: 999, removed: 4, reason: '', urgent: null, on: '' },
      { action: 'add', held: 25 },
    ],
    [
      'keeps the answers that apply',
      { action: 'remove', removed: 12, reason: 'closing' },
      { action: 'remove', held: 25, removed: 12, reason: 'closing', urgent: false },
    ],
  ])('%s', (_name, values, expected) => {
    expect(normalizeValues(licenceForm, values, licenceAttributes)).toEqual(expected);
  });

  it('drops an empty multiple choice, in rows too, and keeps empty rows lists', () => {
    const options = [{ value: 'a', label: text('a') }];
    const form: FormDefinition = {
      fields: [
        { kind: 'multichoice', key: 'tags', label: text('tags'), options },
        {
          kind: 'rows',
          key: 'lines',
          label: text('lines'),
          fields: [{ kind: 'multichoice', key: 'picks', label: text('picks'), options }],
        },
        { kind: 'rows', key: 'other', label: text('other'), fields: [] },
      ],
    };
    expect(
      normalizeValues(form, { tags: [], lines: [{ picks: [] }, { picks: ['a'] }], other: [] }, {}),
    ).toEqual({ lines: [{}, { picks: ['a'] }], other: [] });
  });

  it('hides a field whose condition reads a prefilled value', () => {
    const form: FormDefinition = {
      fields: [
        { kind: 'integer', key: 'held', label: text('held'), prefill: 'held', readOnly: true },
        {
          kind: 'text',
          key: 'why',
          label: text('why'),
          visibleWhen: { op: 'gt', field: 'held', value: 10 },
        },
      ],
    };
    expect(normalizeValues(form, { held: 50, why: 'w' }, { held: 5 })).toEqual({ held: 5 });
    expect(normalizeValues(form, { why: 'w' }, { held: 50 })).toEqual({ held: 50, why: 'w' });
  });

  it('agrees with dropBlankValues when nothing is conditional', () => {
    const values = { region: 'eu-west-0', project: '', lines: [{ quotaType: '', requested: 3 }] };
    expect(normalizeValues({ fields: quotaForm.fields }, values, {})).toEqual(
      dropBlankValues({ region: 'eu-west-0', lines: [{ requested: 3 }] }),
    );
  });
});

describe('applyPrefill: editable fields and other kinds', () => {
  const form: FormDefinition = {
    fields: [
      { kind: 'text', key: 'project', label: text('project'), prefill: 'project', readOnly: true },
      { kind: 'decimal', key: 'bandwidth', label: text('bw'), prefill: 'bandwidthGbps' },
      { kind: 'integer', key: 'held', label: text('held'), prefill: 'licencesHeld' },
    ],
  };
  const attributes = { project: 'acme-prod', bandwidthGbps: 2.5, licencesHeld: 'many' };

  it('starts editable fields with the item, with fillEditable only', () => {
    expect(applyPrefill(form, {}, attributes, { fillEditable: true })).toEqual({
      project: 'acme-prod',
      bandwidth: 2.5,
    });
    expect(applyPrefill(form, {}, attributes)).toEqual({ project: 'acme-prod' });
  });

  it('keeps what the user typed in an editable field', () => {
    expect(applyPrefill(form, { bandwidth: 10 }, attributes, { fillEditable: true })).toEqual({
      project: 'acme-prod',
      bandwidth: 10,
    });
  });

  it('never takes an attribute of the wrong type, and clears a read-only field then', () => {
    expect(applyPrefill(form, { project: 'typed' }, { project: 42 })).toEqual({});
  });

  it('returns the same object when nothing changes', () => {
    const values = { project: 'acme-prod', bandwidth: 1 };
    expect(applyPrefill(form, values, attributes, { fillEditable: true })).toBe(values);
  });
});

describe('defaults', () => {
  it('initialValues takes every kind’s default, and a first row of required rows with its defaults', () => {
    const form: FormDefinition = {
      fields: [
        { kind: 'text', key: 't', label: text('t'), default: 'hello' },
        { kind: 'integer', key: 'i', label: text('i'), default: 3 },
        { kind: 'decimal', key: 'd', label: text('d'), default: 0.5 },
        { kind: 'boolean', key: 'b', label: text('b'), default: false },
        {
          kind: 'multichoice',
          key: 'm',
          label: text('m'),
          default: ['a'],
          options: [{ value: 'a', label: text('a') }],
        },
        {
          kind: 'rows',
          key: 'r',
          label: text('r'),
          minRows: 1,
          fields: [{ kind: 'integer', key: 'n', label: text('n'), default: 1 }],
        },
      ],
    };
    const values = initialValues(form);
    expect(values).toEqual({ t: 'hello', i: 3, d: 0.5, b: false, m: ['a'], r: [{ n: 1 }] });
    const first = form.fields[4];
    if (first?.kind !== 'multichoice') throw new Error('unexpected');
    expect(values['m']).not.toBe(first.default);
  });

  it('initialRow gives a new row its defaults', () => {
    expect(
      initialRow({
        kind: 'rows',
        key: 'r',
        label: text('r'),
        fields: [
          { kind: 'choice', key: 'c', label: text('c'), default: 'x', options: [] },
          { kind: 'integer', key: 'n', label: text('n') },
        ],
      }),
    ).toEqual({ c: 'x' });
  });
});

describe('toJsonSchema: new kinds and conditions', () => {
  const options = ['a', 'b'].map((value) => ({ value, label: text(value) }));

  it.each<[string, Field, Record<string, unknown>, string[]]>([
    [
      'decimal with bounds and step',
      { kind: 'decimal', key: 'k', label: text('k'), min: 0, max: 1, step: 0.05 },
      { type: 'number', minimum: 0, maximum: 1, multipleOf: 0.05 },
      [],
    ],
    [
      'integer with a step',
      { kind: 'integer', key: 'k', label: text('k'), step: 10 },
      { type: 'integer', multipleOf: 10 },
      [],
    ],
    [
      'optional multiple choice',
      { kind: 'multichoice', key: 'k', label: text('k'), options, maxItems: 2 },
      {
        type: 'array',
        items: { type: 'string', enum: ['a', 'b'] },
        uniqueItems: true,
        maxItems: 2,
      },
      [],
    ],
    [
      'required multiple choice needs one answer at least',
      { kind: 'multichoice', key: 'k', label: text('k'), options, required: true },
      {
        type: 'array',
        items: { type: 'string', enum: ['a', 'b'] },
        uniqueItems: true,
        minItems: 1,
      },
      ['k'],
    ],
    [
      'a conditional field is never required by the schema',
      {
        kind: 'text',
        key: 'k',
        label: text('k'),
        required: true,
        visibleWhen: { op: 'filled', field: 'x' },
      },
      { type: 'string', maxLength: 4000, ...oneLine },
      [],
    ],
    [
      'nor a conditionally required one',
      {
        kind: 'text',
        key: 'k',
        label: text('k'),
        requiredWhen: { op: 'filled', field: 'x' },
      },
      { type: 'string', maxLength: 4000, ...oneLine },
      [],
    ],
    [
      'a conditional required field with a default always has a value',
      {
        kind: 'boolean',
        key: 'k',
        label: text('k'),
        required: true,
        default: true,
        visibleWhen: { op: 'filled', field: 'x' },
      },
      { type: 'boolean' },
      ['k'],
    ],
  ])('%s', (_name, field, property, required) => {
    expect(toJsonSchema({ fields: [field] })).toEqual({
      type: 'object',
      properties: { k: property },
      ...(required.length > 0 ? { required } : {}),
      additionalProperties: false,
    });
  });
});

describe('dates', () => {
  it.each<[string, string, string]>([
    ['2026-11-20T10:00:00Z', 'Europe/Paris', '2026-11-20'],
    ['2026-11-20T23:30:00Z', 'Europe/Paris', '2026-11-21'],
    ['2026-11-20T23:30:00Z', 'UTC', '2026-11-20'],
    ['2026-11-21T03:00:00Z', 'America/New_York', '2026-11-20'],
  ])('calendarDay(%s, %s) is %s', (at, timeZone, expected) => {
    expect(calendarDay(new Date(at), timeZone)).toBe(expected);
  });

  it.each<[string, number, string]>([
    ['2026-11-20', 1, '2026-11-21'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-11-20', 0, '2026-11-20'],
  ])('addDays(%s, %i) is %s', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });
});

describe('validateForm: rows that must differ (`distinct`)', () => {
  const [region, project, rows, justification] = quotaForm.fields as [Field, Field, Field, Field];
  /** « Modifier mes quotas » as the seed has it: one line per quota type. */
  const distinctForm: FormDefinition = {
    fields: [region, project, { ...(rows as RowsField), distinct: ['quotaType'] }, justification],
  };
  const lines = (...types: unknown[]): FormValues =>
    validQuota({ lines: types.map((quotaType) => ({ quotaType, requested: 90_000 })) });

  it.each<[string, FormValues, { path: string; rule: string }[]]>([
    ['three types', lines('instances', 'cores', 'ram'), []],
    [
      'the same type on lines 1 and 3',
      lines('instances', 'cores', 'instances'),
      [{ path: 'values.lines.2.quotaType', rule: 'distinctRow' }],
    ],
    [
      'the same type on lines 1 and 2',
      lines('ram', 'ram'),
      [{ path: 'values.lines.1.quotaType', rule: 'distinctRow' }],
    ],
    [
      'blank types are only « required »',
      lines(undefined, undefined),
      [
        { path: 'values.lines.0.quotaType', rule: 'required' },
        { path: 'values.lines.1.quotaType', rule: 'required' },
      ],
    ],
  ])('%s', (_, values, expected) => {
    const errors = validateForm(distinctForm, values, quotaAttributes, 'fr');
    expect(errors.map(({ path, rule }) => ({ path, rule }))).toEqual(expected);
  });

  it('says on the second line which line asked it first, in both languages', () => {
    const values = lines('instances', 'cores', 'instances');
    expect(validateForm(distinctForm, values, quotaAttributes, 'fr')[0]?.message).toBe(
      'Déjà demandé à la ligne 1 : une ligne par valeur',
    );
    expect(validateForm(distinctForm, values, quotaAttributes, 'en')[0]?.message).toBe(
      'Already asked on row 1: one row per value',
    );
  });

  it('allows the same type twice where the form does not ask for distinct rows', () => {
    expect(validateForm(quotaForm, lines('ram', 'ram'), quotaAttributes, 'fr')).toEqual([]);
  });
});
