import { describe, expect, it } from 'vitest';
import { findTextFaults, jsonNestsDeeperThan, textFault } from './text.ts';

describe('textFault', () => {
  it.each([
    ['plain', 'Crème brûlée', false, null],
    ['NFD', 'Cre\u0300me', false, null],
    ['an emoji (a whole pair)', '😀', false, null],
    ['NUL', 'a\u0000b', true, 'control_character'],
    ['BEL', '\u0007', true, 'control_character'],
    ['DEL', '\u007f', true, 'control_character'],
    ['a C1 control', '\u0085', true, 'control_character'],
    ['a lone high surrogate', 'a\ud800', true, 'lone_surrogate'],
    ['a lone low surrogate', '\udc00b', true, 'lone_surrogate'],
    ['a reversed pair', '\ude00\ud83d', true, 'lone_surrogate'],
    ['a line break, multi-line', 'a\nb\r\n\tc', true, null],
    ['a line break, single-line', 'a\nb', false, 'line_break'],
    ['a tab, single-line', 'a\tb', false, 'line_break'],
  ] as const)('%s', (_name, text, allowsLineBreaks, rule) => {
    expect(textFault(text, { allowsLineBreaks })).toBe(rule);
  });
});

describe('findTextFaults', () => {
  it('finds faults in values and keys with their paths, without recursing', () => {
    let deep: unknown = 'x\u0000';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(findTextFaults(deep, 'v', { allowsLineBreaks: true })).toEqual([
      { path: `v${'.0'.repeat(100_000)}`, rule: 'control_character' },
    ]);
    const faults = findTextFaults({ a: ['ok', 'b\ud800'], 'k\u0001': 1 }, '', {
      allowsLineBreaks: true,
    });
    expect(faults.sort((left, right) => left.path.localeCompare(right.path))).toEqual([
      { path: 'a.1', rule: 'lone_surrogate' },
      { path: 'k\u0001', rule: 'control_character' },
    ]);
  });
});

describe('jsonNestsDeeperThan', () => {
  it.each([
    ['[[]]', 2, false],
    ['[[[]]]', 2, true],
    ['{"a":{"b":[1]}}', 3, false],
    ['{"a":{"b":[[1]]}}', 3, true],
    ['{"a":"[[[[[[["}', 1, false],
    ['{"a":"\\"[[[["}', 1, false],
  ] as const)('%s within %i: %s', (text, limit, isDeeper) => {
    expect(jsonNestsDeeperThan(text, limit)).toBe(isDeeper);
  });
});
