import { describe, expect, it } from 'vitest';
import { migrateValues } from './form-migration.ts';
import type { FormChange } from './form-migration.ts';
import type { Field, FormDefinition, FormValues, Text } from './form.ts';

const text = (value: string): Text => ({ fr: `${value} (fr)`, en: `${value} (en)` });
const options = (...values: string[]) => values.map((value) => ({ value, label: text(value) }));

/** Version N of « Modifier mes quotas », roughly. */
const v1: FormDefinition = {
  fields: [
    {
      kind: 'choice',
      key: 'region',
      label: text('Région'),
      required: true,
      options: options('eu-west-0'),
    },
    { kind: 'text', key: 'project', label: text('Projet'), required: true, maxLength: 64 },
    {
      kind: 'rows',
      key: 'lines',
      label: text('Quotas'),
      required: true,
      minRows: 1,
      maxRows: 3,
      fields: [
        {
          kind: 'choice',
          key: 'quotaType',
          label: text('Type'),
          required: true,
          options: options('vcpus', 'ram', 'gpus'),
        },
        { kind: 'integer', key: 'requested', label: text('Demandé'), required: true, min: 1 },
        { kind: 'text', key: 'note', label: text('Note') },
      ],
    },
    { kind: 'text', key: 'justification', label: text('Justification'), multiline: true },
    { kind: 'choice', key: 'urgency', label: text('Urgence'), options: options('low', 'high') },
  ],
};

const draft: FormValues = {
  region: 'eu-west-0',
  project: 'acme-prod-with-a-long-name',
  lines: [
    { quotaType: 'vcpus', requested: 40, note: 'peak' },
    { quotaType: 'gpus', requested: 2 },
  ],
  justification: 'Winter sales',
  urgency: 'high',
};

const summary = (changes: FormChange[]) => changes.map((change) => `${change.kind} ${change.path}`);

