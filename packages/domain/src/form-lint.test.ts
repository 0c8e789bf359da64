import { describe, expect, it } from 'vitest';
import { lintForm, lintRules } from './form-lint.ts';
import type { Condition, Field, FormDefinition, FormRule, ScalarField, Text } from './form.ts';

const text = (value: string): Text => ({ fr: `${value} (fr)`, en: `${value} (en)` });
const options = (...values: string[]) => values.map((value) => ({ value, label: text(value) }));

/** A form that follows every rule: conditions, rules, rows, prefills, defaults. */
const sound: FormDefinition = {
  fields: [
    {
      kind: 'choice',
      key: 'action',
      label: text('action'),
      required: true,
      options: options('add', 'remove'),
    },
    { kind: 'integer', key: 'held', label: text('held'), prefill: 'licencesHeld', readOnly: true },
    {
      kind: 'integer',
      key: 'removed',
      label: text('removed'),
      min: 1,
      max: 100,
      step: 1,
      visibleWhen: { op: 'equals', field: 'action', value: 'remove' },
      requiredWhen: { op: 'equals', field: 'action', value: 'remove' },
    },
    {
      kind: 'boolean',
      key: 'urgent',
      label: text('urgent'),
      required: true,
      default: false,
      visibleWhen: { op: 'equals', field: 'action', value: 'add' },
    },
    {
      kind: 'multichoice',
      key: 'sites',
      label: text('sites'),
      options: options('paris', 'lyon'),
      minItems: 1,
      maxItems: 2,
    },
    {
      kind: 'decimal',
      key: 'bandwidth',
      label: text('bandwidth'),
      step: 0.5,
      min: 0,
      visibleWhen: { op: 'includes', field: 'sites', value: 'lyon' },
    },
    {
      kind: 'rows',
      key: 'lines',
      label: text('lines'),
      minRows: 1,
      maxRows: 5,
      visibleWhen: {
        op: 'any',
        conditions: [
          { op: 'filled', field: 'sites' },
          { op: 'gt', field: 'removed', value: 3 },
        ],
      },
      fields: [
        {
          kind: 'choice',
          key: 'quotaType',
          label: text('type'),
          required: true,
          options: options('vcpus'),
        },
        {
          kind: 'integer',
          key: 'current',
          label: text('current'),
          prefill: 'quotas.{quotaType}',
          readOnly: true,
        },
        { kind: 'integer', key: 'requested', label: text('requested'), required: true, min: 1 },
        {
          kind: 'text',
          key: 'why',
          label: text('why'),
          pattern: '^[\\p{L} ]+$',
          visibleWhen: { op: 'equals', field: 'action', value: 'remove' },
        },
      ],
    },
    { kind: 'date', key: 'from', label: text('from'), help: text('from help') },
    { kind: 'date', key: 'to', label: text('to') },
  ],
  rules: [
    {
      kind: 'compare',
      field: 'removed',
      op: 'lte',
      than: { asset: 'licencesHeld' },
      message: text('held'),
    },
    {
      kind: 'compare',
      field: 'lines.requested',
      op: 'gt',
      than: { field: 'current' },
      message: text('more'),
    },
    {
      kind: 'compare',
      field: 'lines.requested',
      op: 'lt',
      than: { asset: 'limits.{quotaType}' },
      message: text('limit'),
    },
    { kind: 'compare', field: 'bandwidth', op: 'lte', than: { value: 10 }, message: text('max') },
    { kind: 'compare', field: 'to', op: 'gte', than: { field: 'from' }, message: text('order') },
    { kind: 'futureDate', field: 'from', minDays: 2, message: text('future') },
  ],
};

const field = (extra: Partial<Field> & Pick<Field, 'kind'>, key = 'x'): Field =>
  ({ key, label: text(key), ...extra }) as Field;
const choice = (key: string, ...values: string[]): Field =>
  field({ kind: 'choice', options: options(...values) }, key);
const when = (condition: Condition, extra: Partial<ScalarField> = {}, key = 'y'): Field =>
  field(
    { kind: 'text', visibleWhen: condition, ...extra } as Partial<Field> & Pick<Field, 'kind'>,
    key,
  );
const rule = (extra: Partial<FormRule>): FormRule => ({
  kind: 'compare',
  field: 'n',
  op: 'gt',
  than: { value: 0 },
  message: text('m'),
  ...extra,
});

