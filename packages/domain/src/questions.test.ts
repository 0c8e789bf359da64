import { describe, expect, it } from 'vitest';
import type { FormDefinition } from './form.ts';
import {
  answerActionFor,
  defaultQuestionCancelAfterDays,
  questionExpiresAt,
  questionFollowUp,
  revisionChanges,
} from './questions.ts';
import type { QuestionFollowUp } from './questions.ts';

const askedAt = new Date('2026-11-20T10:00:00Z');
const at = (days: number, hours = 0) =>
  new Date(askedAt.getTime() + days * 86_400_000 + hours * 3_600_000);
const expiresAt = questionExpiresAt(askedAt, defaultQuestionCancelAfterDays);

describe('questionExpiresAt', () => {
  it.each([
    [14, '2026-12-04T10:00:00.000Z'],
    [8, '2026-11-28T10:00:00.000Z'],
    [30, '2026-12-20T10:00:00.000Z'],
  ])('%i days after the question → %s', (days, expected) => {
    expect(questionExpiresAt(askedAt, days).toISOString()).toBe(expected);
  });
});

describe('questionFollowUp (reminders after 3 and 7 days, then cancellation)', () => {
  it.each<[string, Date, number, QuestionFollowUp]>([
    ['just asked', at(0), 0, { kind: 'wait' }],
    ['a minute before 3 days', at(3, -1 / 60), 0, { kind: 'wait' }],
    ['at 3 days', at(3), 0, { kind: 'remind', reminder: 1 }],
    ['at 3 days, first reminder sent', at(3, 1), 1, { kind: 'wait' }],
    ['at 6 days, first reminder sent', at(6), 1, { kind: 'wait' }],
    ['at 7 days', at(7), 1, { kind: 'remind', reminder: 2 }],
    [
      'at 7 days, job stopped since day 2: the latest only',
      at(7),
      0,
      { kind: 'remind', reminder: 2 },
    ],
    ['at 8 days, both sent', at(8), 2, { kind: 'wait' }],
    ['a minute before the delay', at(14, -1 / 60), 2, { kind: 'wait' }],
    ['at the delay', at(14), 2, { kind: 'cancel' }],
    ['after the delay, reminders never sent', at(20), 0, { kind: 'cancel' }],
  ])('%s → %j', (_case, now, remindersSent, expected) => {
    expect(questionFollowUp({ askedAt, expiresAt, remindersSent }, now)).toEqual(expected);
  });

  it.each<[number, Date, QuestionFollowUp]>([
    // a delay of 7 days: the second reminder would fall on the cancellation, which says it all
    [7, at(6, 23), { kind: 'remind', reminder: 1 }],
    [7, at(7), { kind: 'cancel' }],
    [5, at(4), { kind: 'remind', reminder: 1 }],
  ])('with a %i-day delay at %s → %j', (days, now, expected) => {
    const expires = questionExpiresAt(askedAt, days);
    expect(questionFollowUp({ askedAt, expiresAt: expires, remindersSent: 0 }, now)).toEqual(
      expected,
    );
  });
});

describe('answerActionFor', () => {
  it.each([
    ['in_review', 'answer_question'],
    ['quote_pending', 'answer_question_on_quote'],
  ] as const)('a question asked from %s is answered by %s', (from, action) => {
    expect(answerActionFor(from)).toBe(action);
  });
});

const form: FormDefinition = {
  fields: [
    {
      key: 'region',
      kind: 'choice',
      label: { fr: 'Région', en: 'Region' },
      options: [
        { value: 'eu-west-0', label: { fr: 'Paris', en: 'Paris' } },
        { value: 'eu-west-2', label: { fr: 'Amsterdam', en: 'Amsterdam' } },
      ],
    },
    { key: 'urgent', kind: 'boolean', label: { fr: 'Urgent', en: 'Urgent' } },
    { key: 'details', kind: 'text', label: { fr: 'Détails', en: 'Details' } },
    {
      key: 'lines',
      kind: 'rows',
      label: { fr: 'Quotas', en: 'Quotas' },
      fields: [
        { key: 'quotaType', kind: 'text', label: { fr: 'Type', en: 'Type' } },
        { key: 'requested', kind: 'integer', label: { fr: 'Demandé', en: 'Requested' } },
      ],
    },
  ],
};

describe('revisionChanges', () => {
  const before = {
    region: 'eu-west-0',
    urgent: false,
    details: 'Merci',
    lines: [{ quotaType: 'vcpus', requested: 30 }],
  };

  it.each([
    ['nothing changed', before, []],
    [
      'a choice and a boolean, with their labels',
      { ...before, region: 'eu-west-2', urgent: true },
      [
        {
          path: 'values.region',
          label: { fr: 'Région', en: 'Region' },
          before: { fr: 'Paris', en: 'Paris' },
          after: { fr: 'Amsterdam', en: 'Amsterdam' },
        },
        {
          path: 'values.urgent',
          label: { fr: 'Urgent', en: 'Urgent' },
          before: { fr: 'Non', en: 'No' },
          after: { fr: 'Oui', en: 'Yes' },
        },
      ],
    ],
    [
      'a text emptied (an empty answer is no answer)',
      { ...before, details: '' },
      [
        {
          path: 'values.details',
          label: { fr: 'Détails', en: 'Details' },
          before: { fr: 'Merci', en: 'Merci' },
          after: null,
        },
      ],
    ],
    [
      'a cell changed and a row added',
      {
        ...before,
        lines: [
          { quotaType: 'vcpus', requested: 40 },
          { quotaType: 'ram', requested: 1 },
        ],
      },
      [
        {
          path: 'values.lines.0.requested',
          label: { fr: 'Quotas (ligne 1) — Demandé', en: 'Quotas (row 1) — Requested' },
          before: { fr: '30', en: '30' },
          after: { fr: '40', en: '40' },
        },
        {
          path: 'values.lines.1.quotaType',
          label: { fr: 'Quotas (ligne 2) — Type', en: 'Quotas (row 2) — Type' },
          before: null,
          after: { fr: 'ram', en: 'ram' },
        },
        {
          path: 'values.lines.1.requested',
          label: { fr: 'Quotas (ligne 2) — Demandé', en: 'Quotas (row 2) — Requested' },
          before: null,
          after: { fr: '1', en: '1' },
        },
      ],
    ],
    [
      'an absent answer and an empty one are the same',
      { ...before, details: undefined, urgent: false },
      [
        {
          path: 'values.details',
          label: { fr: 'Détails', en: 'Details' },
          before: { fr: 'Merci', en: 'Merci' },
          after: null,
        },
      ],
    ],
  ])('%s', (_case, after, expected) => {
    expect(revisionChanges(form, before, after)).toEqual(expected);
  });
});