describe('migrateValues', () => {
  it('keeps everything when the form did not change', () => {
    expect(migrateValues(v1, v1, draft)).toEqual({ values: draft, changes: [] });
  });

  it('keeps what fits, drops what does not, and says so', () => {
    const v2: FormDefinition = {
      fields: [
        // unchanged
        v1.fields[0] as Field,
        // shorter: the long name is kept, to review
        { kind: 'text', key: 'project', label: text('Projet'), required: true, maxLength: 10 },
        {
          kind: 'rows',
          key: 'lines',
          label: text('Quotas'),
          required: true,
          minRows: 1,
          maxRows: 3,
          fields: [
            // gpus withdrawn: that answer is dropped
            {
              kind: 'choice',
              key: 'quotaType',
              label: text('Type'),
              required: true,
              options: options('vcpus', 'ram'),
            },
            // an integer becomes a decimal: kept
            {
              kind: 'decimal',
              key: 'requested',
              label: text('Valeur demandée'),
              required: true,
              min: 1,
            },
            // note removed; a new column with a default
            { kind: 'boolean', key: 'burst', label: text('Burst'), default: false },
          ],
        },
        // justification removed; urgency becomes a multiple choice; a new required question
        {
          kind: 'multichoice',
          key: 'urgency',
          label: text('Urgence'),
          options: options('low', 'high'),
        },
        { kind: 'date', key: 'wanted', label: text('Date souhaitée'), required: true },
      ],
    };
    const { values, changes } = migrateValues(v1, v2, draft);
    expect(values).toEqual({
      region: 'eu-west-0',
      project: 'acme-prod-with-a-long-name',
      lines: [
        { quotaType: 'vcpus', requested: 40, burst: false },
        { requested: 2, burst: false },
      ],
      urgency: ['high'],
    });
    expect(summary(changes)).toEqual([
      'toReview values.project',
      'relabelled values.lines.*.requested',
      'added values.lines.*.burst',
      'removed values.lines.0.note',
      'dropped values.lines.1.quotaType',
      'added values.wanted',
      'removed values.justification',
    ]);
    expect(changes.find((change) => change.path === 'values.lines.1.quotaType')?.previous).toBe(
      'gpus',
    );
    expect(changes.find((change) => change.path === 'values.justification')?.previous).toBe(
      'Winter sales',
    );
    expect(
      changes.find((change) => change.kind === 'added' && change.path === 'values.wanted')
        ?.isRequired,
    ).toBe(true);
    expect(changes.find((change) => change.kind === 'relabelled')?.previousLabel).toEqual(
      text('Demandé'),
    );
  });

  it.each<[string, Field, Field, unknown, unknown, string[]]>([
    [
      'a withdrawn option',
      { kind: 'choice', key: 'x', label: text('x'), options: options('a', 'b') },
      { kind: 'choice', key: 'x', label: text('x'), options: options('a') },
      'b',
      undefined,
      ['dropped values.x'],
    ],
    [
      'a kept option',
      { kind: 'choice', key: 'x', label: text('x'), options: options('a', 'b') },
      { kind: 'choice', key: 'x', label: text('x'), options: options('a') },
      'a',
      'a',
      [],
    ],
    [
      'one of several choices to a single choice',
      { kind: 'multichoice', key: 'x', label: text('x'), options: options('a', 'b') },
      { kind: 'choice', key: 'x', label: text('x'), options: options('a', 'b') },
      ['a', 'b'],
      undefined,
      ['dropped values.x'],
    ],
    [
      'a lone multiple choice to a single choice',
      { kind: 'multichoice', key: 'x', label: text('x'), options: options('a', 'b') },
      { kind: 'choice', key: 'x', label: text('x'), options: options('a', 'b') },
      ['b'],
      'b',
      [],
    ],
    [
      'a whole decimal to an integer',
      { kind: 'decimal', key: 'x', label: text('x') },
      { kind: 'integer', key: 'x', label: text('x') },
      4,
      4,
      [],
    ],
    [
      'a fraction to an integer',
      { kind: 'decimal', key: 'x', label: text('x') },
      { kind: 'integer', key: 'x', label: text('x') },
      4.5,
      undefined,
      ['dropped values.x'],
    ],
    [
      'a number to a text',
      { kind: 'integer', key: 'x', label: text('x') },
      { kind: 'text', key: 'x', label: text('x') },
      12,
      '12',
      [],
    ],
    [
      'a text to a date',
      { kind: 'text', key: 'x', label: text('x') },
      { kind: 'date', key: 'x', label: text('x') },
      'soon',
      undefined,
      ['dropped values.x'],
    ],
    [
      'a yes/no to a choice',
      { kind: 'boolean', key: 'x', label: text('x') },
      { kind: 'choice', key: 'x', label: text('x'), options: options('yes') },
      true,
      undefined,
      ['dropped values.x'],
    ],
    [
      'a number out of the new bounds is kept, to review',
      { kind: 'integer', key: 'x', label: text('x') },
      { kind: 'integer', key: 'x', label: text('x'), max: 10 },
      50,
      50,
      ['toReview values.x'],
    ],
    [
      'a text off the new pattern is kept, to review',
      { kind: 'text', key: 'x', label: text('x') },
      { kind: 'text', key: 'x', label: text('x'), pattern: '^[a-z]+$' },
      'A1',
      'A1',
      ['toReview values.x'],
    ],
    [
      'a question that became required',
      { kind: 'text', key: 'x', label: text('x') },
      { kind: 'text', key: 'x', label: text('x'), required: true },
      undefined,
      undefined,
      ['nowRequired values.x'],
    ],
    [
      'a required question already answered',
      { kind: 'text', key: 'x', label: text('x') },
      { kind: 'text', key: 'x', label: text('x'), required: true },
      'ok',
      'ok',
      [],
    ],
    [
      'a list that is no longer a list',
      { kind: 'rows', key: 'x', label: text('x'), fields: [] },
      { kind: 'text', key: 'x', label: text('x') },
      [{}],
      undefined,
      ['dropped values.x'],
    ],
    [
      'a text that became a list',
      { kind: 'text', key: 'x', label: text('x') },
      { kind: 'rows', key: 'x', label: text('x'), fields: [] },
      'a',
      undefined,
      ['dropped values.x'],
    ],
  ])('%s', (_name, from, to, before, after, expected) => {
    const { values, changes } = migrateValues(
      { fields: [from] },
      { fields: [to] },
      before === undefined ? {} : { x: before },
    );
    expect(values).toEqual(after === undefined ? {} : { x: after });
    expect(summary(changes)).toEqual(expected);
  });

  it('keeps the rows that fit the new maximum and reports the others', () => {
    const rows = (maxRows: number): FormDefinition => ({
      fields: [
        {
          kind: 'rows',
          key: 'r',
          label: text('r'),
          maxRows,
          fields: [{ kind: 'integer', key: 'n', label: text('n') }],
        },
      ],
    });
    const { values, changes } = migrateValues(rows(3), rows(1), {
      r: [{ n: 1 }, { n: 2 }, { n: 3 }],
    });
    expect(values).toEqual({ r: [{ n: 1 }] });
    expect(changes).toEqual([
      { kind: 'dropped', path: 'values.r', label: text('r'), previous: [{ n: 2 }, { n: 3 }] },
    ]);
  });

  it('reports a new question, a removed one and required rows once, with defaults', () => {
    const from: FormDefinition = { fields: [{ kind: 'text', key: 'old', label: text('old') }] };
    const to: FormDefinition = {
      fields: [
        {
          kind: 'choice',
          key: 'size',
          label: text('size'),
          default: 's',
          options: options('s', 'm'),
        },
        {
          kind: 'rows',
          key: 'lines',
          label: text('lines'),
          minRows: 1,
          fields: [{ kind: 'integer', key: 'n', label: text('n'), default: 1 }],
        },
      ],
    };
    const { values, changes } = migrateValues(from, to, {});
    expect(values).toEqual({ size: 's', lines: [{ n: 1 }] });
    expect(summary(changes)).toEqual([
      'added values.size',
      'added values.lines',
      'removed values.old',
    ]);
  });

  it('drops answers to keys neither version knows, and never changes its input', () => {
    const values = { project: 'p', stray: 1 };
    const copy = structuredClone(values);
    expect(migrateValues(v1, v1, values).values).toEqual({ project: 'p' });
    expect(values).toEqual(copy);
  });
});

describe('migrateValues: how a dropped choice reads', () => {
  it('gives the labels of the options chosen, in both languages', () => {
    const from: FormDefinition = {
      fields: [{ kind: 'multichoice', key: 'x', label: text('x'), options: options('a', 'b') }],
    };
    const to: FormDefinition = {
      fields: [{ kind: 'multichoice', key: 'x', label: text('x'), options: options('a') }],
    };
    const [change] = migrateValues(from, to, { x: ['a', 'b'] }).changes;
    expect(change).toEqual({
      kind: 'dropped',
      path: 'values.x',
      label: text('x'),
      previous: ['a', 'b'],
      previousText: { fr: 'a (fr), b (fr)', en: 'a (en), b (en)' },
    });
  });
});