/** `[path, rule]` of each issue, in order. */
function issues(form: FormDefinition): string[] {
  return lintForm(form, 'en').map((issue) => `${issue.path} ${issue.rule}`);
}

describe('lintForm', () => {
  it('finds nothing wrong with a sound form, nor with an empty one', () => {
    expect(issues(sound)).toEqual([]);
    expect(issues({ fields: [] })).toEqual([]);
  });

  it.each<[string, FormDefinition, string[]]>([
    // keys
    [
      'duplicate keys',
      { fields: [field({ kind: 'text' }), field({ kind: 'integer' })] },
      ['fields.1.key duplicate_key'],
    ],
    [
      'duplicate keys inside rows',
      {
        fields: [
          field({
            kind: 'rows',
            fields: [field({ kind: 'text' }, 'a'), field({ kind: 'date' }, 'a')] as ScalarField[],
          }),
        ],
      },
      ['fields.0.fields.1.key duplicate_key'],
    ],
    [
      'a key with a dot',
      { fields: [field({ kind: 'text' }, 'a.b')] },
      ['fields.0.key invalid_key'],
    ],
    [
      'a key starting with a digit',
      { fields: [field({ kind: 'text' }, '1a')] },
      ['fields.0.key invalid_key'],
    ],
    ['an empty key', { fields: [field({ kind: 'text' }, '')] }, ['fields.0.key invalid_key']],
    // labels
    [
      'a label without English',
      { fields: [{ kind: 'text', key: 'x', label: { fr: 'Nom', en: ' ' } }] },
      ['fields.0.label.en missing_label'],
    ],
    [
      'a help text without French',
      { fields: [{ kind: 'text', key: 'x', label: text('x'), help: { fr: '', en: 'Help' } }] },
      ['fields.0.help.fr missing_label'],
    ],
    [
      'an option without a label',
      { fields: [field({ kind: 'choice', options: [{ value: 'a', label: { fr: '', en: '' } }] })] },
      ['fields.0.options.0.label.fr missing_label', 'fields.0.options.0.label.en missing_label'],
    ],
    // text
    [
      'an invalid pattern',
      { fields: [field({ kind: 'text', pattern: '^(a' })] },
      ['fields.0.pattern invalid_pattern'],
    ],
    [
      'a pattern Ajv refuses in unicode mode',
      { fields: [field({ kind: 'text', pattern: '\\-\\q' })] },
      ['fields.0.pattern invalid_pattern'],
    ],
    [
      'minLength above maxLength',
      { fields: [field({ kind: 'text', minLength: 5, maxLength: 2 })] },
      ['fields.0.minLength invalid_bounds'],
    ],
    [
      'a negative length',
      { fields: [field({ kind: 'text', minLength: -1 })] },
      ['fields.0.maxLength invalid_bounds'],
    ],
    [
      'a default off the pattern',
      { fields: [field({ kind: 'text', pattern: '^a+$', default: 'b' })] },
      ['fields.0.default invalid_default'],
    ],
    // numbers
    [
      'min above max',
      { fields: [field({ kind: 'integer', min: 3, max: 1 })] },
      ['fields.0.min invalid_bounds'],
    ],
    [
      'a step of zero',
      { fields: [field({ kind: 'decimal', step: 0 })] },
      ['fields.0.step invalid_step'],
    ],
    [
      'a negative step',
      { fields: [field({ kind: 'decimal', step: -0.5 })] },
      ['fields.0.step invalid_step'],
    ],
    [
      'a decimal step on an integer',
      { fields: [field({ kind: 'integer', step: 0.5 })] },
      ['fields.0.step invalid_step'],
    ],
    [
      'a default off the step',
      { fields: [field({ kind: 'decimal', step: 0.5, default: 0.3 })] },
      ['fields.0.default invalid_default'],
    ],
    [
      'a default out of bounds',
      { fields: [field({ kind: 'integer', max: 5, default: 6 })] },
      ['fields.0.default invalid_default'],
    ],
    [
      'a read-only field with nothing to prefill it',
      { fields: [field({ kind: 'integer', readOnly: true })] },
      ['fields.0.prefill invalid_prefill'],
    ],
    [
      'a prefill naming an unknown sibling',
      { fields: [field({ kind: 'integer', prefill: 'quotas.{kind}' })] },
      ['fields.0.prefill invalid_prefill'],
    ],
    // choices
    [
      'a choice without options',
      { fields: [field({ kind: 'choice', options: [] })] },
      ['fields.0.options no_options'],
    ],
    [
      'a duplicate option',
      { fields: [field({ kind: 'choice', options: options('a', 'a') })] },
      ['fields.0.options.1.value duplicate_option'],
    ],
    [
      'an empty option value',
      { fields: [field({ kind: 'choice', options: options('') })] },
      ['fields.0.options.0.value duplicate_option'],
    ],
    [
      'a default outside the options',
      { fields: [field({ kind: 'choice', options: options('a'), default: 'b' })] },
      ['fields.0.default invalid_default'],
    ],
    [
      'a multiple default outside the options',
      { fields: [field({ kind: 'multichoice', options: options('a'), default: ['a', 'z'] })] },
      ['fields.0.default invalid_default'],
    ],
    [
      'more choices required than offered',
      { fields: [field({ kind: 'multichoice', options: options('a'), minItems: 2 })] },
      ['fields.0.minItems invalid_bounds'],
    ],
    [
      'minItems above maxItems',
      {
        fields: [
          field({ kind: 'multichoice', options: options('a', 'b'), minItems: 2, maxItems: 1 }),
        ],
      },
      ['fields.0.minItems invalid_bounds'],
    ],
    // rows
    [
      'rows without columns',
      { fields: [field({ kind: 'rows', fields: [] })] },
      ['fields.0.fields empty_rows'],
    ],
    [
      'minRows above maxRows',
      {
        fields: [
          field({
            kind: 'rows',
            minRows: 3,
            maxRows: 2,
            fields: [field({ kind: 'text' }, 'a')] as ScalarField[],
          }),
        ],
      },
      ['fields.0.minRows invalid_bounds'],
    ],
    // conditions
    [
      'a condition on a missing field',
      { fields: [when({ op: 'filled', field: 'ghost' })] },
      ['fields.0.visibleWhen unknown_field', 'fields.0.visibleWhen unreachable_field'],
    ],
    [
      'a requiredWhen on a missing field',
      { fields: [field({ kind: 'text', requiredWhen: { op: 'filled', field: 'ghost' } })] },
      ['fields.0.requiredWhen unknown_field'],
    ],
    [
      'a condition on a later field',
      { fields: [when({ op: 'filled', field: 'x' }), field({ kind: 'text' })] },
      ['fields.0.visibleWhen forward_reference', 'fields.0.visibleWhen unreachable_field'],
    ],
    [
      'a condition on itself',
      { fields: [when({ op: 'filled', field: 'y' })] },
      ['fields.0.visibleWhen forward_reference', 'fields.0.visibleWhen unreachable_field'],
    ],
    [
      'includes on a single choice',
      { fields: [choice('c', 'a'), when({ op: 'includes', field: 'c', value: 'a' })] },
      ['fields.1.visibleWhen invalid_condition', 'fields.1.visibleWhen unreachable_field'],
    ],
    [
      'gt on a text',
      { fields: [field({ kind: 'text' }, 't'), when({ op: 'gt', field: 't', value: 1 })] },
      ['fields.1.visibleWhen invalid_condition', 'fields.1.visibleWhen unreachable_field'],
    ],
    [
      'in with no values',
      { fields: [choice('c', 'a'), when({ op: 'in', field: 'c', values: [] })] },
      ['fields.1.visibleWhen invalid_condition', 'fields.1.visibleWhen unreachable_field'],
    ],
    [
      'an empty all',
      { fields: [when({ op: 'all', conditions: [] })] },
      ['fields.0.visibleWhen invalid_condition'],
    ],
    [
      'equals on rows',
      {
        fields: [
          field({ kind: 'rows', fields: [field({ kind: 'text' }, 'a')] as ScalarField[] }, 'r'),
          when({ op: 'equals', field: 'r', value: 'a' }),
        ],
      },
      ['fields.1.visibleWhen invalid_condition', 'fields.1.visibleWhen unreachable_field'],
    ],
    // unreachable
    [
      'a value the choice does not offer',
      { fields: [choice('c', 'a', 'b'), when({ op: 'equals', field: 'c', value: 'z' })] },
      ['fields.1.visibleWhen unreachable_field'],
    ],
    [
      'a yes/no compared with text',
      {
        fields: [
          field({ kind: 'boolean' }, 'b'),
          when({ op: 'equals', field: 'b', value: 'true' }),
        ],
      },
      ['fields.1.visibleWhen unreachable_field'],
    ],
    [
      'a number above the maximum',
      {
        fields: [
          field({ kind: 'integer', max: 10 }, 'n'),
          when({ op: 'gt', field: 'n', value: 10 }),
        ],
      },
      ['fields.1.visibleWhen unreachable_field'],
    ],
    [
      'a number below the minimum',
      {
        fields: [field({ kind: 'integer', min: 1 }, 'n'), when({ op: 'lt', field: 'n', value: 1 })],
      },
      ['fields.1.visibleWhen unreachable_field'],
    ],
    [
      'equals on a multiple choice',
      {
        fields: [
          field({ kind: 'multichoice', options: options('a') }, 'm'),
          when({ op: 'equals', field: 'm', value: 'a' }),
        ],
      },
      ['fields.1.visibleWhen unreachable_field'],
    ],
    [
      'an option a multiple choice does not offer',
      {
        fields: [
          field({ kind: 'multichoice', options: options('a') }, 'm'),
          when({ op: 'includes', field: 'm', value: 'z' }),
        ],
      },
      ['fields.1.visibleWhen unreachable_field'],
    ],
    [
      'two values at once',
      {
        fields: [
          choice('c', 'a', 'b'),
          when({
            op: 'all',
            conditions: [
              { op: 'equals', field: 'c', value: 'a' },
              { op: 'equals', field: 'c', value: 'b' },
            ],
          }),
        ],
      },
      ['fields.1.visibleWhen unreachable_field'],
    ],
    [
      'a value and not that value',
      {
        fields: [
          choice('c', 'a', 'b'),
          when({
            op: 'all',
            conditions: [
              { op: 'equals', field: 'c', value: 'a' },
              { op: 'notEquals', field: 'c', value: 'a' },
            ],
          }),
        ],
      },
      ['fields.1.visibleWhen unreachable_field'],
    ],
    [
      'a field shown only by an unreachable one',
      {
        fields: [
          choice('c', 'a'),
          when({ op: 'equals', field: 'c', value: 'z' }, {}, 'y'),
          when({ op: 'filled', field: 'y' }, {}, 'w'),
        ],
      },
      ['fields.1.visibleWhen unreachable_field', 'fields.2.visibleWhen unreachable_field'],
    ],
    [
      'any with one reachable branch is reachable',
      {
        fields: [
          choice('c', 'a'),
          when({
            op: 'any',
            conditions: [
              { op: 'equals', field: 'c', value: 'z' },
              { op: 'equals', field: 'c', value: 'a' },
            ],
          }),
        ],
      },
      [],
    ],
    [
      'empty on anything is reachable',
      { fields: [choice('c', 'a'), when({ op: 'empty', field: 'c' })] },
      [],
    ],
    // required and hidden
    [
      'a required field that can be hidden with no default',
      {
        fields: [
          choice('c', 'a'),
          when({ op: 'equals', field: 'c', value: 'a' }, { required: true }),
        ],
      },
      ['fields.1.required hidden_required'],
    ],
    [
      'a required date that can be hidden (dates have no default)',
      {
        fields: [
          choice('c', 'a'),
          field({ kind: 'date', required: true, visibleWhen: { op: 'filled', field: 'c' } }),
        ],
      },
      ['fields.1.required hidden_required'],
    ],
    [
      'required rows that can be hidden',
      {
        fields: [
          choice('c', 'a'),
          field({
            kind: 'rows',
            required: true,
            visibleWhen: { op: 'filled', field: 'c' },
            fields: [field({ kind: 'text' }, 'a')] as ScalarField[],
          }),
        ],
      },
      ['fields.1.required hidden_required'],
    ],
    [
      'a conditionally required field is fine',
      {
        fields: [
          choice('c', 'a'),
          when(
            { op: 'equals', field: 'c', value: 'a' },
            { requiredWhen: { op: 'equals', field: 'c', value: 'a' } },
          ),
        ],
      },
      [],
    ],
    // rows conditions
    [
      'a column reading a top-level field after the rows',
      {
        fields: [
          field(
            { kind: 'rows', fields: [when({ op: 'filled', field: 'late' })] as ScalarField[] },
            'r',
          ),
          field({ kind: 'text' }, 'late'),
        ],
      },
      [
        'fields.0.fields.0.visibleWhen unknown_field',
        'fields.0.fields.0.visibleWhen unreachable_field',
      ],
    ],
    [
      'columns of unreachable rows are not reported again',
      {
        fields: [
          choice('c', 'a'),
          field(
            {
              kind: 'rows',
              visibleWhen: { op: 'equals', field: 'c', value: 'z' },
              fields: [
                field({ kind: 'text' }, 'a'),
                when({ op: 'filled', field: 'a' }),
              ] as ScalarField[],
            },
            'r',
          ),
        ],
      },
      ['fields.1.visibleWhen unreachable_field'],
    ],
    // rules
    [
      'a rule on a missing field',
      { fields: [], rules: [rule({ field: 'n' })] },
      ['rules.0.field unknown_field'],
    ],
    [
      'a rule on a missing column',
      {
        fields: [
          field({ kind: 'rows', fields: [field({ kind: 'integer' }, 'a')] as ScalarField[] }, 'r'),
        ],
        rules: [rule({ field: 'r.b' })],
      },
      ['rules.0.field unknown_field'],
    ],
    [
      'a rule on a column of a scalar',
      { fields: [field({ kind: 'integer' }, 'n')], rules: [rule({ field: 'n.a' })] },
      ['rules.0.field unknown_field'],
    ],
    [
      'a rule too deep',
      { fields: [field({ kind: 'integer' }, 'n')], rules: [rule({ field: 'a.b.c' })] },
      ['rules.0.field unknown_field'],
    ],
    [
      'a comparison of a text',
      { fields: [field({ kind: 'text' }, 'n')], rules: [rule({})] },
      ['rules.0.field invalid_rule'],
    ],
    [
      'a comparison with a missing field',
      { fields: [field({ kind: 'integer' }, 'n')], rules: [rule({ than: { field: 'ghost' } })] },
      ['rules.0.than unknown_field'],
    ],
    [
      'a comparison of a number with a date',
      {
        fields: [field({ kind: 'integer' }, 'n'), field({ kind: 'date' }, 'd')],
        rules: [rule({ than: { field: 'd' } })],
      },
      ['rules.0.than invalid_rule'],
    ],
    [
      'a date compared with a constant',
      { fields: [field({ kind: 'date' }, 'n')], rules: [rule({})] },
      ['rules.0.than invalid_rule'],
    ],
    [
      'an attribute naming an unknown sibling',
      {
        fields: [field({ kind: 'integer' }, 'n')],
        rules: [rule({ than: { asset: 'quotas.{type}' } })],
      },
      ['rules.0.than unknown_field'],
    ],
    [
      'a future rule on a text',
      {
        fields: [field({ kind: 'text' }, 'n')],
        rules: [{ kind: 'futureDate', field: 'n', message: text('m') }],
      },
      ['rules.0.field invalid_rule'],
    ],
    [
      'a negative number of days',
      {
        fields: [field({ kind: 'date' }, 'n')],
        rules: [{ kind: 'futureDate', field: 'n', minDays: -1, message: text('m') }],
      },
      ['rules.0.minDays invalid_rule'],
    ],
    [
      'a rule without its English message',
      {
        fields: [field({ kind: 'integer' }, 'n')],
        rules: [rule({ message: { fr: 'Non', en: '' } })],
      },
      ['rules.0.message.en missing_label'],
    ],
  ])('%s', (_name, form, expected) => {
    expect(issues(form)).toEqual(expected);
  });

  it('says it in the caller’s language', () => {
    const form: FormDefinition = { fields: [field({ kind: 'text', pattern: '(' })] };
    expect(lintForm(form, 'fr')[0]?.message).toBe('Expression régulière invalide');
    expect(lintForm(form, 'en')[0]?.message).toBe('Invalid regular expression');
    expect(lintForm(form)[0]?.message).toBe('Expression régulière invalide');
  });

  it('uses only the documented rule keys', () => {
    const keys = new Set<string>(lintRules);
    const all = [
      { fields: [field({ kind: 'text' }, '1'), field({ kind: 'text' }, '1')] },
      { fields: [when({ op: 'equals', field: 'ghost', value: 1 }, { required: true })] },
    ].flatMap((form) => lintForm(form));
    expect(all.length).toBeGreaterThan(3);
    for (const issue of all) expect(keys.has(issue.rule ?? '')).toBe(true);
  });
});
