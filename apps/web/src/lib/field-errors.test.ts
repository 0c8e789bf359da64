import { describe, expect, it } from 'vitest';
import { errorId, fieldId, isUnder, messagesByPath, withoutErrorsUnder } from './field-errors.ts';

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
