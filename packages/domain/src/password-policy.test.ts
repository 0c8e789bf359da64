import { describe, expect, it } from 'vitest';
import {
  passwordMaxLength,
  passwordProblems,
  passwordSpecialCharacters,
} from './password-policy.ts';
import type { PasswordRule } from './password-policy.ts';

describe('passwordProblems', () => {
  it.each<[string, string, PasswordRule[]]>([
    // exactly at the minimum length, every class present
    ['Abcdefgh1!', 'Abcdefgh1!', []],
    ['Abcdefg1!', 'Abcdefg1!', ['min_length']],
    ['', '', ['min_length', 'lowercase', 'uppercase', 'digit', 'special']],
    ['abcdefgh1!', 'abcdefgh1!', ['uppercase']],
    ['ABCDEFGH1!', 'ABCDEFGH1!', ['lowercase']],
    ['Abcdefghi!', 'Abcdefghi!', ['digit']],
    ['Abcdefghi1', 'Abcdefghi1', ['special']],
    // a character that is not in the list does not count as special
    ['Abcdefgh1$', 'Abcdefgh1$', ['special']],
    ['Abcdefgh1 ', 'Abcdefgh1 ', ['special']],
    ['Abcdefgh1!', 'Abcdefgh1?', ['confirmation']],
    ['Abcdefgh1!', '', ['confirmation']],
    // confirmation is compared exactly, case included
    ['Abcdefgh1!', 'abcdefgh1!', ['confirmation']],
    ['Demo.Guichet.2026', 'Demo.Guichet.2026', []],
    // letters of any script count; length counts characters, not UTF-16 units
    ['Éléphant9!', 'Éléphant9!', []],
    ['Ab1!😀😀😀😀😀', 'Ab1!😀😀😀😀😀', ['min_length']],
    ['Ab1!😀😀😀😀😀😀', 'Ab1!😀😀😀😀😀😀', []],
  ])('%j (confirmed as %j) → %j', (password, confirmation, expected) => {
    expect(passwordProblems(password, confirmation)).toEqual(expected);
  });

  it.each([...passwordSpecialCharacters])('accepts « %s » as the special character', (special) => {
    const password = `Abcdefgh1${special}`;
    expect(passwordProblems(password, password)).toEqual([]);
  });

  it('refuses passwords longer than the maximum', () => {
    const atMost = `Aa1!${'x'.repeat(passwordMaxLength - 4)}`;
    const beyond = `${atMost}x`;
    expect(passwordProblems(atMost, atMost)).toEqual([]);
    expect(passwordProblems(beyond, beyond)).toEqual(['max_length']);
  });
});
